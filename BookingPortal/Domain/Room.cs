namespace BookingPortal.Domain;

/// <summary>A room or device that holds one appointment at a time, across services.</summary>
public class Room
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public bool IsActive { get; set; } = true;

    /// <summary>Bumped by a conditional update to take the row's lock while a transaction checks the room's overlaps.</summary>
    public int LockVersion { get; set; }
}

/// <summary>A service that lists rooms needs one free room of those for each appointment.</summary>
public class ServiceRoom
{
    public int ServiceId { get; set; }
    public int RoomId { get; set; }
}

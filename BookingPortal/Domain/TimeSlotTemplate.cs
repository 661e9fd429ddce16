namespace BookingPortal.Domain;

/// <summary>A daily window (wall-clock time in the service's zone) that repeats on the given weekdays.</summary>
public class TimeSlotTemplate
{
    public int Id { get; set; }
    public int ServiceId { get; set; }
    public DaysOfWeekMask Days { get; set; } = DaysOfWeekMask.All;
    public TimeOnly Start { get; set; }
    public TimeOnly End { get; set; }
    public int Capacity { get; set; } = 1;
}

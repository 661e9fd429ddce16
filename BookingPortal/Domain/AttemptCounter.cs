namespace BookingPortal.Domain;

/// <summary>
/// How many tries one key (an account form with a client address or an account, hashed so the table
/// holds no address) made in one fixed window, shared by every instance on a server database.
/// Windows are aligned to the clock (Unix seconds), so every instance agrees on which one is current.
/// </summary>
public class AttemptCounter
{
    public required string Key { get; set; }

    /// <summary>Unix seconds at which the window starts; with <see cref="Key"/> the row's identity.</summary>
    public long WindowStart { get; set; }

    /// <summary>Unix seconds at which the window ends; rows past it are pruned.</summary>
    public long WindowEnds { get; set; }

    public int Count { get; set; }
}

namespace BookingPortal.Domain;

/// <summary>A staff member customers can book by name: their public profile, what they perform and when they work.</summary>
public class Practitioner
{
    public int Id { get; set; }

    /// <summary>The staff account that sees this practitioner's "My day"; null for a profile without a sign-in.</summary>
    public string? UserId { get; set; }
    public required string DisplayName { get; set; }
    public string Title { get; set; } = "";
    public string Bio { get; set; } = "";

    /// <summary>Language codes, comma-separated ("en,es").</summary>
    public string Languages { get; set; } = "";
    public string? PhotoUrl { get; set; }
    public bool IsActive { get; set; } = true;

    /// <summary>
    /// Bumped by a conditional update to take this row's lock: every transaction that gives the practitioner an
    /// appointment holds it while it checks their overlaps, so two such transactions run one after the other.
    /// </summary>
    public int LockVersion { get; set; }

    /// <summary>A hash of the secret token of the private calendar feed; null when no feed is issued.</summary>
    public string? CalendarFeedTokenHash { get; set; }

    /// <summary>An ICS feed of the practitioner's own calendar whose busy periods block their slots.</summary>
    public string? ExternalBusyFeedUrl { get; set; }

    public List<PractitionerService> Services { get; set; } = [];
    public List<WorkingHours> Hours { get; set; } = [];
    public List<AvailabilityException> Exceptions { get; set; } = [];

    public IEnumerable<string> LanguageCodes =>
        Languages.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>Who performs what.</summary>
public class PractitionerService
{
    public int PractitionerId { get; set; }
    public int ServiceId { get; set; }
}

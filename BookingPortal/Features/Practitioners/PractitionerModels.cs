namespace BookingPortal.Features.Practitioners;

/// <summary>One line of the practitioners list.</summary>
public sealed record PractitionerRow(int Id, string DisplayName, string Title, bool IsActive, IReadOnlyList<string> Services, bool HasAccount);

/// <summary>A staff account a profile can belong to (so its owner sees My day).</summary>
public sealed record StaffAccount(string Id, string Name);

/// <summary>A service a profile can perform, as the profile form lists it.</summary>
public sealed record ServiceChoice(int Id, string Name);

/// <summary>What the profile form offers to choose from.</summary>
public sealed record ProfileChoices(IReadOnlyList<ServiceChoice> Services, IReadOnlyList<StaffAccount> Accounts);

/// <summary>What staff fill in for a profile and the services it performs.</summary>
public sealed class PractitionerDraft
{
    public string? DisplayName { get; set; }
    public string? Title { get; set; }
    public string? Bio { get; set; }
    public string? Languages { get; set; }
    public string? PhotoUrl { get; set; }
    public string? UserId { get; set; }
    public bool IsActive { get; set; } = true;
    public HashSet<int> ServiceIds { get; set; } = [];
}

/// <summary>One range of the weekly rota as edited; times and dates are the practitioner's (their services') wall clock.</summary>
public sealed class HoursDraft
{
    public DayOfWeek Day { get; set; } = DayOfWeek.Monday;
    public TimeOnly? Start { get; set; } = new(9, 0);
    public TimeOnly? End { get; set; } = new(17, 0);
    public DateOnly? ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
}

/// <summary>Time off or extra hours: dates, with optional times (none: from the start of the first day to the end of the last).</summary>
public sealed class ExceptionDraft
{
    public AvailabilityExceptionKind Kind { get; set; } = AvailabilityExceptionKind.TimeOff;
    public DateOnly? FromDate { get; set; }
    public DateOnly? ToDate { get; set; }
    public TimeOnly? FromTime { get; set; }
    public TimeOnly? ToTime { get; set; }
    public string? Reason { get; set; }
}

/// <summary>
/// A practitioner as the edit page shows them. Of their own calendar's address only its host: the address is the
/// secret that reads their whole private calendar, and every staff member opens this page.
/// </summary>
public sealed record PractitionerDetail(
    int Id, PractitionerDraft Profile, IReadOnlyList<HoursDraft> Hours, IReadOnlyList<AvailabilityException> Exceptions,
    string? BusyFeedHost, bool HasCalendarFeed, string TimeZoneId);

/// <summary>The outcome of a save: the id, or the messages to show beside the fields (keyed by field name).</summary>
public sealed record SaveResult(int? Id, IReadOnlyList<FieldError> Errors)
{
    public bool Succeeded => Errors.Count == 0;

    public static SaveResult Invalid(IEnumerable<FieldError> errors) => new(null, errors.ToList());
}

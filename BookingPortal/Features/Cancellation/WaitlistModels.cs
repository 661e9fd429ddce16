namespace BookingPortal.Features.Cancellation;

public enum JoinWaitlistOutcome
{
    Joined,
    AlreadyWaiting,
    SeatsAvailable,
    OutsideBookingWindow,
    ServiceNotFound,
    EmailNotConfirmed,
}

public sealed record JoinWaitlistResult(JoinWaitlistOutcome Outcome, long? EntryId, string Message)
{
    public bool Succeeded => Outcome is JoinWaitlistOutcome.Joined or JoinWaitlistOutcome.AlreadyWaiting;
}

/// <summary>A waitlist entry as its customer sees it.</summary>
public sealed record WaitlistView(
    long Id,
    int ServiceId,
    string ServiceName,
    DateOnly LocalDate,
    DateTimeOffset? LocalSlotStart,
    WaitlistStatus Status,
    DateTimeOffset? LocalOfferedStart,
    DateTimeOffset? LocalOfferExpires,
    string TimeZoneId)
{
    /// <summary>The entry with its times in the service's zone.</summary>
    public static WaitlistView Of(WaitlistEntry entry, string serviceName, string timeZoneId)
    {
        var zone = TimeZoneCache.Find(timeZoneId);
        DateTimeOffset? Local(DateTime? utc) => utc is { } u ? TimeZoneInfo.ConvertTime(new DateTimeOffset(u), zone) : null;
        return new WaitlistView(entry.Id, entry.ServiceId, serviceName, entry.LocalDate, Local(entry.SlotStartUtc), entry.Status,
            Local(entry.OfferedSlotStartUtc), Local(entry.OfferExpiresAtUtc), timeZoneId);
    }

    /// <summary>A customer's open entries (waiting or offered), earliest date first.</summary>
    public static async Task<IReadOnlyList<WaitlistView>> ForCustomerAsync(BookingDbContext db, string customerId, CancellationToken cancellationToken)
    {
        var rows = await db.WaitlistEntries.AsNoTracking()
            .Where(e => e.CustomerId == customerId && (e.Status == WaitlistStatus.Waiting || e.Status == WaitlistStatus.Offered))
            .Join(db.Services, e => e.ServiceId, s => s.Id, (e, s) => new { Entry = e, s.Name, s.TimeZoneId })
            .ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.Entry.LocalDate).Select(r => Of(r.Entry, r.Name, r.TimeZoneId)).ToList();
    }
}

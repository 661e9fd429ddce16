using BookingPortal.Features.Bookings;
using Microsoft.AspNetCore.DataProtection;

namespace BookingPortal.Features.Queue;

public enum TurnLinkOutcome
{
    Resumed,
    SignInFirst,
    Tampered,
    Ended,
    AlreadyUsed,
    OtherAccount,

    /// <summary>The customer booked in the turn the link names (on the page, or admission booked their ranked choice).</summary>
    Booked,
}

/// <param name="ServiceId">The service whose book page the turn resumes on, once the link names a real turn.</param>
public sealed record TurnLinkResult(TurnLinkOutcome Outcome, int? ServiceId = null);

/// <summary>
/// The link in a "your turn" message. It names one admission (entry and admission instant) and its end,
/// sealed by Data Protection (the app's key ring, shared by every instance; no secret of its own), so it
/// cannot be forged or altered. It is used once: the first device to open it, signed in as the entry's
/// customer, marks it used with a conditional update; a second device at the same moment finds it used.
/// </summary>
[ScopedService]
public sealed class TurnLinks(IDataProtectionProvider dataProtection, IDbContextFactory<BookingDbContext> dbFactory, TimeProvider time)
{
    private readonly IDataProtector protector = dataProtection.CreateProtector("BookingPortal.Queue.TurnLink.v1");

    private sealed record Claim(long EntryId, DateTime AdmittedAtUtc, DateTime EndsAtUtc);

    /// <summary>The link's path and query, relative to the portal; the culture makes its page speak the customer's language.</summary>
    public string PathFor(long entryId, DateTime admittedAtUtc, DateTime endsAtUtc, string culture) =>
        $"{CustomerPages.YourTurn}?t={protector.Protect(FormattableString.Invariant($"{entryId}.{admittedAtUtc.Ticks}.{endsAtUtc.Ticks}"))}&culture={Uri.EscapeDataString(culture)}";

    /// <summary>Uses the link for <paramref name="customerId"/> (null when signed out); only a usable link asks to sign in.</summary>
    public async Task<TurnLinkResult> ResumeAsync(string? token, string? customerId, CancellationToken cancellationToken = default)
    {
        if (Read(token) is not { } claim)
        {
            return new(TurnLinkOutcome.Tampered);
        }

        var nowUtc = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var turn = await (from e in db.QueueEntries
                          join o in db.ReleaseOpenings on e.OpeningId equals o.Id
                          join r in db.Releases on o.ReleaseId equals r.Id
                          where e.Id == claim.EntryId
                          select new { e.CustomerId, e.Status, e.AdmittedAtUtc, e.ExpiresAtUtc, e.TurnLinkUsedAtUtc, r.ServiceId })
            .AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        if (turn is not null && BookedIn(claim, turn.Status, turn.AdmittedAtUtc))
        {
            return new(TurnLinkOutcome.Booked, turn.ServiceId);
        }

        // After joining again the entry keeps its last admission's instant, but no window until it is admitted anew.
        if (turn is null || claim.EndsAtUtc <= nowUtc || turn.AdmittedAtUtc != claim.AdmittedAtUtc || turn.ExpiresAtUtc is null)
        {
            return new(TurnLinkOutcome.Ended, turn?.ServiceId);
        }

        var outcome = turn.TurnLinkUsedAtUtc >= turn.AdmittedAtUtc ? TurnLinkOutcome.AlreadyUsed
            : turn.Status != QueueEntryStatus.Admitted || turn.ExpiresAtUtc <= nowUtc ? TurnLinkOutcome.Ended
            : customerId is null ? TurnLinkOutcome.SignInFirst
            : customerId != turn.CustomerId ? TurnLinkOutcome.OtherAccount
            : await UseAsync(db, claim, customerId, nowUtc, cancellationToken);
        return new(outcome, turn.ServiceId);
    }

    /// <summary>The conditional update that makes the link single-use: of two devices at once, one changes the row.</summary>
    private static async Task<TurnLinkOutcome> UseAsync(BookingDbContext db, Claim claim, string customerId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var used = await db.QueueEntries
            .Where(e => e.Id == claim.EntryId && e.CustomerId == customerId && e.Status == QueueEntryStatus.Admitted && e.AdmittedAtUtc == claim.AdmittedAtUtc
                        && e.ExpiresAtUtc > nowUtc && (e.TurnLinkUsedAtUtc == null || e.TurnLinkUsedAtUtc < e.AdmittedAtUtc))
            .ExecuteUpdateAsync(e => e.SetProperty(x => x.TurnLinkUsedAtUtc, nowUtc), cancellationToken);
        if (used == 1)
        {
            return TurnLinkOutcome.Resumed;
        }

        // Read together, after the update missed: a booking that completed the turn since the first read is told as booked, not as a turn that ended.
        var now = await db.QueueEntries.Where(e => e.Id == claim.EntryId).Select(e => new { e.Status, e.AdmittedAtUtc, e.TurnLinkUsedAtUtc }).SingleAsync(cancellationToken);
        return BookedIn(claim, now.Status, now.AdmittedAtUtc) ? TurnLinkOutcome.Booked
            : now.TurnLinkUsedAtUtc >= claim.AdmittedAtUtc ? TurnLinkOutcome.AlreadyUsed
            : TurnLinkOutcome.Ended;
    }

    /// <summary>Joining again makes the entry wait anew, so a completed entry of this admission means this turn booked, whenever the link is opened.</summary>
    private static bool BookedIn(Claim claim, QueueEntryStatus status, DateTime? admittedAtUtc) =>
        status == QueueEntryStatus.Completed && admittedAtUtc == claim.AdmittedAtUtc;

    private Claim? Read(string? token)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return null;
        }

        try
        {
            var parts = protector.Unprotect(token).Split('.');
            return parts.Length == 3
                   && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var entryId)
                   && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var admitted)
                   && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var ends)
                ? new Claim(entryId, new DateTime(admitted, DateTimeKind.Utc), new DateTime(ends, DateTimeKind.Utc))
                : null;
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null;
        }
    }
}

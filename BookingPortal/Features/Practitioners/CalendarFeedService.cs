using BookingPortal.Features.Audit;
using BookingPortal.Features.Staff;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
// Not System.Globalization.Calendar, which the project imports everywhere.
using Calendar = Ical.Net.Calendar;

namespace BookingPortal.Features.Practitioners;

/// <summary>
/// A practitioner's private calendar feed: an ICS address with a secret token their phone subscribes to.
/// Issuing a token replaces the last one (so the old address stops working); revoking removes it. The feed
/// lists their appointments from a week back to three months ahead with only what they need to turn up:
/// the service, the time, the place and the confirmation number, never the customer's name or contacts,
/// because a subscribed calendar is copied to servers the clinic does not control.
/// </summary>
[ScopedService]
public sealed class CalendarFeedService(IDbContextFactory<BookingDbContext> dbFactory, AuditLog audit, TimeProvider time)
{
    public const string ContentType = "text/calendar; charset=utf-8";
    public static readonly TimeSpan Past = TimeSpan.FromDays(7);
    public static readonly TimeSpan Ahead = TimeSpan.FromDays(92);

    public static string PathFor(string token) => $"calendar/practitioners/{token}.ics";

    /// <summary>The practitioner themself, or staff on their behalf.</summary>
    /// <returns>The new token, shown once; null when there is no such practitioner.</returns>
    public async Task<string?> IssueAsync(StaffActor actor, int practitionerId, CancellationToken cancellationToken = default)
    {
        actor.EnsureStaff();
        var token = CalendarFeedToken.Create();
        var changed = await SetHashAsync(actor, practitionerId, CalendarFeedToken.Hash(token), "practitioner.calendar_feed_issued", cancellationToken);
        return changed ? token : null;
    }

    public Task<bool> RevokeAsync(StaffActor actor, int practitionerId, CancellationToken cancellationToken = default) =>
        SetHashAsync(actor.EnsureStaff(), practitionerId, null, "practitioner.calendar_feed_revoked", cancellationToken);

    /// <returns>
    /// The feed's text, or null when the token opens no feed: never issued, revoked or replaced, or its practitioner has
    /// left (the profile made inactive, the linked account closed or no longer holding a staff role), whose phone went on
    /// receiving the schedule. Asked at every read, as <see cref="StaffActors"/> asks at every staff action, so each way of
    /// taking the role away stops the feed without anyone remembering to revoke it; lockout is not asked, for their reason.
    /// </returns>
    public async Task<string?> RenderAsync(string token, CancellationToken cancellationToken = default)
    {
        if (!CalendarFeedToken.IsWellFormed(token))
        {
            return null;
        }

        var hash = CalendarFeedToken.Hash(token);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var feed = await db.Practitioners
            .Where(p => p.CalendarFeedTokenHash == hash && p.IsActive && (p.UserId == null || db.Users.Any(u => u.Id == p.UserId && u.DeletedAtUtc == null)))
            .Select(p => new { p.Id, p.UserId }).FirstOrDefaultAsync(cancellationToken);
        if (feed is null || (feed.UserId is { } userId && !await Roles.IsStaffAsync(db, userId, cancellationToken)))
        {
            return null;
        }

        var id = feed.Id;

        var nowUtc = time.GetUtcNow().UtcDateTime;
        var (from, to) = (nowUtc - Past, nowUtc + Ahead);
        var appointments = await db.Bookings.AsNoTracking()
            .Where(b => b.PractitionerId == id && b.StartUtc >= from && b.StartUtc < to
                        && (b.Status == BookingStatus.Confirmed || b.Status == BookingStatus.Completed || b.Status == BookingStatus.PendingPayment || b.Status == BookingStatus.AwaitingApproval))
            .OrderBy(b => b.StartUtc)
            // Under privacy mode the service's name (often health information) does not travel to the calendar's servers.
            .Select(b => new FeedAppointment(b.Id, b.ConfirmationNumber, b.StartUtc, b.EndUtc, b.Status, b.Service!.PrivacyMode ? PrivateTitle : b.Service.Name,
                b.PlaceKind != null ? (b.PlaceKind == LocationKind.InPerson ? b.PlaceAddress : null)
                    : b.Service.LocationKind == LocationKind.InPerson ? b.Service.Address : null))
            .ToListAsync(cancellationToken);
        return Write(appointments, nowUtc);
    }

    /// <summary>The title of an appointment of a service in privacy mode, as its calendar files show it.</summary>
    public const string PrivateTitle = "Appointment";

    private sealed record FeedAppointment(Guid Id, string ConfirmationNumber, DateTime StartUtc, DateTime EndUtc, BookingStatus Status, string ServiceName, string? Address);

    private static string Write(IEnumerable<FeedAppointment> appointments, DateTime nowUtc)
    {
        var calendar = new Calendar { ProductId = "-//BookingPortal//Practitioner feed//EN" };
        foreach (var a in appointments)
        {
            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"{a.Id}@bookingportal",
                Summary = a.ServiceName,
                Description = $"Confirmation number {a.ConfirmationNumber}",
                // UTC times need no VTIMEZONE, and every calendar shows them in its own zone.
                DtStart = new CalDateTime(DateTime.SpecifyKind(a.StartUtc, DateTimeKind.Utc), "UTC"),
                DtEnd = new CalDateTime(DateTime.SpecifyKind(a.EndUtc, DateTimeKind.Utc), "UTC"),
                DtStamp = new CalDateTime(nowUtc, "UTC"),
                Location = a.Address,
                Status = a.Status is BookingStatus.PendingPayment or BookingStatus.AwaitingApproval ? "TENTATIVE" : "CONFIRMED",
            });
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    private Task<bool> SetHashAsync(StaffActor actor, int practitionerId, string? hash, string action, CancellationToken cancellationToken) =>
        audit.ChangeAndRecordAsync(
            actor,
            db => db.Practitioners.Where(p => p.Id == practitionerId).ExecuteUpdateAsync(p => p.SetProperty(x => x.CalendarFeedTokenHash, hash), cancellationToken),
            action, $"practitioner {practitionerId}", cancellationToken);
}

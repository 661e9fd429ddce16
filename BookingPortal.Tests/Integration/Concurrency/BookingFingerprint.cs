using BookingPortal.Features.Accounts;

namespace BookingPortal.Tests.Integration.Concurrency;

/// <summary>
/// What two operations left of one booking, in words that do not depend on ids or times: its status, slot and practitioner, whether
/// it was checked in, the customer's no-show count and account, its ledger, the messages queued for it (not those skipped), the audit
/// trail and its refunds, asked for and made. Two runs that end alike print alike, so a race can be compared with the two orders the operations had alone.
/// </summary>
public static class BookingFingerprint
{
    public static async Task<string> ReadAsync(OperationScene scene)
    {
        await using var db = await scene.Factory.DbFactory.CreateDbContextAsync();
        var booking = await db.Bookings.AsNoTracking().SingleAsync(b => b.Id == scene.Booking.Id);
        var practitioner = await db.Practitioners.AsNoTracking().Where(p => p.Id == booking.PractitionerId).Select(p => p.DisplayName).SingleOrDefaultAsync();
        var customer = await db.Users.AsNoTracking().Where(u => u.Id == booking.CustomerId)
            .Select(u => new { u.NoShowCount, u.UserName }).SingleAsync();
        var ledger = await db.LedgerEntries.AsNoTracking().Where(e => e.BookingId == booking.Id).Select(e => new { e.Kind, e.Amount }).ToListAsync();
        // A message skipped (its account closed before it went) reaches nobody: it is not one the booking sent.
        var messages = await db.OutboxMessages.AsNoTracking().Where(m => m.BookingId == booking.Id && m.Status != OutboxStatus.Skipped)
            .Select(m => new { m.Kind, m.Channel }).ToListAsync();
        var audit = await db.AuditEntries.AsNoTracking().Where(a => a.Subject == booking.ConfirmationNumber).Select(a => a.Action).ToListAsync();
        var refunds = await db.RefundRequests.AsNoTracking().Where(r => r.BookingId == booking.Id).Select(r => new { r.Amount, r.Status }).ToListAsync();
        var refundedByProvider = scene.Stripe?.RefundsMade.Where(r => r.PaymentIntent == scene.PaymentReference).Select(r => r.Amount) ?? [];

        var closed = customer.UserName?.StartsWith(AccountClosing.TombstonePrefix, StringComparison.Ordinal) == true ? ", account closed" : "";
        return $"{booking.Status} on {Where(scene, booking.StartUtc)}{(practitioner is null ? "" : $" with {practitioner}")}{(booking.CheckedInAtUtc is null ? "" : ", checked in")}; "
               + $"{customer.NoShowCount} no-show(s){closed}; "
               + $"ledger [{Sorted(ledger.Select(e => $"{e.Kind} {e.Amount:0.00}"))}]; "
               + $"messages [{Sorted(messages.Select(m => $"{m.Kind}/{m.Channel}"))}]; "
               + $"audit [{Sorted(audit)}]; "
               + $"refunds [{Sorted(refunds.Select(r => $"{r.Amount:0.00} {r.Status}"))}], made by the provider [{Sorted(refundedByProvider)}]";
    }

    private static string Where(OperationScene scene, DateTime startUtc) =>
        startUtc == scene.From ? "its slot"
        : startUtc == scene.CustomerPick ? "the customer's pick"
        : startUtc == scene.StaffPick ? "the staff's pick"
        : "the time its stage gave it";

    private static string Sorted(IEnumerable<string> items) => string.Join(", ", items.Order(StringComparer.Ordinal));
}

using BookingPortal.Features.Bookings;
using BookingPortal.Features.Audit;
using BookingPortal.Features.Cancellation;
using BookingPortal.Features.Staff;

namespace BookingPortal.Features.Accounts;

/// <summary>What closing an account did, for the page and the tests.</summary>
public sealed record ClosedAccount(int BookingsCancelled, int BookingsNotCancelled, int WaitlistPlacesRemoved, int ApiKeysRemoved);

/// <summary>
/// Closes a customer's account without breaking the clinic's records. Upcoming bookings are
/// cancelled through the ordinary cancellation (its policy, its refunds through the durable refund
/// queue, the seat handed to the waitlist); waitlist places are left (an offered seat goes to the
/// next person) and removed. The user row stays as a tombstone because past bookings, ledgers and
/// refunds point at it, but nothing on it identifies the person any more: no name, e-mail, phone,
/// password, logins, passkeys, roles or keys, and the messages written to them lose their address
/// and bodies. The audit log records the closing by account id only.
/// </summary>
[ScopedService]
public sealed class AccountClosing(
    IDbContextFactory<BookingDbContext> dbFactory, CancellationService cancellations, WaitlistService waitlist, AuditLog audit, TimeProvider time)
{
    public const string ClosedRecipient = "(account closed)";

    /// <summary>A closed account's user name is this and its id: the mark that the closing finished.</summary>
    public const string TombstonePrefix = "closed-";

    public async Task<ClosedAccount> CloseAsync(string userId, CancellationToken cancellationToken = default)
    {
        // Shut first: a booking or claim from another tab either committed before this (and is cancelled below) or is refused.
        await using (var gate = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await BookingWrites.ShutCustomerGateAsync(gate, userId, time.GetUtcNow().UtcDateTime, cancellationToken);
        }

        var (cancelled, notCancelled) = await CancelUpcomingAsync(userId, cancellationToken);
        var waitlistPlaces = await LeaveWaitlistsAsync(userId, cancellationToken);
        var nowUtc = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var email = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The customer's row first, as every booking transaction takes it: the global lock order.
        await AnonymiseAsync(db, userId, nowUtc, cancellationToken);
        await ForgetInAuditAsync(db, userId, email, cancellationToken);
        var keys = await db.ApiKeys.Where(k => k.OwnerId == userId).ExecuteDeleteAsync(cancellationToken);
        // A drawn place is part of a published, checkable draw: it stays (tied to the anonymised account, out of line).
        await db.QueueEntries.Where(e => e.CustomerId == userId && e.DrawPlace == null).ExecuteDeleteAsync(cancellationToken);
        await db.QueueEntries.Where(e => e.CustomerId == userId && e.DrawPlace != null)
            .ExecuteUpdateAsync(e => e.SetProperty(x => x.Status, QueueEntryStatus.Left).SetProperty(x => x.FinishedAtUtc, nowUtc), cancellationToken);
        await db.AudienceMembers.Where(m => m.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.UserRoles.Where(r => r.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.UserLogins.Where(l => l.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.UserTokens.Where(t => t.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.UserClaims.Where(c => c.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.UserPasskeys.Where(p => p.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await ForgetMessagesAsync(db, userId, nowUtc, cancellationToken);
        // What the customer told the clinic (a reason for coming, a referral) is theirs; the bookings stay for the books.
        await db.BookingAnswers.Where(a => db.Bookings.Any(b => b.Id == a.BookingId && b.CustomerId == userId)).ExecuteDeleteAsync(cancellationToken);
        audit.Record(db, new StaffActor(userId, "the customer", IsStaff: false, IsAdmin: false), "account.closed", $"account {userId}",
            $"Cancelled {cancelled} upcoming booking(s); {notCancelled} could not be cancelled; removed {waitlistPlaces} waitlist place(s) and {keys} API key(s).");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ClosedAccount(cancelled, notCancelled, waitlistPlaces, keys);
    }

    /// <summary>Each through the customer's own cancellation, so the policy's fee, the refund and the waitlist work as they always do.</summary>
    private async Task<(int Cancelled, int NotCancelled)> CancelUpcomingAsync(string userId, CancellationToken cancellationToken)
    {
        var nowUtc = time.GetUtcNow().UtcDateTime;
        List<string> upcoming;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            upcoming = await db.Bookings.Where(b => b.CustomerId == userId && b.StartUtc > nowUtc
                                                    && Domain.Booking.ActiveStatuses.Contains(b.Status))
                .Select(b => b.ConfirmationNumber).ToListAsync(cancellationToken);
        }

        var cancelled = 0;
        foreach (var number in upcoming)
        {
            var result = await cancellations.CancelAsync(new CancelRequest(number, userId, IsStaff: false, Reason: "Account closed"), cancellationToken);
            cancelled += result.Succeeded ? 1 : 0;
        }

        return (cancelled, upcoming.Count - cancelled);
    }

    private async Task<int> LeaveWaitlistsAsync(string userId, CancellationToken cancellationToken)
    {
        List<long> entries;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            entries = await db.WaitlistEntries.Where(e => e.CustomerId == userId).Select(e => e.Id).ToListAsync(cancellationToken);
        }

        foreach (var entryId in entries)
        {
            await waitlist.LeaveAsync(entryId, userId, cancellationToken);
        }

        await using var cleanup = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Only ended entries go: one that still waits or holds an offer (left by nobody above) would lose its seat's trail.
        await cleanup.WaitlistEntries.Where(e => e.CustomerId == userId && e.Status != WaitlistStatus.Waiting && e.Status != WaitlistStatus.Offered)
            .ExecuteDeleteAsync(cancellationToken);
        return entries.Count;
    }

    /// <summary>Messages not yet sent are not sent; all lose the address and what they said.</summary>
    private static Task ForgetMessagesAsync(BookingDbContext db, string userId, DateTime nowUtc, CancellationToken cancellationToken) =>
        db.OutboxMessages.Where(m => m.CustomerId == userId && m.Channel != NotificationChannel.Webhook)
            .ExecuteUpdateAsync(m => m
                .SetProperty(x => x.Status, x => x.Status == OutboxStatus.Pending || x.Status == OutboxStatus.Sending ? OutboxStatus.Skipped : x.Status)
                .SetProperty(x => x.LastError, x => x.Status == OutboxStatus.Pending || x.Status == OutboxStatus.Sending ? "Account closed." : x.LastError)
                .SetProperty(x => x.Recipient, ClosedRecipient)
                .SetProperty(x => x.TextBody, MessageRetention.PurgedText)
                .SetProperty(x => x.HtmlBody, (string?)null)
                .SetProperty(x => x.AttachmentContent, (string?)null)
                .SetProperty(x => x.BodiesPurgedAtUtc, nowUtc), cancellationToken);

    /// <summary>
    /// Staff's audit lines about the customer name them by address in their subject (a no-show limit set, an audience
    /// joined): the account's id stands in for it, as in the closing's own line, so the log keeps what was done but
    /// not to whom. The subject whole, never a part of a text: "an@x.com" must not touch "jan@x.com".
    /// </summary>
    private static async Task ForgetInAuditAsync(BookingDbContext db, string userId, string? email, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(email))
        {
            return;
        }

        var standIn = $"account {userId}";
        var lower = email.ToLowerInvariant();
        await db.AuditEntries.Where(a => a.Subject.ToLower() == lower).ExecuteUpdateAsync(a => a.SetProperty(x => x.Subject, standIn), cancellationToken);
    }

    private static Task AnonymiseAsync(BookingDbContext db, string userId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var tombstone = TombstonePrefix + userId;
        return db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(u => u
            .SetProperty(x => x.UserName, tombstone)
            .SetProperty(x => x.NormalizedUserName, tombstone.ToUpperInvariant())
            .SetProperty(x => x.Email, (string?)null)
            .SetProperty(x => x.NormalizedEmail, (string?)null)
            .SetProperty(x => x.EmailConfirmed, false)
            .SetProperty(x => x.PhoneNumber, (string?)null)
            .SetProperty(x => x.PhoneNumberConfirmed, false)
            .SetProperty(x => x.DisplayName, (string?)null)
            .SetProperty(x => x.SmsOptIn, false)
            .SetProperty(x => x.PasswordHash, (string?)null)
            .SetProperty(x => x.TwoFactorEnabled, false)
            .SetProperty(x => x.PreferredCulture, (string?)null)
            // A new stamp signs out every session; a lockout to the end of time keeps the tombstone from ever signing in.
            .SetProperty(x => x.SecurityStamp, Guid.NewGuid().ToString())
            .SetProperty(x => x.LockoutEnabled, true)
            .SetProperty(x => x.LockoutEnd, DateTimeOffset.MaxValue)
            .SetProperty(x => x.DeletedAtUtc, nowUtc), cancellationToken);
    }
}

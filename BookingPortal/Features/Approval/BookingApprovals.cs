using BookingPortal.Features.Bookings;
using BookingPortal.Features.Catalog;
using BookingPortal.Features.Localization;
using BookingPortal.Features.Staff;

namespace BookingPortal.Features.Approval;

/// <summary>Staff's side of approval: the requests waiting for an answer, and the answer (approve, or decline with a reason the customer reads).</summary>
[ScopedService]
public sealed class BookingApprovals(
    IDbContextFactory<BookingDbContext> dbFactory,
    ApprovalTransitions transitions,
    SlotChangeNotifier slotChanges,
    BookingChangeNotifier bookingChanges,
    IStringLocalizer<PortalText> text,
    TimeProvider time)
{
    /// <summary>The column holds 500 characters.</summary>
    public const int MaxReasonLength = 500;

    /// <summary>How many requests the panel lists: a desk answers the top of the list, and the count says how many wait.</summary>
    public const int MaxListed = 200;

    /// <summary>The requests still waiting, the one that lapses first at the top, at most <paramref name="max"/> of them, and how many wait in all.</summary>
    public async Task<AwaitingApprovals> ListAwaitingAsync(StaffActor actor, int max = MaxListed, CancellationToken cancellationToken = default)
    {
        actor.EnsureStaff();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var awaiting = db.Bookings.AsNoTracking().Where(b => b.Status == BookingStatus.AwaitingApproval);
        var rows = await awaiting.Include(b => b.Service)
            .Join(db.Users, b => b.CustomerId, u => u.Id, (b, u) => new { Booking = b, Name = u.DisplayName ?? u.Email ?? u.UserName ?? "" })
            .OrderBy(r => r.Booking.ExpiresAtUtc).ThenBy(r => r.Booking.StartUtc)
            .Take(max)
            .ToListAsync(cancellationToken);
        var total = rows.Count < max ? rows.Count : await awaiting.CountAsync(cancellationToken);
        return new AwaitingApprovals(rows.Select(r => new AwaitingApprovalRow(BookingReader.ToView(r.Booking), r.Name, r.Booking.ExpiresAtUtc ?? r.Booking.StartUtc)).ToList(), total);
    }

    public async Task<ApprovalResult> ApproveAsync(StaffActor actor, Guid bookingId, CancellationToken cancellationToken = default)
    {
        actor.EnsureStaff();
        var outcome = await transitions.ApproveAsync(actor, bookingId, time.GetUtcNow().UtcDateTime, cancellationToken);
        await NotifyAsync(outcome, bookingId, cancellationToken);
        return new ApprovalResult(outcome, outcome switch
        {
            ApprovalOutcome.Approved => text["Approved. The customer has been told."],
            ApprovalOutcome.ApprovedAwaitingDeposit => text["Approved. The customer has been asked to pay the deposit online."],
            ApprovalOutcome.TooLate => text["Too late: this request passed its deadline and its seat is being released."],
            _ => text["This request has already been answered or withdrawn."],
        });
    }

    public async Task<ApprovalResult> DeclineAsync(StaffActor actor, Guid bookingId, string? reason, CancellationToken cancellationToken = default)
    {
        actor.EnsureStaff();
        var trimmed = reason?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return new ApprovalResult(ApprovalOutcome.ReasonRequired, text["Tell the customer why: the reason is shown to them."]);
        }

        if (trimmed.Length > MaxReasonLength)
        {
            return new ApprovalResult(ApprovalOutcome.ReasonRequired, text["Keep the reason to 500 characters."]);
        }

        var end = new EndOfRequest(actor.Id, actor.Name, trimmed, "booking.declined", OnlyWhenDue: false);
        var declined = await transitions.EndAsync(bookingId, end, time.GetUtcNow().UtcDateTime, cancellationToken);
        var outcome = declined ? ApprovalOutcome.Declined : ApprovalOutcome.NotAwaiting;
        await NotifyAsync(outcome, bookingId, cancellationToken);
        return new ApprovalResult(outcome, declined
            ? text["Declined. The customer has been told why, and the seat is released."]
            : text["This request has already been answered or withdrawn."]);
    }

    private async Task NotifyAsync(ApprovalOutcome outcome, Guid bookingId, CancellationToken cancellationToken)
    {
        if (outcome is ApprovalOutcome.Approved or ApprovalOutcome.ApprovedAwaitingDeposit or ApprovalOutcome.Declined)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            slotChanges.NotifyChanged(await db.Bookings.Where(b => b.Id == bookingId).Select(b => b.ServiceId).SingleAsync(cancellationToken));
            bookingChanges.NotifyChanged(bookingId);
        }
    }
}

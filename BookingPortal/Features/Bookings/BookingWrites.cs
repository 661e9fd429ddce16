namespace BookingPortal.Features.Bookings;

/// <summary>
/// The steps every booking-creating transaction shares (a reservation, a waitlist claim), so
/// the customer gate, the limit and the deposit record are written one way only.
/// </summary>
internal static class BookingWrites
{
    /// <summary>
    /// Bumps the customer's own row first. The update takes that row's write lock, so one
    /// customer's booking transactions run one after the other and the active-booking count read
    /// afterwards cannot be stale; other customers are not blocked by it.
    /// </summary>
    public static async Task<bool> EnterCustomerGateAsync(BookingDbContext db, string customerId, CancellationToken cancellationToken) =>
        (await EnterCustomerGatesAsync(db, [customerId], cancellationToken)).Count == 0;

    /// <summary>
    /// The gates of several customers in one statement (a batch of reservations); returns the customers who may not
    /// book at all: unknown, or whose account is closed (closing shuts the gate first, see AccountClosing). The
    /// second query runs only when the first did not pass them all.
    /// </summary>
    public static async Task<IReadOnlySet<string>> EnterCustomerGatesAsync(BookingDbContext db, IReadOnlyCollection<string> customerIds, CancellationToken cancellationToken)
    {
        var distinct = customerIds.Distinct(StringComparer.Ordinal).ToList();
        var openAccounts = db.Users.Where(u => distinct.Contains(u.Id) && u.DeletedAtUtc == null);
        var entered = await openAccounts.ExecuteUpdateAsync(u => u.SetProperty(x => x.BookingGate, x => x.BookingGate + 1), cancellationToken);
        if (entered == distinct.Count)
        {
            return NoOne;
        }

        var open = await openAccounts.Select(u => u.Id).ToListAsync(cancellationToken);
        return distinct.Except(open, StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Shuts a closing account's gate: after this no booking, claim or waitlist place can start for it, and one already
    /// inside the gate has committed (this update waited for its row lock), so the closing sees every booking to cancel.
    /// </summary>
    public static Task ShutCustomerGateAsync(BookingDbContext db, string customerId, DateTime nowUtc, CancellationToken cancellationToken) =>
        db.Users.Where(u => u.Id == customerId && u.DeletedAtUtc == null)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.BookingGate, x => x.BookingGate + 1).SetProperty(x => x.DeletedAtUtc, nowUtc), cancellationToken);

    private static readonly IReadOnlySet<string> NoOne = new HashSet<string>();

    /// <summary>
    /// Why this customer may not take one more booking of the service now, or null: takes the customer's gate, then
    /// checks the no-show limit staff set, a confirmed address (where required), a seat already held in the slot (where
    /// the service gives one per customer) and the active-booking limit (for a single booking outside the batch writer).
    /// </summary>
    public static async Task<BookingError?> CustomerRefusalAsync(
        BookingDbContext db, AccountRules rules, Service service, string customerId, long slotInventoryId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        if (!await EnterCustomerGateAsync(db, customerId, cancellationToken))
        {
            return BookingError.InvalidRequest;
        }

        if (await NeedsStaffHelpAsync(db, customerId, cancellationToken))
        {
            return BookingError.NeedsStaffHelp;
        }

        if (await LacksConfirmedEmailAsync(db, rules, customerId, cancellationToken))
        {
            return BookingError.EmailNotConfirmed;
        }

        if (await HoldsAnotherSeatAsync(db, service, customerId, Guid.Empty, slotInventoryId, cancellationToken))
        {
            return BookingError.SeatAlreadyHeld;
        }

        return await HasReachedLimitAsync(db, service, customerId, nowUtc, cancellationToken) ? BookingError.LimitReached : null;
    }

    /// <summary>True when staff set a no-show limit for this customer and it has been reached.</summary>
    public static async Task<bool> NeedsStaffHelpAsync(BookingDbContext db, string customerId, CancellationToken cancellationToken) =>
        await db.Users.Where(u => u.Id == customerId).AnyAsync(NeedsStaffHelp, cancellationToken);

    /// <summary>True when confirmed addresses are required and this customer's is not. Staff booking at the desk for them are not asked.</summary>
    public static async Task<bool> LacksConfirmedEmailAsync(BookingDbContext db, AccountRules rules, string customerId, CancellationToken cancellationToken) =>
        rules.RequireConfirmedEmail && await db.Users.Where(u => u.Id == customerId).AnyAsync(rules.Unconfirmed, cancellationToken);

    public static readonly System.Linq.Expressions.Expression<Func<ApplicationUser, bool>> NeedsStaffHelp =
        u => u.NoShowLimit != null && u.NoShowCount >= u.NoShowLimit;

    /// <summary>Call inside the customer gate only.</summary>
    public static async Task<bool> HasReachedLimitAsync(BookingDbContext db, Service service, string customerId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var active = await db.Bookings.Where(ActiveAfter(nowUtc)).CountAsync(b => b.CustomerId == customerId && b.ServiceId == service.Id, cancellationToken);
        return BookingRules.HasReachedLimit(service, active);
    }

    /// <summary>Whether the service gives one seat per customer per slot and the customer holds one in that slot with another booking.</summary>
    public static async Task<bool> HoldsAnotherSeatAsync(
        BookingDbContext db, Service service, string customerId, Guid movingBookingId, long slotInventoryId, CancellationToken cancellationToken) =>
        !service.AllowSeveralSeatsPerCustomer
        && await db.Bookings.Where(Domain.Booking.HoldsSeat)
            .AnyAsync(b => b.CustomerId == customerId && b.SlotInventoryId == slotInventoryId && b.Id != movingBookingId, cancellationToken);

    /// <summary>The bookings that count against a customer's limit: held or confirmed, and still to come.</summary>
    public static System.Linq.Expressions.Expression<Func<Domain.Booking, bool>> ActiveAfter(DateTime nowUtc) =>
        b => (b.Status == BookingStatus.PendingPayment || b.Status == BookingStatus.Confirmed || b.Status == BookingStatus.AwaitingApproval) && b.StartUtc > nowUtc;

    /// <summary>
    /// A booking on a seat to be counted by the caller, not yet added anywhere (so its messages can
    /// be composed before a transaction opens). It is confirmed at once unless the deposit is to be
    /// paid online: then the seat is held until <paramref name="paymentHoldUntilUtc"/> and the
    /// payment webhook confirms it. A service that requires approval holds the seat for staff
    /// instead, and asks for the deposit only once they approve (BookingApprovals).
    /// </summary>
    public static Domain.Booking NewBooking(
        Service service, string customerId, long inventoryId, DateTime startUtc, DateTime endUtc, string idempotencyKey, DateTime nowUtc,
        DateTime? paymentHoldUntilUtc)
    {
        var (status, expiresAtUtc) = service.RequiresApproval
            ? (BookingStatus.AwaitingApproval, ApprovalDeadline(service, startUtc, nowUtc))
            : paymentHoldUntilUtc is not null && service.DepositDueNow > 0
                ? (BookingStatus.PendingPayment, paymentHoldUntilUtc)
                : (BookingStatus.Confirmed, (DateTime?)null);
        return new Domain.Booking
        {
            Id = Guid.CreateVersion7(),
            ConfirmationNumber = ConfirmationNumber.New(),
            CustomerId = customerId,
            ServiceId = service.Id,
            SlotInventoryId = inventoryId,
            StartUtc = startUtc,
            EndUtc = endUtc,
            Status = status,
            CreatedAtUtc = nowUtc,
            ConfirmedAtUtc = status == BookingStatus.Confirmed ? nowUtc : null,
            ExpiresAtUtc = expiresAtUtc,
            Price = service.Price,
            DepositAmount = service.DepositDueNow,
            Currency = service.Currency,
            FreeCancellationHours = service.FreeCancellationHours,
            CancellationFee = service.CancellationFee,
            IdempotencyKey = idempotencyKey,
        };
    }

    /// <summary>Until when staff may answer a request; a request nobody answered before the appointment cannot be kept anyway.</summary>
    public static DateTime ApprovalDeadline(Service service, DateTime startUtc, DateTime nowUtc)
    {
        var decideBy = nowUtc.AddHours(service.ApprovalHoldHours);
        return decideBy < startUtc ? decideBy : startUtc;
    }

    /// <summary>Adds the booking with its deposit recorded as due and the answers to its service's questions.</summary>
    public static void Add(BookingDbContext db, Domain.Booking booking, IReadOnlyList<BookingAnswer>? answers = null)
    {
        db.Bookings.Add(booking);
        BookingAnswerWrites.Add(db, booking, answers ?? []);
        if (booking.DepositAmount > 0)
        {
            db.LedgerEntries.Add(LedgerEntry.For(
                booking.Id, booking.Currency, LedgerEntryKind.DepositDue, booking.DepositAmount, booking.CreatedAtUtc,
                booking.Status switch
                {
                    BookingStatus.PendingPayment => "Deposit payable online.",
                    BookingStatus.AwaitingApproval => "Deposit payable once approved.",
                    _ => "Deposit payable at reception.",
                }));
        }
    }
}

using BookingPortal.Features.Accounts;
using BookingPortal.Features.Approval;

namespace BookingPortal.Tests.Integration.Concurrency;

/// <summary>Where a booking stands when two operations meet on it: each stage has the operations that can act on it then.</summary>
public enum BookingStage
{
    /// <summary>Confirmed, a week or more ahead: the customer's and the staff's changes, a closed slot, a closed account.</summary>
    WeekAhead,

    /// <summary>Confirmed, started past the no-show grace, nobody checked in: the desk, the sweep and late changes.</summary>
    PastGrace,

    /// <summary>Marked a no-show: undoing it, and what staff or the customer may still do.</summary>
    NoShow,

    /// <summary>Held for an online deposit, the hold running: the payment, and every change a held booking allows.</summary>
    Held,

    /// <summary>Held, its hold ended and not yet swept: a payment just late, the sweep, and the customer still acting.</summary>
    HoldLapsed,

    /// <summary>Confirmed with its deposit paid online: every change that owes money back, the payment delivered again, the refund job.</summary>
    Paid,

    /// <summary>Confirmed a week ahead with a named practitioner, a colleague free: the changes of who as well as when.</summary>
    WithPractitioner,

    /// <summary>A request waiting for staff approval, its deadline ahead: both answers and the customer's changes.</summary>
    AwaitingApproval,

    /// <summary>A request whose approval deadline has come: the lapse sweep against a late answer and the customer.</summary>
    ApprovalDue,
}

/// <summary>One booking, the slots the operations use and who acts: what one run of a pair needs.</summary>
/// <param name="From">The slot the booking was made on.</param>
/// <param name="CustomerPick">Where the customer moves it.</param>
/// <param name="StaffPick">Where staff move it.</param>
/// <param name="Stripe">The payment provider's stand-in, on a portal that takes deposits online.</param>
/// <param name="Practitioners">On a service that books practitioners: the booking's practitioner, then a colleague.</param>
public sealed record OperationScene(
    PortalFactory Factory, StaffActor Staff, Service Service, BookingView Booking, DateTime From, DateTime CustomerPick, DateTime StaffPick, StripeStandIn? Stripe,
    IReadOnlyList<int> Practitioners)
{
    /// <summary>The one payment of this booking: delivering it twice is the provider's webhook sent again.</summary>
    public string PaymentReference => $"pi_{Booking.Id:N}";
}

/// <summary>An operation on the scene's booking as a tab, the desk or a job sends it; its answer in words, for a failure's message.</summary>
public sealed record BookingOperation(string Name, Func<OperationScene, Task<string>> Run)
{
    public override string ToString() => Name;
}

/// <summary>Every operation that changes one booking, by the stage at which it can.</summary>
public static class BookingOperations
{
    public static readonly BookingOperation CustomerCancels = new("the customer cancels", async s =>
        (await s.Factory.Get<CancellationService>().CancelAsync(new CancelRequest(s.Booking.ConfirmationNumber, s.Booking.CustomerId, IsStaff: false))).Outcome.ToString());

    public static readonly BookingOperation StaffCancel = new("staff cancel", async s =>
        (await s.Factory.Get<CancellationService>().CancelAsync(
            new CancelRequest(s.Booking.ConfirmationNumber, s.Staff.Id, IsStaff: true, Reason: "The clinic is closed that day."))).Outcome.ToString());

    public static readonly BookingOperation CustomerMoves = new("the customer moves it", s => MoveAsync(s, s.Booking.CustomerId, isStaff: false, s.CustomerPick));

    public static readonly BookingOperation StaffMove = new("staff move it", s => MoveAsync(s, s.Staff.Id, isStaff: true, s.StaffPick));

    public static readonly BookingOperation StaffCloseTheSlot = new("staff close its slot with its bookings", async s =>
        (await s.Factory.Get<SlotCalendarService>().CloseSlotAsync(s.Staff, s.Service.Id, s.From, cancelBookings: true)).Message);

    public static readonly BookingOperation CustomerClosesTheAccount = new("the customer closes the account", async s =>
        (await s.Factory.Get<AccountClosing>().CloseAsync(s.Booking.CustomerId)).ToString());

    public static readonly BookingOperation CheckIn = new("the desk checks it in", async s =>
        (await s.Factory.Get<FrontDeskService>().CheckInAsync(s.Staff, s.Booking.Id)).ToString());

    public static readonly BookingOperation MarkNoShow = new("the desk marks a no-show", async s =>
        (await s.Factory.Get<FrontDeskService>().MarkNoShowAsync(s.Staff, s.Booking.Id)).ToString());

    public static readonly BookingOperation NoShowSweep = new("the no-show sweep runs", async s =>
        $"{await s.Factory.Get<FrontDeskService>().SweepNoShowsAsync()} marked");

    public static readonly BookingOperation UndoNoShow = new("the desk undoes the no-show", async s =>
        (await s.Factory.Get<FrontDeskService>().UndoNoShowAsync(s.Staff, s.Booking.Id)).ToString());

    public static readonly BookingOperation PaymentArrives = new("the payment's webhook arrives", async s =>
    {
        await s.Factory.Get<PaymentService>().RecordDepositPaidAsync(s.Booking.Id, s.PaymentReference, s.Booking.DepositAmount);
        return "recorded";
    });

    public static readonly BookingOperation HoldExpirySweep = new("the hold expiry sweep runs", async s =>
        $"{await s.Factory.Get<HoldExpiryService>().ExpireDueHoldsAsync()} released");

    public static readonly BookingOperation RefundJob = new("the refund job runs", async s =>
        $"{await s.Factory.Get<RefundDispatcher>().DispatchDueAsync()} sent");

    /// <summary>As the time-off panel does it: the appointment as listed for the practitioner then, given to the colleague.</summary>
    public static readonly BookingOperation StaffGiveItToTheColleague = new("staff give it to the colleague", async s =>
    {
        await using var db = await s.Factory.DbFactory.CreateDbContextAsync();
        var listed = await PractitionerAppointments.ListAsync(db, s.Practitioners[0], s.From, s.From.AddMinutes(1), onlyHoldingSeats: true, CancellationToken.None);
        return listed.SingleOrDefault(a => a.BookingId == s.Booking.Id) is { } appointment
            ? (await s.Factory.Get<TimeOffService>().ReassignAsync(s.Staff, appointment, s.Practitioners[1])).Message
            : "no longer listed";
    });

    public static readonly BookingOperation StaffMoveToTheColleague = new("staff move it to the colleague", async s =>
    {
        var result = await s.Factory.Get<BookingMover>().RescheduleAsync(
            new RescheduleRequest(s.Booking.ConfirmationNumber, s.Staff.Id, IsStaff: true, s.StaffPick, PractitionerId: s.Practitioners[1]));
        return result.Error?.ToString() ?? "moved";
    });

    /// <summary>As the time-off page does it: the hour off, each booking it covers cancelled, then the hour given back.</summary>
    public static readonly BookingOperation PractitionerTakesTheHourOff = new("the practitioner takes that hour off", async s =>
    {
        var timeOff = s.Factory.Get<TimeOffService>();
        var local = TimeZoneInfo.ConvertTimeFromUtc(s.From, TimeZoneInfo.FindSystemTimeZoneById(s.Service.TimeZoneId));
        var added = await timeOff.AddAsync(s.Staff, s.Practitioners[0], new ExceptionDraft
        {
            FromDate = DateOnly.FromDateTime(local), FromTime = TimeOnly.FromDateTime(local), ToTime = TimeOnly.FromDateTime(local.AddHours(1)), Reason = "Pair race",
        });
        if (added.ExceptionId is not { } id)
        {
            return "refused";
        }

        foreach (var affected in added.Affected)
        {
            await timeOff.CancelAsync(s.Staff, affected.Appointment);
        }

        return await timeOff.RemoveAsync(s.Staff, s.Practitioners[0], id) ?? "taken and given back";
    });

    public static readonly BookingOperation StaffApprove = new("staff approve it", async s =>
        (await s.Factory.Get<BookingApprovals>().ApproveAsync(s.Staff, s.Booking.Id)).Outcome.ToString());

    public static readonly BookingOperation StaffDecline = new("staff decline it", async s =>
        (await s.Factory.Get<BookingApprovals>().DeclineAsync(s.Staff, s.Booking.Id, "Fully booked that week.")).Outcome.ToString());

    public static readonly BookingOperation ApprovalLapse = new("the approval lapse sweep runs", async s =>
        $"{await s.Factory.Get<ApprovalLapseService>().LapseDueAsync()} lapsed");

    public static IReadOnlyList<BookingOperation> At(BookingStage stage) => stage switch
    {
        BookingStage.WeekAhead => [CustomerCancels, CustomerMoves, StaffCancel, StaffMove, StaffCloseTheSlot, CustomerClosesTheAccount],
        BookingStage.PastGrace => [CheckIn, MarkNoShow, NoShowSweep, StaffCancel, StaffMove, CustomerCancels, CustomerClosesTheAccount],
        BookingStage.NoShow => [UndoNoShow, CheckIn, StaffCancel, StaffMove, CustomerClosesTheAccount],
        BookingStage.Held => [PaymentArrives, CustomerCancels, CustomerMoves, StaffCancel, StaffMove, StaffCloseTheSlot, CustomerClosesTheAccount],
        BookingStage.HoldLapsed => [PaymentArrives, HoldExpirySweep, CustomerCancels, CustomerMoves, StaffCancel, CustomerClosesTheAccount],
        BookingStage.AwaitingApproval => [StaffApprove, StaffDecline, CustomerCancels, CustomerMoves, StaffCancel, CustomerClosesTheAccount],
        BookingStage.ApprovalDue => [ApprovalLapse, StaffApprove, StaffDecline, CustomerCancels, CustomerMoves],
        BookingStage.WithPractitioner => [CustomerCancels, CustomerMoves, StaffCancel, StaffMoveToTheColleague, StaffGiveItToTheColleague, PractitionerTakesTheHourOff],
        _ => [PaymentArrives, RefundJob, CustomerCancels, CustomerMoves, StaffCancel, StaffMove, StaffCloseTheSlot, CustomerClosesTheAccount],
    };

    /// <summary>Every unordered pair, each operation with itself included (a double click, two tabs, two instances' jobs).</summary>
    public static IEnumerable<(BookingOperation First, BookingOperation Second)> Pairs(IReadOnlyList<BookingOperation> operations) =>
        operations.SelectMany((first, i) => operations.Skip(i).Select(second => (first, second)));

    private static async Task<string> MoveAsync(OperationScene s, string userId, bool isStaff, DateTime to)
    {
        var result = await s.Factory.Get<BookingMover>().RescheduleAsync(new RescheduleRequest(s.Booking.ConfirmationNumber, userId, isStaff, to));
        return result.Error?.ToString() ?? "moved";
    }
}

using BookingPortal.Features.Questions;
using System.Security.Claims;
using BookingPortal.Features.Catalog;
using BookingPortal.Features.Localization;

namespace BookingPortal.Features.Booking.Pages;

/// <summary>
/// The booking page's states and transitions: the service and the booking being moved, the calendar and the
/// picked day and time, the attempt to book and its refusal. <see cref="BookPage"/> draws it and hands it the
/// page's events. Every customer in a waiting room holds this page open, so it keeps only what the page did.
/// </summary>
public sealed partial class BookingJourney(IBookingJourneyHost host, SlotChangeNotifier slotChanges, IStringLocalizer<PortalText> text, TimeProvider time)
{
    // One key per attempt at one slot: a double click or a retry after a dropped connection books once.
    private string idempotencyKey = Guid.NewGuid().ToString("N");
    private bool visitorPlacesClaimed;
    private int contentGeneration;
    private IDisposable? subscription;

    public Service? Service { get; private set; }

    /// <summary>The confirmation number of the booking being moved, when the page reschedules.</summary>
    public string? Reschedule { get; private set; }

    public string? CustomerId { get; private set; }

    /// <summary>Best effort in a circuit: the address of the connection that opened it, for the per-address limit.</summary>
    public string? ClientAddress { get; private set; }

    /// <summary>Set when the page moves a booking: what the customer is told about the change cutoff.</summary>
    public MoveWindowNote? Move { get; private set; }

    /// <summary>Staff at the desk move a customer's booking without waiting for a turn.</summary>
    public bool StaffMove { get; private set; }

    /// <summary>"Any available" or a named practitioner, on services that book practitioners.</summary>
    public PractitionerChoice Practitioner { get; } = new();

    public BookingCalendar? Calendar { get; private set; }

    public DateOnly? SelectedDate { get; private set; }

    public IReadOnlyList<SlotAvailability> Slots { get; private set; } = [];

    public SlotAvailability? SelectedSlot { get; private set; }

    /// <summary>A booking is on its way: the button spins and a second click is ignored.</summary>
    public bool Busy { get; private set; }

    public string? Error { get; private set; }

    /// <summary>The refusal shown is the one for an unconfirmed address (the same words): the page offers to mail the link again.</summary>
    public bool ErrorAsksToConfirmEmail => Error is not null && Error == BookingErrorText.For(BookingError.EmailNotConfirmed, Service, text);

    /// <summary>The answers to the service's booking questions, sent with the booking.</summary>
    public QuestionAnswers Answers { get; } = new();

    /// <param name="practitionerId">The practitioner asked for in the address (from the service page), if any.</param>
    public async Task<BookingPageStep> EnterAsync(int serviceId, string? reschedule, ClaimsPrincipal user, string? visitorKey, string? clientAddress, int? practitionerId = null)
    {
        CustomerId = PortalClaims.UserId(user);
        Reschedule = reschedule;
        ClientAddress ??= clientAddress;
        if (CustomerId is null && (reschedule is not null || !await host.AdmitsVisitorsAsync(serviceId)))
        {
            return BookingPageStep.SignIn;
        }

        if (CustomerId is not null && visitorKey is not null && !visitorPlacesClaimed)
        {
            // Someone who waited before signing in keeps their place (and their turn) on their account.
            await host.ClaimVisitorPlacesAsync(visitorKey, CustomerId);
            visitorPlacesClaimed = true;
        }

        if (Service?.Id != serviceId)
        {
            // Another service on the same page: nothing picked for the last one carries over.
            SelectedDate = null;
            SelectSlot(null);
        }

        Service = await host.GetServiceAsync(serviceId);
        if (Service is null)
        {
            return BookingPageStep.NotFound;
        }

        // From the database, as the move itself asks: a cookie still carries a removed role for up to 30 minutes.
        var isStaff = await host.IsStaffAsync(user);
        var moving = reschedule is null || CustomerId is null ? null : await host.GetBookingAsync(reschedule, CustomerId, isStaff);
        StaffMove = moving is not null && MoveRules.ActsForCustomer(isStaff, CustomerId!, moving.CustomerId);
        Move = moving is null ? null : MoveWindowText.For(moving, time.GetUtcNow().UtcDateTime, StaffMove, text, CultureInfo.CurrentCulture);
        // A move keeps the booking's practitioner unless the customer picks another.
        await Practitioner.EnterAsync(Service, host, practitionerId ?? moving?.PractitionerId);
        return BookingPageStep.Show;
    }

    /// <summary>
    /// The pickers appeared or went (see WaitingRoom.ContentShownChanged): availability is loaded, and kept
    /// current as seats change, only while they are shown.
    /// </summary>
    public async Task ShowContentAsync(bool shown)
    {
        contentGeneration++;
        subscription?.Dispose();
        subscription = null;
        Calendar = null;
        if (!shown || Service is not { } shownService)
        {
            SelectSlot(null);
            return;
        }

        if (await RefreshAsync())
        {
            subscription = slotChanges.Subscribe(shownService.Id, () => host.InvokeAsync(RefreshOnSeatChangeAsync));
        }
    }

    private async Task RefreshOnSeatChangeAsync()
    {
        var picked = SelectedSlot;
        if (Calendar is not null && await RefreshAsync())
        {
            if (picked is not null && SelectedSlot is null && Service is { } service)
            {
                // Someone else took the time while the customer read the summary or answered its questions: the summary
                // goes, so they are told why where it was, and focus moves there (it would fall to the page).
                Error = BookingErrorText.For(BookingError.SlotFull, service, text);
                refusalTakesFocus = true;
            }

            host.Redraw();
        }
    }

    public async Task PickDateAsync(DateOnly? date)
    {
        SelectedDate = date;
        SelectSlot(null);
        Slots = Service is not null && SelectedDate is { } day ? await host.GetSlotsAsync(Service, day, Practitioner.SelectedId) : [];
    }

    /// <summary>Another practitioner (or "any available"): their dates and times are read afresh, nothing picked carries over.</summary>
    public async Task PickPractitionerAsync(int? practitionerId)
    {
        if (Practitioner.Select(practitionerId))
        {
            SelectedDate = null;
            SelectSlot(null);
            await RefreshAsync();
            // The tap redraws the practitioner step; the dates and times it changed are drawn beside the step.
            host.Redraw();
        }
    }

    public void SelectSlot(SlotAvailability? slot)
    {
        SelectedSlot = slot;
        idempotencyKey = Guid.NewGuid().ToString("N");
        Error = null;
        refusalTakesFocus = false;
    }

    /// <summary>The customer left the page: no more seat changes, and one already on its way finds no calendar to refresh.</summary>
    public void Close()
    {
        subscription?.Dispose();
        Calendar = null;
    }

    /// <summary>
    /// Reads the calendar and the day's slots (the first day with seats when none is picked yet) and shows
    /// them, keeping the selection only while it is still bookable. Shown and hidden can follow each other
    /// while this reads: nothing is shown when the pickers were hidden, shown again or moved to another
    /// service meanwhile, or the customer picked another day or practitioner (theirs are shown). Returns whether it was shown.
    /// </summary>
    private async Task<bool> RefreshAsync()
    {
        var (shown, generation, picked, practitioner) = (Service, contentGeneration, SelectedDate, Practitioner.SelectedId);
        if (shown is null)
        {
            return false;
        }

        var loaded = await host.GetCalendarAsync(shown, practitioner);
        var day = picked ?? loaded.DatesWithSeats.Order().Cast<DateOnly?>().FirstOrDefault()
            ?? loaded.DatesWithSlots.Order().Cast<DateOnly?>().FirstOrDefault();
        IReadOnlyList<SlotAvailability> daySlots = day is { } date ? await host.GetSlotsAsync(shown, date, practitioner) : [];
        if (generation != contentGeneration || shown.Id != Service?.Id || picked != SelectedDate || practitioner != Practitioner.SelectedId)
        {
            return false;
        }

        (Calendar, SelectedDate, Slots) = (loaded, day, daySlots);
        if (SelectedSlot is not null)
        {
            var current = Slots.FirstOrDefault(s => s.StartUtc == SelectedSlot.StartUtc);
            SelectedSlot = current is { IsBookable: true } ? current : null;
        }

        return true;
    }
}

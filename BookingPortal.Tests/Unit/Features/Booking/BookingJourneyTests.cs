using MudBlazor.Services;
using BookingPortal.Features.Booking.Pages;

namespace BookingPortal.Tests.Unit.Features.Booking;

/// <summary>The booking page's states and transitions, without a renderer: the portal's services are a stand-in.</summary>
public class BookingJourneyTests
{
    private const int ServiceId = 7;
    private static readonly DateOnly Day = new(2026, 3, 2);
    private static readonly ClaimsPrincipal Ana = new(PortalClaims.Identity([new Claim(PortalClaims.UserIdType, "ana")], "test"));

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly SlotChangeNotifier slotChanges = new(NullLogger<SlotChangeNotifier>.Instance);
    private readonly StandInPortal portal = new();

    private BookingJourney Journey() => new(portal, slotChanges, Localization.PortalText(), clock);

    [Fact]
    public async Task A_booking_that_throws_leaves_the_Book_button_usable_and_the_next_click_books()
    {
        var journey = await ReadyToBookAsync();
        portal.ReserveFails = new InvalidOperationException("the database went away");

        var failed = () => journey.BookAsync(Ana);

        await failed.Should().ThrowAsync<InvalidOperationException>();
        journey.Busy.Should().BeFalse("a failed booking must not leave the button spinning");

        portal.ReserveFails = null;
        var confirmation = await journey.BookAsync(Ana);

        confirmation.Should().Be("BK-1");
        portal.Reserves.Should().HaveCount(2);
        portal.Reserves[1].IdempotencyKey.Should().Be(portal.Reserves[0].IdempotencyKey, "a retry at the same slot is the same attempt");
        journey.Busy.Should().BeTrue("the page is leaving for the confirmation; the button does not come back meanwhile");
    }

    [Fact]
    public async Task A_refused_booking_reads_in_the_customers_words_and_the_pickers_are_read_again()
    {
        var journey = await ReadyToBookAsync();
        var calendarReads = portal.CalendarReads;
        portal.Refusal = BookingError.SlotFull;

        var confirmation = await journey.BookAsync(Ana);

        confirmation.Should().BeNull();
        journey.Error.Should().Be(BookingErrorText.For(BookingError.SlotFull, portal.Service, Localization.PortalText()));
        journey.Busy.Should().BeFalse();
        portal.CalendarReads.Should().Be(calendarReads + 1);
    }

    /// <summary>
    /// WCAG 2.4.3: a time taken meanwhile takes the summary and its pressed button away, so the page moves focus to the
    /// refusal shown in their place, once; a refusal that leaves the summary is focused by the summary itself.
    /// </summary>
    [Fact]
    public async Task A_refusal_that_takes_the_picked_time_away_asks_once_for_focus_and_one_that_leaves_it_does_not()
    {
        var journey = await ReadyToBookAsync();
        portal.RateLimited = true;
        await journey.BookAsync(Ana);
        var afterRateLimit = journey.TakeRefusalFocus();
        portal.RateLimited = false;
        portal.Refusal = BookingError.SlotFull;
        portal.Remaining = 0;

        await journey.BookAsync(Ana);

        afterRateLimit.Should().BeFalse("the summary is still there and says it");
        journey.SelectedSlot.Should().BeNull();
        (journey.TakeRefusalFocus(), journey.TakeRefusalFocus()).Should().Be((true, false));
    }

    /// <summary>
    /// "Use the link we sent you" is a dead end when the mail never came, went to spam or its link expired: the refusal
    /// itself offers the resend page, which brings the customer back to this booking page. Other refusals do not.
    /// </summary>
    [Fact]
    public async Task A_booking_refused_for_an_unconfirmed_address_offers_to_send_the_confirmation_again_back_to_this_page()
    {
        await using var bunit = new BunitContext();
        bunit.Services.AddMudServices();
        bunit.Services.AddLocalization();
        bunit.Services.AddScoped<BookingPortal.Infrastructure.Time.BrowserTimeZone>();
        bunit.Services.AddSingleton<BookingPortal.Features.Payments.Ports.IPaymentGateway>(new PayAtReceptionGateway());
        bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        bunit.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo($"services/{ServiceId}/book");
        var journey = await ReadyToBookAsync();
        portal.Refusal = BookingError.EmailNotConfirmed;
        await journey.BookAsync(Ana);
        var unconfirmed = bunit.Render<BookingPortal.Features.Booking.Components.BookingStep>(p => p
            .Add(x => x.Journey, journey).Add(x => x.Service, portal.Service).Add(x => x.Slot, journey.SelectedSlot!));
        portal.Refusal = BookingError.SlotFull;
        await journey.BookAsync(Ana);
        var full = bunit.Render<BookingPortal.Features.Booking.Components.BookingStep>(p => p
            .Add(x => x.Journey, journey).Add(x => x.Service, portal.Service).Add(x => x.Slot, journey.SelectedSlot ?? journey.Slots[0]));

        unconfirmed.Find("[data-testid=booking-error]").TextContent.Should().Contain("confirm your e-mail address");
        unconfirmed.Find("[data-testid=booking-error] a[data-testid=resend-confirmation]").GetAttribute("href")
            .Should().Be($"Account/ResendEmailConfirmation?returnUrl=%2Fservices%2F{ServiceId}%2Fbook");
        full.FindAll("[data-testid=resend-confirmation]").Should().BeEmpty("only an unconfirmed address is helped by another e-mail");
    }

    [Fact]
    public async Task A_booking_refused_for_changed_terms_shows_the_new_terms_and_the_next_press_books_on_them()
    {
        var journey = await ReadyToBookAsync();
        var shown = portal.Service.DepositDueNow;
        portal.Refusal = BookingError.TermsChanged;
        var raised = DemoSeeder.DemoServices().First(s => s.Name == DemoSeeder.ConsultationName);
        raised.DepositAmount = shown + 30m;
        portal.Service = raised;

        (await journey.BookAsync(Ana)).Should().BeNull();

        portal.Reserves[0].TermsShown!.Deposit.Should().Be(shown, "the request carries the terms the summary showed");
        journey.Error.Should().Be(BookingErrorText.For(BookingError.TermsChanged, raised, Localization.PortalText()));
        journey.Service.Should().BeSameAs(raised, "the summary shows the terms the next press books on");
        journey.SelectedSlot.Should().NotBeNull("the time picked is still there to book");

        portal.Refusal = null;
        (await journey.BookAsync(Ana)).Should().Be("BK-1");
        portal.Reserves[1].TermsShown!.Deposit.Should().Be(shown + 30m);
    }

    [Fact]
    public async Task Too_many_attempts_are_refused_before_the_booking_service_is_asked()
    {
        var journey = await ReadyToBookAsync();
        portal.RateLimited = true;

        await journey.BookAsync(Ana);

        journey.Error.Should().Be("Too many attempts. Please wait a few seconds and try again.");
        portal.Reserves.Should().BeEmpty();
        journey.Busy.Should().BeFalse();
    }

    [Fact]
    public async Task Moving_a_booking_asks_the_database_whether_the_user_is_staff_and_reschedules()
    {
        portal.Moving = Booking("ana", start: new DateTime(2026, 3, 5, 14, 0, 0, DateTimeKind.Utc));
        portal.StaffInDatabase = true;
        var journey = Journey();
        (await journey.EnterAsync(ServiceId, "BK-9", Ana, null, null)).Should().Be(BookingPageStep.Show);
        await journey.ShowContentAsync(true);
        journey.SelectSlot(journey.Slots[0]);

        await journey.BookAsync(Ana);

        journey.Move!.CanMove.Should().BeTrue();
        journey.StaffMove.Should().BeFalse("a customer moving their own booking waits for a turn like everyone");
        portal.Reserves.Should().BeEmpty();
        portal.Reschedules.Should().ContainSingle().Which.Should().Be(new RescheduleRequest("BK-9", "ana", true, journey.Slots[0].StartUtc));
    }

    [Fact]
    public async Task A_visitor_is_sent_to_sign_in_unless_the_service_lets_visitors_wait()
    {
        var visitor = new ClaimsPrincipal(new ClaimsIdentity());
        var journey = Journey();

        var whereAccountsAreNeeded = await journey.EnterAsync(ServiceId, null, visitor, "browser-key", null);
        portal.AdmitsVisitors = true;
        var whereVisitorsWait = await journey.EnterAsync(ServiceId, null, visitor, "browser-key", null);
        var movingABooking = await journey.EnterAsync(ServiceId, "BK-9", visitor, "browser-key", null);

        (whereAccountsAreNeeded, whereVisitorsWait, movingABooking).Should().Be((BookingPageStep.SignIn, BookingPageStep.Show, BookingPageStep.SignIn));
        portal.ClaimedVisitorPlaces.Should().Be(0);
    }

    [Fact]
    public async Task A_signed_in_customer_takes_over_the_places_held_in_this_browser_once()
    {
        var journey = Journey();

        await journey.EnterAsync(ServiceId, null, Ana, "browser-key", null);
        await journey.EnterAsync(ServiceId, null, Ana, "browser-key", null);

        portal.ClaimedVisitorPlaces.Should().Be(1);
    }

    [Fact]
    public async Task The_pickers_follow_seat_changes_only_while_they_are_shown()
    {
        var journey = await ReadyToBookAsync();
        var watching = slotChanges.SubscriberCount(ServiceId);

        portal.Remaining = 0;
        slotChanges.NotifyChanged(ServiceId);
        await portal.Pending;
        var afterChange = (portal.Redraws, journey.SelectedSlot);
        var told = (journey.Error, journey.TakeRefusalFocus(), journey.TakeRefusalFocus());
        await journey.ShowContentAsync(false);

        watching.Should().Be(1);
        afterChange.Should().Be((1, (SlotAvailability?)null), "a time that just filled up is no longer picked");
        told.Should().Be((BookingErrorText.For(BookingError.SlotFull, portal.Service, Localization.PortalText()), true, false),
            "the customer is told why the summary went, and focus moves to that message once");
        slotChanges.SubscriberCount(ServiceId).Should().Be(0);
        journey.Calendar.Should().BeNull();
    }

    [Fact]
    public async Task Another_service_on_the_same_page_drops_what_was_picked()
    {
        var journey = await ReadyToBookAsync();

        await journey.EnterAsync(ServiceId + 1, null, Ana, null, null);

        (journey.SelectedDate, journey.SelectedSlot).Should().Be(((DateOnly?)null, (SlotAvailability?)null));
    }

    private async Task<BookingJourney> ReadyToBookAsync()
    {
        var journey = Journey();
        (await journey.EnterAsync(ServiceId, null, Ana, null, "10.0.0.1")).Should().Be(BookingPageStep.Show);
        await journey.ShowContentAsync(true);
        journey.SelectedDate.Should().Be(Day, "the first day with seats is shown");
        journey.SelectSlot(journey.Slots[0]);
        return journey;
    }

    [Fact]
    public async Task The_practitioner_named_in_the_address_is_chosen_and_the_pickers_show_their_times()
    {
        portal.Practitioners = [new(4, "Dr. Ana Bell", "Cardiologist", ["en"], null), new(5, "Dr. Omar Díaz", "", [], null)];
        var journey = Journey();

        await journey.EnterAsync(ServiceId, null, Ana, null, "10.0.0.1", practitionerId: 5);
        await journey.ShowContentAsync(true);

        journey.Practitioner.SelectedId.Should().Be(5);
        journey.Practitioner.Selected!.DisplayName.Should().Be("Dr. Omar Díaz");
        portal.PractitionersRead.Should().Equal(5, 5);
    }

    [Fact]
    public async Task A_practitioner_not_offered_for_the_service_is_any_available()
    {
        portal.Practitioners = [new(4, "Dr. Ana Bell", "", [], null)];
        var journey = Journey();

        await journey.EnterAsync(ServiceId, null, Ana, null, "10.0.0.1", practitionerId: 99);
        await journey.ShowContentAsync(true);

        journey.Practitioner.SelectedId.Should().BeNull();
        portal.PractitionersRead.Should().OnlyContain(id => id == null);
    }

    [Fact]
    public async Task Picking_another_practitioner_drops_the_picked_time_and_reads_their_dates_and_times()
    {
        portal.Practitioners = [new(4, "Dr. Ana Bell", "", [], null), new(5, "Dr. Omar Díaz", "", [], null)];
        var journey = await ReadyToBookAsync();
        portal.PractitionersRead.Clear();
        var redraws = portal.Redraws;

        await journey.PickPractitionerAsync(4);
        await journey.PickPractitionerAsync(4);

        portal.Redraws.Should().Be(redraws + 1, "the calendar is drawn beside the step the tap reached, and the same practitioner again changes nothing");

        journey.SelectedSlot.Should().BeNull("a time picked for someone else may not be free for this practitioner");
        journey.SelectedDate.Should().Be(Day);
        portal.PractitionersRead.Should().Equal([4, 4], "picking the same practitioner again reads nothing");
        await journey.PickPractitionerAsync(null);
        portal.PractitionersRead.Should().Equal(4, 4, null, null);
    }

    [Fact]
    public async Task A_move_starts_from_the_bookings_own_practitioner()
    {
        portal.Practitioners = [new(4, "Dr. Ana Bell", "", [], null), new(5, "Dr. Omar Díaz", "", [], null)];
        portal.Moving = Booking("ana", Day.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc).AddDays(5)) with { PractitionerId = 5 };
        var journey = Journey();

        await journey.EnterAsync(ServiceId, "BK-1", Ana, null, "10.0.0.1");

        journey.Practitioner.SelectedId.Should().Be(5);
    }

    private static BookingView Booking(string customerId, DateTime start) => new(
        Guid.NewGuid(), "BK-1", customerId, ServiceId, DemoSeeder.ConsultationName, BookingStatus.Confirmed, start, start.AddMinutes(30),
        new DateTimeOffset(start), new DateTimeOffset(start.AddMinutes(30)), "UTC", 30, LocationKind.InPerson, null, null, 100m, 0m, "USD", start.AddDays(-7))
    {
        ChangesAllowedUntilHours = 24,
    };

    private sealed class StandInPortal : IBookingJourneyHost
    {
        public Service Service { get; set; } = DemoSeeder.DemoServices().First(s => s.Name == DemoSeeder.ConsultationName);
        public bool AdmitsVisitors { get; set; }
        public bool RateLimited { get; set; }
        public bool StaffInDatabase { get; set; }
        public int Remaining { get; set; } = 3;
        public BookingView? Moving { get; set; }
        public BookingError? Refusal { get; set; }
        public Exception? ReserveFails { get; set; }
        public List<ReserveRequest> Reserves { get; } = [];
        public List<RescheduleRequest> Reschedules { get; } = [];
        public int ClaimedVisitorPlaces { get; private set; }
        public int CalendarReads { get; private set; }
        public IReadOnlyList<PractitionerProfile> Practitioners { get; set; } = [];

        /// <summary>The practitioner of every calendar and slot read, in order (null: any available).</summary>
        public List<int?> PractitionersRead { get; } = [];
        public int Redraws { get; private set; }
        public Task Pending { get; private set; } = Task.CompletedTask;

        public Task InvokeAsync(Func<Task> work) => Pending = work();

        public void Redraw() => Redraws++;

        public Task<bool> AdmitsVisitorsAsync(int serviceId) => Task.FromResult(AdmitsVisitors);

        public Task ClaimVisitorPlacesAsync(string visitorKey, string customerId)
        {
            ClaimedVisitorPlaces++;
            return Task.CompletedTask;
        }

        public Task<Service?> GetServiceAsync(int serviceId)
        {
            Service.Id = serviceId;
            return Task.FromResult<Service?>(Service);
        }

        public Task<BookingView?> GetBookingAsync(string confirmationNumber, string userId, bool isStaff) => Task.FromResult(Moving);

        public Task<IReadOnlyList<PractitionerProfile>> GetPractitionersAsync(Service service) => Task.FromResult(Practitioners);

        public Task<BookingCalendar> GetCalendarAsync(Service service, int? practitionerId)
        {
            CalendarReads++;
            PractitionersRead.Add(practitionerId);
            var withSeats = Remaining > 0 ? new HashSet<DateOnly> { Day } : [];
            return Task.FromResult(new BookingCalendar(Day, Day.AddDays(30), new HashSet<DateOnly> { Day }, withSeats));
        }

        public Task<IReadOnlyList<SlotAvailability>> GetSlotsAsync(Service service, DateOnly localDate, int? practitionerId)
        {
            PractitionersRead.Add(practitionerId);
            var start = localDate.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc);
            IReadOnlyList<SlotAvailability> slots = [new(start, start.AddMinutes(30), new DateTimeOffset(start), new DateTimeOffset(start.AddMinutes(30)), 3, Remaining, Remaining > 0)];
            return Task.FromResult(slots);
        }

        public bool TryReserve(string customerId, string? clientAddress) => !RateLimited;

        public Task<bool> IsStaffAsync(ClaimsPrincipal user) => Task.FromResult(StaffInDatabase);

        public Task<ReserveResult> ReserveAsync(ReserveRequest request)
        {
            Reserves.Add(request);
            return ReserveFails is { } failure ? Task.FromException<ReserveResult>(failure) : Task.FromResult(Outcome());
        }

        public Task<ReserveResult> RescheduleAsync(RescheduleRequest request)
        {
            Reschedules.Add(request);
            return Task.FromResult(Outcome());
        }

        private ReserveResult Outcome() => Refusal is { } refusal
            ? ReserveResult.Failure(refusal, Service)
            : ReserveResult.Success(Booking("ana", Day.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc)));
    }
}

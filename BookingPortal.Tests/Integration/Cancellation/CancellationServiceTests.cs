namespace BookingPortal.Tests.Integration.Cancellation;

public class CancellationServiceTests : PortalSuite
{
    [Fact]
    public async Task Cancelling_early_frees_the_seat_for_someone_else_and_releases_the_whole_deposit()
    {
        var (booking, service) = await BookConsultationAsync(factory, slotIndex: 0);
        var customers = await factory.CreateCustomersAsync(4);
        foreach (var other in customers)
        {
            (await Reserve(factory, other, service.Id, booking.StartUtc)).Succeeded.Should().BeTrue();
        }

        (await Reserve(factory, (await factory.CreateCustomersAsync(1))[0], service.Id, booking.StartUtc)).Error.Should().Be(BookingError.SlotFull);

        var result = await factory.Get<CancellationService>().CancelAsync(new CancelRequest(booking.ConfirmationNumber, booking.CustomerId, IsStaff: false));

        result.Succeeded.Should().BeTrue(result.Message);
        result.Quote!.FeeRetained.Should().Be(0m);
        (await Reserve(factory, (await factory.CreateCustomersAsync(1))[0], service.Id, booking.StartUtc)).Succeeded.Should().BeTrue("the seat went back on sale");
        var view = await factory.Get<BookingReader>().GetAsync(booking.ConfirmationNumber, booking.CustomerId, isStaff: false);
        view!.Status.Should().Be(BookingStatus.Cancelled);
        view.Ledger!.Balance.Should().Be(0m);
        view.Ledger.Retained.Should().Be(0m);
    }

    [Fact]
    public async Task Cancelling_inside_48_hours_keeps_the_fee_and_says_so_first()
    {
        var (booking, cancellations) = await BookedConsultationAtAsync(TimeSpan.FromHours(47) + TimeSpan.FromMinutes(59));

        var offer = await cancellations.GetOfferAsync(booking.ConfirmationNumber, booking.CustomerId, isStaff: false);
        var result = await cancellations.CancelAsync(new CancelRequest(booking.ConfirmationNumber, booking.CustomerId, IsStaff: false));

        offer!.Explanation.Should().Be("A fee of $25.00 applies because the appointment starts in less than 48 hours. $25.00 of the deposit is released.",
            "staff cancelling at the desk read the same terms, so they speak of the deposit, not 'your' deposit");
        result.Message.Should().StartWith($"Booking {booking.ConfirmationNumber} is cancelled. A fee of $25.00 is kept");
        result.Quote!.FeeRetained.Should().Be(25m);
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var kinds = await db.LedgerEntries.Where(e => e.BookingId == booking.Id).Select(e => new { e.Kind, e.Amount }).ToListAsync();
        kinds.Should().BeEquivalentTo(new[]
        {
            new { Kind = LedgerEntryKind.DepositDue, Amount = 50m },
            new { Kind = LedgerEntryKind.DepositWaived, Amount = 25m },
            new { Kind = LedgerEntryKind.CancellationFeeRetained, Amount = 25m },
        });
    }

    [Fact]
    public async Task Terms_staff_change_after_the_booking_do_not_change_what_cancelling_it_costs()
    {
        var service = await factory.SimpleConsultationAsync();
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var slot = (await factory.BookableSlotsAsync(service)).First(s => s.StartUtc > now.AddHours(80));
        var booked = await Reserve(factory, (await factory.CreateCustomersAsync(1))[0], service.Id, slot.StartUtc);
        var booking = booked.Booking!;
        factory.Clock.SetUtcNow(new DateTimeOffset(booking.StartUtc.AddHours(-72), TimeSpan.Zero));
        var cancellations = factory.Get<CancellationService>();
        var staff = await factory.StaffAsync();
        var admin = factory.Get<ServiceAdminService>();
        var draft = (await admin.GetDraftAsync(staff, booking.ServiceId))!;
        draft.FreeCancellationHours = 168;
        draft.ChangesAllowedUntilHours = 168;
        draft.CancellationFee = 40m;
        var saved = await admin.SaveAsync(staff, draft);
        saved.Succeeded.Should().BeTrue(saved.Message);

        var result = await cancellations.CancelAsync(new CancelRequest(booking.ConfirmationNumber, booking.CustomerId, IsStaff: false));

        result.Quote!.IsFree.Should().BeTrue("booked under free cancellation until 48 hours before; 72 hours are left");
        result.Quote.FeeRetained.Should().Be(0m);
        (await factory.ServiceNamedAsync(draft.Name)).FreeCancellationHours.Should().Be(168, "the service's terms did change, for bookings made from now on");
    }

    [Fact]
    public async Task Bookings_made_before_their_terms_were_kept_take_their_services_terms_once()
    {
        var (booking, service) = await BookConsultationAsync(factory, slotIndex: 0);
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        await db.Bookings.Where(b => b.Id == booking.Id).ExecuteUpdateAsync(b => b.SetProperty(x => x.FreeCancellationHours, 0).SetProperty(x => x.CancellationFee, 0m));

        await db.Database.ExecuteSqlRawAsync(BookingPortal.Data.Migrations.CancellationTermsBackfill.Sql);

        var terms = await db.Bookings.AsNoTracking().Where(b => b.Id == booking.Id).Select(b => new { b.FreeCancellationHours, b.CancellationFee }).SingleAsync();
        terms.Should().Be(new { service.FreeCancellationHours, service.CancellationFee });
        service.FreeCancellationHours.Should().BePositive();
    }

    [Fact]
    public async Task A_fee_that_starts_while_the_dialog_is_open_is_shown_before_it_is_kept()
    {
        var (booking, cancellations) = await BookedConsultationAtAsync(TimeSpan.FromHours(48) + TimeSpan.FromMinutes(1));
        var shown = await cancellations.GetOfferAsync(booking.ConfirmationNumber, booking.CustomerId, isStaff: false);
        factory.Clock.Advance(TimeSpan.FromMinutes(2));

        var refused = await cancellations.CancelAsync(new CancelRequest(booking.ConfirmationNumber, booking.CustomerId, IsStaff: false, FeeShown: shown!.Quote.FeeRetained));
        var again = await cancellations.GetOfferAsync(booking.ConfirmationNumber, booking.CustomerId, isStaff: false);
        var cancelled = await cancellations.CancelAsync(new CancelRequest(booking.ConfirmationNumber, booking.CustomerId, IsStaff: false, FeeShown: again!.Quote.FeeRetained));

        shown.Quote.FeeRetained.Should().Be(0m);
        refused.Outcome.Should().Be(CancelOutcome.FeeChanged);
        refused.Message.Should().Contain("costs more");
        again.Quote.FeeRetained.Should().Be(25m);
        cancelled.Succeeded.Should().BeTrue(cancelled.Message);
        cancelled.Quote!.FeeRetained.Should().Be(25m);
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.LedgerEntries.CountAsync(e => e.BookingId == booking.Id && e.Kind == LedgerEntryKind.CancellationFeeRetained)).Should().Be(1, "the refusal wrote nothing");
    }

    [Fact]
    public async Task A_customer_reading_in_Spanish_is_told_the_fee_and_the_outcome_in_Spanish()
    {
        var (booking, _) = await BookConsultationAsync(factory, slotIndex: 0);
        factory.Clock.SetUtcNow(new DateTimeOffset(booking.StartUtc.AddHours(-47), TimeSpan.Zero));
        var cancellations = factory.Get<CancellationService>();
        using var spanish = TestSupport.Localization.InCulture("es-ES");

        var offer = await cancellations.GetOfferAsync(booking.ConfirmationNumber, booking.CustomerId, isStaff: false);
        var result = await cancellations.CancelAsync(new CancelRequest(booking.ConfirmationNumber, booking.CustomerId, IsStaff: false));

        offer!.Explanation.Should().StartWith("Se aplica un cargo de 25,00").And.Contain("menos de 48 horas");
        result.Message.Should().StartWith($"La reserva {booking.ConfirmationNumber} está cancelada. Se retiene un cargo de 25,00");
    }

    [Fact]
    public async Task The_free_cancellation_deadline_is_told_with_the_services_zone_named()
    {
        var service = await factory.SimpleConsultationAsync();
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var slot = (await factory.BookableSlotsAsync(service)).First(s => s.StartUtc > now.AddHours(72));
        var booking = (await Reserve(factory, (await factory.CreateCustomersAsync(1))[0], service.Id, slot.StartUtc)).Booking!;

        var offer = await factory.Get<CancellationService>().GetOfferAsync(booking.ConfirmationNumber, booking.CustomerId, isStaff: false);

        var until = TimeZoneInfo.ConvertTime(new DateTimeOffset(booking.StartUtc.AddHours(-48), TimeSpan.Zero), TimeZoneInfo.FindSystemTimeZoneById(booking.TimeZoneId));
        offer!.Explanation.Should().Be($"Cancelling now is free until {Features.Catalog.DisplayFormat.Date(until)}, {Features.Catalog.DisplayFormat.Time(until)} "
            + $"{Features.Catalog.DisplayFormat.ZoneName(booking.TimeZoneId)}. The deposit of $50.00 is released in full.", "a customer elsewhere must not read it as their own clock");
    }

    [Fact]
    public async Task A_waiver_with_the_longest_reason_the_form_takes_is_kept_whole_on_the_booking_and_its_ledger_note_fits()
    {
        var (booking, cancellations) = await BookedConsultationAtAsync(TimeSpan.FromHours(47));
        var reason = string.Concat(Enumerable.Repeat("Hospital emergency. ", 25));

        var waived = await cancellations.CancelAsync(new CancelRequest(booking.ConfirmationNumber, "staff-1", IsStaff: true, WaiveFee: true, Reason: reason));

        waived.Succeeded.Should().BeTrue(waived.Message);
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.Bookings.SingleAsync(b => b.Id == booking.Id)).CancellationReason.Should().Be(reason);
        (await db.LedgerEntries.Where(e => e.BookingId == booking.Id && e.Kind == LedgerEntryKind.DepositWaived).SingleAsync()).Note.Should()
            .HaveLength(LedgerEntry.MaxNoteLength).And.StartWith("Cancelled; late fee waived by staff: Hospital emergency.").And.EndWith("…");
    }

    [Fact]
    public async Task Only_staff_with_a_reason_can_waive_the_fee_and_the_waiver_is_recorded()
    {
        var (booking, _) = await BookConsultationAsync(factory, slotIndex: 0);
        factory.Clock.SetUtcNow(new DateTimeOffset(booking.StartUtc.AddHours(-3), TimeSpan.Zero));
        var cancellations = factory.Get<CancellationService>();

        (await cancellations.CancelAsync(new CancelRequest(booking.ConfirmationNumber, booking.CustomerId, IsStaff: false, WaiveFee: true, Reason: "please")))
            .Outcome.Should().Be(CancelOutcome.ReasonRequired);
        (await cancellations.CancelAsync(new CancelRequest(booking.ConfirmationNumber, "staff-1", IsStaff: true, WaiveFee: true)))
            .Outcome.Should().Be(CancelOutcome.ReasonRequired);
        var waived = await cancellations.CancelAsync(new CancelRequest(booking.ConfirmationNumber, "staff-1", IsStaff: true, WaiveFee: true, Reason: "Hospital emergency"));

        waived.Succeeded.Should().BeTrue();
        waived.Quote!.FeeRetained.Should().Be(0m);
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var stored = await db.Bookings.SingleAsync(b => b.Id == booking.Id);
        stored.CancellationFeeWaived.Should().BeTrue();
        stored.CancelledById.Should().Be("staff-1");
        stored.CancellationReason.Should().Be("Hospital emergency");
        (await db.LedgerEntries.Where(e => e.BookingId == booking.Id && e.Kind == LedgerEntryKind.DepositWaived).SingleAsync()).Note
            .Should().Contain("waived by staff: Hospital emergency");
    }

    [Fact]
    public async Task A_customer_cannot_cancel_someone_elses_booking()
    {
        var (booking, _) = await BookConsultationAsync(factory, slotIndex: 1);
        var stranger = (await factory.CreateCustomersAsync(1))[0];

        var result = await factory.Get<CancellationService>().CancelAsync(new CancelRequest(booking.ConfirmationNumber, stranger, IsStaff: false));

        result.Outcome.Should().Be(CancelOutcome.NotFound);
        (await factory.Get<CancellationService>().GetOfferAsync(booking.ConfirmationNumber, stranger, isStaff: false)).Should().BeNull();
        (await factory.Get<BookingReader>().GetAsync(booking.ConfirmationNumber, booking.CustomerId, false))!.Status.Should().Be(BookingStatus.Confirmed);
    }

    [Fact]
    public async Task Twenty_simultaneous_cancellations_release_the_seat_once()
    {
        var (booking, service) = await BookConsultationAsync(factory, slotIndex: 2);

        var results = await Race.AllAtOnceAsync(Enumerable.Range(0, 20).Select(_ => (Func<Task<CancelResult>>)(() =>
            factory.Get<CancellationService>().CancelAsync(new CancelRequest(booking.ConfirmationNumber, booking.CustomerId, IsStaff: false)))));

        results.Count(r => r.Succeeded).Should().Be(1);
        results.Where(r => !r.Succeeded).Should().OnlyContain(r => r.Outcome == CancelOutcome.AlreadyEnded);
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.SlotInventories.SingleAsync(i => i.ServiceId == service.Id && i.StartUtc == booking.StartUtc)).Booked.Should().Be(0);
        (await db.LedgerEntries.CountAsync(e => e.BookingId == booking.Id && e.Kind == LedgerEntryKind.DepositWaived)).Should().Be(1);
    }

    [Fact]
    public async Task After_the_start_a_customer_is_told_to_contact_reception()
    {
        var (booking, _) = await BookConsultationAsync(factory, slotIndex: 0);
        factory.Clock.SetUtcNow(new DateTimeOffset(booking.StartUtc.AddMinutes(1), TimeSpan.Zero));

        var result = await factory.Get<CancellationService>().CancelAsync(new CancelRequest(booking.ConfirmationNumber, booking.CustomerId, IsStaff: false));

        result.Outcome.Should().Be(CancelOutcome.Started);
        result.Message.Should().Contain("contact reception");
    }

    /// <summary>A booking of the consultation, with the clock set to <paramref name="beforeStart"/> before it starts.</summary>
    private async Task<(BookingView Booking, CancellationService Cancellations)> BookedConsultationAtAsync(TimeSpan beforeStart)
    {
        var (booking, _) = await BookConsultationAsync(factory, slotIndex: 0);
        factory.Clock.SetUtcNow(new DateTimeOffset(booking.StartUtc - beforeStart, TimeSpan.Zero));
        return (booking, factory.Get<CancellationService>());
    }

    private static async Task<(BookingView Booking, Service Service)> BookConsultationAsync(PortalFactory factory, int slotIndex)
    {
        var service = await factory.SimpleConsultationAsync();
        var slot = (await factory.BookableSlotsAsync(service))[slotIndex];
        var customer = (await factory.CreateCustomersAsync(1))[0];
        var result = await Reserve(factory, customer, service.Id, slot.StartUtc);
        result.Succeeded.Should().BeTrue(result.Message);
        return (result.Booking!, service);
    }

    private static Task<ReserveResult> Reserve(PortalFactory factory, string customer, int serviceId, DateTime startUtc) =>
        factory.Get<BookingService>().ReserveAsync(new ReserveRequest(customer, serviceId, startUtc, Guid.NewGuid().ToString()));
}

/// <summary>Cancellation on PostgreSQL, which keeps every column's length (SQLite keeps any).</summary>
public class CancellationServiceOnPostgresTests : CancellationServiceTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

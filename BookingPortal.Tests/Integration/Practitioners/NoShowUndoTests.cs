using BookingPortal.Features.Consistency;

namespace BookingPortal.Tests.Integration.Practitioners;

/// <summary>A no-show frees its practitioner; undoing it occupies them again, so it is refused when they were given that time meanwhile.</summary>
public class NoShowUndoTests() : PortalSuite(scheduledJobs: false)
{
    /// <summary>
    /// Ben's 10:00 massage customer does not come and is marked a no-show at 10:05; a physio customer then takes 10:30, with
    /// Ben (free again) or with Ana. The massage customer turns up after all: the undo once put them back on Ben regardless,
    /// leaving him two customers at 10:30; now it is refused while Ben has the other, and done when Ana has it.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Undoing_a_no_show_is_refused_when_its_practitioner_was_given_that_time_meanwhile(bool benTakesTheOther)
    {
        var physio = PractitionerSetup.Service("Physio", 60, 5);
        physio.MinAdvanceBookingHours = 0;
        physio.TimeSlots = [new TimeSlotTemplate { Start = new TimeOnly(10, 30), End = new TimeOnly(11, 30), Capacity = 5 }];
        var (services, p) = await PractitionerSetup.AddAsync(factory, [PractitionerSetup.Service("Massage", 60, 5), physio],
            s => [PractitionerSetup.WorkingEveryDay("Ana", s), PractitionerSetup.WorkingEveryDay("Ben", s)]);
        var (ana, ben) = (p[0].Id, p[1].Id);
        var morning = PractitionerSetup.SlotStart(factory, services[0]);
        var customers = await factory.CreateCustomersAsync(2);
        var bookings = factory.Get<BookingService>();
        var missed = (await bookings.ReserveAsync(new ReserveRequest(customers[0], services[0].Id, morning, "a", PractitionerId: ben))).Booking!;
        var frontDesk = factory.Get<FrontDeskService>();
        var staff = await factory.StaffAsync();
        factory.Clock.SetUtcNow(new DateTimeOffset(morning.AddMinutes(5), TimeSpan.Zero));
        (await frontDesk.MarkNoShowAsync(staff, missed.Id)).Should().BeTrue();
        var other = await bookings.ReserveAsync(new ReserveRequest(customers[1], physio.Id, morning.AddMinutes(30), "b", PractitionerId: benTakesTheOther ? ben : ana));
        other.Succeeded.Should().BeTrue(other.Message);

        var outcome = await frontDesk.UndoNoShowAsync(staff, missed.Id);

        outcome.Should().Be(benTakesTheOther ? UndoNoShowOutcome.PractitionerUnavailable : UndoNoShowOutcome.Undone);
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.Bookings.SingleAsync(b => b.Id == missed.Id)).Status.Should().Be(benTakesTheOther ? BookingStatus.NoShow : BookingStatus.Completed);
        (await db.Users.SingleAsync(u => u.Id == customers[0])).NoShowCount.Should().Be(benTakesTheOther ? 1 : 0, "a refused undo changes nothing");
        (await factory.Get<ConsistencyCheck>().RunAsync()).Violations.Should().BeEmpty();
    }

    /// <summary>
    /// Ben's 10:00 massage customer is a no-show; Ben then takes a 10:30 physio, and afterwards stops giving massage (or
    /// leaves the practice). The undo once read only the massage's active practitioners' appointments, so it missed Ben's
    /// physio and gave him two customers at 10:30; his own appointments are read whatever he gives now.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Undoing_a_no_show_sees_its_practitioners_other_appointment_after_they_left_the_service(bool deactivated)
    {
        var physio = PractitionerSetup.Service("Physio", 60, 5);
        physio.MinAdvanceBookingHours = 0;
        physio.TimeSlots = [new TimeSlotTemplate { Start = new TimeOnly(10, 30), End = new TimeOnly(11, 30), Capacity = 5 }];
        var (services, p) = await PractitionerSetup.AddAsync(factory, [PractitionerSetup.Service("Massage", 60, 5), physio],
            s => [PractitionerSetup.WorkingEveryDay("Ben", s)]);
        var (massage, ben) = (services[0], p[0].Id);
        var morning = PractitionerSetup.SlotStart(factory, massage);
        var customers = await factory.CreateCustomersAsync(2);
        var bookings = factory.Get<BookingService>();
        var missed = (await bookings.ReserveAsync(new ReserveRequest(customers[0], massage.Id, morning, "a", PractitionerId: ben))).Booking!;
        var (frontDesk, staff) = (factory.Get<FrontDeskService>(), await factory.StaffAsync());
        factory.Clock.SetUtcNow(new DateTimeOffset(morning.AddMinutes(5), TimeSpan.Zero));
        (await frontDesk.MarkNoShowAsync(staff, missed.Id)).Should().BeTrue();
        (await bookings.ReserveAsync(new ReserveRequest(customers[1], physio.Id, morning.AddMinutes(30), "b", PractitionerId: ben))).Succeeded.Should().BeTrue();
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        _ = deactivated
            ? await db.Practitioners.Where(x => x.Id == ben).ExecuteUpdateAsync(x => x.SetProperty(y => y.IsActive, false))
            : await db.PractitionerServices.Where(x => x.PractitionerId == ben && x.ServiceId == massage.Id).ExecuteDeleteAsync();

        (await frontDesk.UndoNoShowAsync(staff, missed.Id)).Should().Be(UndoNoShowOutcome.PractitionerUnavailable);
        (await db.Bookings.AsNoTracking().SingleAsync(b => b.Id == missed.Id)).Status.Should().Be(BookingStatus.NoShow);
        (await factory.Get<ConsistencyCheck>().RunAsync()).Violations.Should().BeEmpty();
    }

    [Fact]
    public void The_refusal_is_told_to_staff_in_the_page_language()
    {
        var text = TestSupport.Localization.PortalText();
        string Said(string culture)
        {
            using var _ = TestSupport.Localization.InCulture(culture);
            return FrontDeskMessages.Of(UndoNoShowOutcome.PractitionerUnavailable, text).Message;
        }

        Said("en").Should().Contain("another appointment");
        Said("es").Should().Contain("otra cita");
    }
}

/// <summary>The undo's practitioner check on PostgreSQL.</summary>
public class NoShowUndoOnPostgresTests : NoShowUndoTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

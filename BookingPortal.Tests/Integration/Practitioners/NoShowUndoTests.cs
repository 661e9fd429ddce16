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
        var (_, physio, p, missed, other) = await BensMassageMissedAsync(s => [PractitionerSetup.WorkingEveryDay("Ana", s), PractitionerSetup.WorkingEveryDay("Ben", s)]);
        var (ana, ben) = (p[0].Id, p[1].Id);
        var booked = await factory.Get<BookingService>().ReserveAsync(
            new ReserveRequest(other, physio.Id, missed.StartUtc.AddMinutes(30), "b", PractitionerId: benTakesTheOther ? ben : ana));
        booked.Succeeded.Should().BeTrue(booked.Message);

        var outcome = await factory.Get<FrontDeskService>().UndoNoShowAsync(await factory.StaffAsync(), missed.Id);

        outcome.Should().Be(benTakesTheOther ? UndoNoShowOutcome.PractitionerUnavailable : UndoNoShowOutcome.Undone);
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.Bookings.SingleAsync(b => b.Id == missed.Id)).Status.Should().Be(benTakesTheOther ? BookingStatus.NoShow : BookingStatus.Completed);
        (await db.Users.SingleAsync(u => u.Id == missed.CustomerId)).NoShowCount.Should().Be(benTakesTheOther ? 1 : 0, "a refused undo changes nothing");
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
        var (massage, physio, p, missed, other) = await BensMassageMissedAsync(s => [PractitionerSetup.WorkingEveryDay("Ben", s)]);
        var ben = p[0].Id;
        (await factory.Get<BookingService>().ReserveAsync(new ReserveRequest(other, physio.Id, missed.StartUtc.AddMinutes(30), "b", PractitionerId: ben))).Succeeded.Should().BeTrue();
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        _ = deactivated
            ? await db.Practitioners.Where(x => x.Id == ben).ExecuteUpdateAsync(x => x.SetProperty(y => y.IsActive, false))
            : await db.PractitionerServices.Where(x => x.PractitionerId == ben && x.ServiceId == massage.Id).ExecuteDeleteAsync();

        (await factory.Get<FrontDeskService>().UndoNoShowAsync(await factory.StaffAsync(), missed.Id)).Should().Be(UndoNoShowOutcome.PractitionerUnavailable);
        (await db.Bookings.AsNoTracking().SingleAsync(b => b.Id == missed.Id)).Status.Should().Be(BookingStatus.NoShow);
        (await factory.Get<ConsistencyCheck>().RunAsync()).Violations.Should().BeEmpty();
    }

    /// <summary>
    /// Massage and the 10:30 physio, given by <paramref name="practitioners"/> (Ben among them); Ben's 10:00 massage customer
    /// is marked a no-show at 10:05. The other customer has yet to book.
    /// </summary>
    private async Task<(Service Massage, Service Physio, Practitioner[] Practitioners, BookingView Missed, string Other)> BensMassageMissedAsync(
        Func<Service[], Practitioner[]> practitioners)
    {
        var (services, p) = await PractitionerSetup.AddAsync(factory, [PractitionerSetup.Service("Massage", 60, 5), PractitionerSetup.PhysioAtHalfPastTen()], practitioners);
        var ben = p.Single(x => x.DisplayName == "Ben").Id;
        var morning = PractitionerSetup.SlotStart(factory, services[0]);
        var customers = await factory.CreateCustomersAsync(2);
        var missed = (await factory.Get<BookingService>().ReserveAsync(new ReserveRequest(customers[0], services[0].Id, morning, "a", PractitionerId: ben))).Booking!;
        factory.Clock.SetUtcNow(new DateTimeOffset(morning.AddMinutes(5), TimeSpan.Zero));
        (await factory.Get<FrontDeskService>().MarkNoShowAsync(await factory.StaffAsync(), missed.Id)).Should().BeTrue();
        return (services[0], services[1], p, missed, customers[1]);
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

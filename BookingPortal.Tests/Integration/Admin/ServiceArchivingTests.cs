using BookingPortal.Tests.Integration.Notifications;

namespace BookingPortal.Tests.Integration.Admin;

/// <summary>
/// An archived service's waitlist ends with it: a seat the catalogue no longer sells cannot be claimed, so nobody is offered one,
/// and those waiting (or holding an offer) are told, their held seats given back.
/// </summary>
public class ServiceArchivingTests() : PortalSuite(scheduledJobs: false)
{
    [Fact]
    public async Task Archiving_ends_the_waitlist_telling_each_customer_and_a_cancellation_afterwards_offers_the_seat_to_nobody()
    {
        var (service, slot, booked, waiting) = await FullSlotWithWaitlistAsync();
        // The first one waiting holds an offer when the service is archived.
        (await CancelAsync(booked[0])).Should().BeTrue();
        var staff = await factory.StaffAsync();
        var longAgo = new WaitlistEntry
        {
            CustomerId = (await factory.CreateCustomersAsync(1))[0], ServiceId = service.Id, Status = WaitlistStatus.Waiting,
            LocalDate = DateOnly.FromDateTime(slot.LocalStart.DateTime).AddDays(-7), CreatedAtUtc = factory.Clock.GetUtcNow().UtcDateTime,
        };
        await using (var before = await factory.DbFactory.CreateDbContextAsync())
        {
            before.WaitlistEntries.Add(longAgo);
            await before.SaveChangesAsync();
        }

        var message = await factory.Get<ServiceAdminService>().SetArchivedAsync(staff, service.Id, archived: true);
        (await CancelAsync(booked[1])).Should().BeTrue();

        message.Should().Contain("2 customer(s) on its waitlist are told it has ended");
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.WaitlistEntries.Where(e => e.ServiceId == service.Id && e.Id != longAgo.Id).Select(e => e.Status).ToListAsync()).Should().OnlyContain(s => s == WaitlistStatus.Expired);
        (await db.WaitlistEntries.SingleAsync(e => e.Id == longAgo.Id)).Status.Should().Be(WaitlistStatus.Waiting, "a place for a day gone by is moot, and its customer not told");
        var outbox = await factory.OutboxAsync();
        outbox.Where(m => m.Kind == NotificationKind.WaitlistClosed).Select(m => m.CustomerId).Should().BeEquivalentTo(waiting);
        outbox.Count(m => m.Kind == NotificationKind.WaitlistSeatOffered).Should().Be(1, "the offer made before archiving, and none after");
        (await db.SlotInventories.SingleAsync(i => i.ServiceId == service.Id && i.StartUtc == slot.StartUtc)).Booked
            .Should().Be(SimpleConsultation.SeatsPerSlot - 2, "the held seat went back, and the seat freed afterwards too");
        (await SeatInvariants.ViolationsAsync(factory)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_customer_waiting_for_two_days_is_one_customer_told_as_the_dialog_counted()
    {
        var (service, slot, _, waiting) = await FullSlotWithWaitlistAsync();
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            db.WaitlistEntries.Add(new WaitlistEntry
            {
                CustomerId = waiting[0], ServiceId = service.Id, Status = WaitlistStatus.Waiting,
                LocalDate = DateOnly.FromDateTime(slot.LocalStart.DateTime).AddDays(1), CreatedAtUtc = factory.Clock.GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync();
        }

        var staff = await factory.StaffAsync();
        var asked = await factory.Get<ServiceArchiving>().CustomersToTellAsync(staff, service.Id);
        var message = await factory.Get<ServiceAdminService>().SetArchivedAsync(staff, service.Id, archived: true);

        asked.Should().Be(2);
        message.Should().Contain($"{asked} customer(s) on its waitlist are told it has ended", "the message counts whom the dialog said would be told");
        (await factory.OutboxAsync()).Where(m => m.Kind == NotificationKind.WaitlistClosed).Select(m => m.CustomerId).Distinct().Should().BeEquivalentTo(waiting);
    }

    [Fact]
    public async Task A_customer_waiting_for_two_days_gets_one_e_mail_naming_both_days()
    {
        var (service, slot, _, waiting) = await FullSlotWithWaitlistAsync();
        var nextDay = DateOnly.FromDateTime(slot.LocalStart.DateTime).AddDays(1);
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            db.WaitlistEntries.Add(new WaitlistEntry
            {
                CustomerId = waiting[0], ServiceId = service.Id, Status = WaitlistStatus.Waiting, LocalDate = nextDay, CreatedAtUtc = factory.Clock.GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync();
        }

        await factory.Get<ServiceAdminService>().SetArchivedAsync(await factory.StaffAsync(), service.Id, archived: true);

        var told = (await factory.OutboxAsync()).Where(m => m.Kind == NotificationKind.WaitlistClosed).ToList();
        told.Select(m => m.CustomerId).Should().BeEquivalentTo(waiting, "one e-mail per customer, not one per waitlist place");
        var both = told.Single(m => m.CustomerId == waiting[0]);
        both.TextBody.Should().Contain($"{DisplayFormat.ShortDate(slot.LocalStart)} and {DisplayFormat.ShortDate(new DateTimeOffset(nextDay.ToDateTime(TimeOnly.MinValue)))}");
        told.Single(m => m.CustomerId == waiting[1]).TextBody.Should().Contain($"waitlist for {DisplayFormat.ShortDate(slot.LocalStart)} has ended");
    }

    [Fact]
    public async Task A_service_archived_with_people_still_waiting_offers_a_freed_seat_to_nobody()
    {
        var (service, slot, booked, _) = await FullSlotWithWaitlistAsync();
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            // As a service archived before its waitlist ended with it: its customers still wait.
            await db.Services.Where(s => s.Id == service.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.IsArchived, true));
        }

        (await CancelAsync(booked[0])).Should().BeTrue();

        (await factory.OutboxAsync()).Should().NotContain(m => m.Kind == NotificationKind.WaitlistSeatOffered);
        await using var check = await factory.DbFactory.CreateDbContextAsync();
        (await check.WaitlistEntries.CountAsync(e => e.ServiceId == service.Id && e.Status == WaitlistStatus.Offered)).Should().Be(0);
        (await check.SlotInventories.SingleAsync(i => i.ServiceId == service.Id && i.StartUtc == slot.StartUtc)).Booked.Should().Be(SimpleConsultation.SeatsPerSlot - 1);
    }

    private async Task<bool> CancelAsync(BookingView booking) =>
        (await factory.Get<CancellationService>().CancelAsync(new CancelRequest(booking.ConfirmationNumber, booking.CustomerId, IsStaff: false))).Succeeded;

    private async Task<(Service Service, SlotAvailability Slot, List<BookingView> Booked, IReadOnlyList<string> Waiting)> FullSlotWithWaitlistAsync()
    {
        var (service, slots) = await factory.SimpleConsultationAndSlotsAsync();
        var slot = slots[0];
        var booked = new List<BookingView>();
        for (var seat = 0; seat < SimpleConsultation.SeatsPerSlot; seat++)
        {
            booked.Add(await factory.BookAsNewCustomerAsync(service.Id, slot.StartUtc));
        }

        var waiting = await factory.CreateCustomersAsync(2);
        foreach (var customer in waiting)
        {
            (await factory.Get<WaitlistJoining>().JoinAsync(customer, service.Id, DateOnly.FromDateTime(slot.LocalStart.DateTime), slot.StartUtc)).Succeeded.Should().BeTrue();
            factory.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        return (service, slot, booked, waiting);
    }
}

/// <summary>The same on PostgreSQL.</summary>
public class ServiceArchivingOnPostgresTests : ServiceArchivingTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

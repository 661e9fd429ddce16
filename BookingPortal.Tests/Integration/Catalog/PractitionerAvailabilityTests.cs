using BookingPortal.Tests.Integration.Notifications;
using BookingPortal.Tests.Integration.Practitioners;

namespace BookingPortal.Tests.Integration.Catalog;

/// <summary>A named practitioner's dates and times are theirs: when they work and are not booked; booking them names them everywhere.</summary>
public class PractitionerAvailabilityTests() : PortalSuite(scheduledJobs: false)
{
    [Fact]
    public async Task A_named_practitioner_shows_only_their_free_times_and_booking_them_names_them_in_the_confirmation_email()
    {
        var (services, practitioners) = await PractitionerSetup.AddAsync(factory, [PractitionerSetup.Service("Named clinic", 60, 5)],
            s => [PractitionerSetup.WorkingEveryDay("Dr. Ana Libre", s), new Practitioner { DisplayName = "Dr. Ben Ausente", Services = [new() { ServiceId = s[0].Id }] }]);
        var (service, ana, ben) = (services[0], practitioners[0], practitioners[1]);
        var start = PractitionerSetup.SlotStart(factory, service);
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(start, service.TimeZone));
        var directory = factory.Get<PractitionerDirectory>();

        (await directory.GetSlotsAsync(service, day, ana.Id)).Should().ContainSingle(s => s.StartUtc == start && s.IsBookable && s.Remaining == 1);
        (await directory.GetSlotsAsync(service, day, ben.Id)).Should().BeEmpty("Ben has no working hours");
        (await directory.GetCalendarAsync(service, ben.Id)).DatesWithSlots.Should().BeEmpty();
        (await directory.GetCalendarAsync(service, ana.Id)).DatesWithSeats.Should().Contain(day);

        var customer = (await factory.CreateCustomersAsync(1))[0];
        var booked = await factory.Get<BookingService>().ReserveAsync(new ReserveRequest(customer, service.Id, start, Guid.NewGuid().ToString(), PractitionerId: ana.Id));

        booked.Succeeded.Should().BeTrue(booked.Message);
        (await directory.GetSlotsAsync(service, day, ana.Id)).Should().NotContain(s => s.StartUtc == start && s.IsBookable, "Ana gives one seat at a time");
        (await factory.Get<BookingReader>().GetAsync(booked.Booking!.ConfirmationNumber, customer, isStaff: false))!.PractitionerName.Should().Be("Dr. Ana Libre");
        (await factory.OutboxAsync()).Single(m => m.Kind == NotificationKind.BookingConfirmation && m.CustomerId == customer)
            .TextBody.Should().Contain("With: Dr. Ana Libre");
    }
}

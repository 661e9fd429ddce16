using BookingPortal.Tests.Integration.Notifications;
using Ical.Net;

namespace BookingPortal.Tests.Integration.Catalog;

/// <summary>Customers choose among a service's practitioners, and every view of their booking names the one it is with.</summary>
public class PractitionerChoiceTests() : PortalSuite(scheduledJobs: false)
{
    [Fact]
    public async Task The_service_page_offers_the_active_practitioners_of_the_service_each_with_a_link_that_chooses_them()
    {
        var service = await factory.ServiceNamedAsync(DemoSeeder.ConsultationName);
        var (ana, _, retired, elsewhere) = await SeedPractitionersAsync(factory, service.Id);

        var offered = await factory.Get<PractitionerDirectory>().ListForServiceAsync((await factory.ServiceNamedAsync(DemoSeeder.ConsultationName)));
        using var client = factory.CreateClient();
        var page = WebUtility.HtmlDecode(await client.GetStringAsync($"/services/{service.Id}"));

        offered.Select(p => p.Id).Should().Contain(ana.Id).And.NotContain([retired.Id, elsewhere.Id]);
        offered.Single(p => p.Id == ana.Id).Should().BeEquivalentTo(new { DisplayName = "Dr. Ana Prueba", Title = "Cardiologist", LanguageCodes = new[] { "en", "es" } });
        page.Should().Contain($"services/{service.Id}/book?practitioner={ana.Id}").And.Contain("Book with Dr. Ana Prueba")
            .And.Contain("Speaks English, español").And.NotContain(retired.DisplayName).And.NotContain(elsewhere.DisplayName);
    }

    [Fact]
    public async Task The_confirmation_my_appointments_the_calendar_file_and_a_reminder_name_the_practitioner()
    {
        var (service, slot) = await factory.FirstBookableSlotAsync(DemoSeeder.ConsultationName);
        var owner = await factory.CreateSignInCustomerAsync();
        var booked = await factory.Get<BookingService>().ReserveAsync(new ReserveRequest(owner.Id, service.Id, slot.StartUtc, Guid.NewGuid().ToString()));
        booked.Succeeded.Should().BeTrue(booked.Message);
        var (ana, _, _, _) = await SeedPractitionersAsync(factory, service.Id);
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            // Given by hand: this test is about what customers see, not about how the booking path chooses.
            await db.Bookings.Where(b => b.Id == booked.Booking!.Id).ExecuteUpdateAsync(b => b.SetProperty(x => x.PractitionerId, ana.Id));
            await factory.Get<NotificationOutbox>().QueueReminderAsync(db, booked.Booking!.Id, new ReminderStep(24 * 60, ReminderChannels.Email), claimId: 1, CancellationToken.None);
            await db.SaveChangesAsync();
        }

        var number = booked.Booking!.ConfirmationNumber;
        using var client = await factory.SignInAsync(owner.Email, owner.Password);
        var confirmation = WebUtility.HtmlDecode(await client.GetStringAsync($"/bookings/{number}"));
        var appointments = WebUtility.HtmlDecode(await client.GetStringAsync("/my/appointments"));
        var calendar = Calendar.Load(await client.GetStringAsync($"/bookings/{number}/calendar.ics"))!.Events.Single();
        var reminder = (await factory.OutboxAsync()).Single(m => m.Kind == NotificationKind.Reminder24h);

        confirmation.Should().Contain("data-testid=\"practitioner\">Dr. Ana Prueba<");
        appointments.Should().Contain("with Dr. Ana Prueba");
        calendar.Description.Should().StartWith("With Dr. Ana Prueba.");
        reminder.TextBody.Should().Contain("With: Dr. Ana Prueba");
    }

    /// <summary>Ana and Omar perform the service; Rita has left (inactive); Eli performs another service only.</summary>
    private static async Task<(Practitioner Ana, Practitioner Omar, Practitioner Retired, Practitioner Elsewhere)> SeedPractitionersAsync(PortalFactory factory, int serviceId)
    {
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var ana = new Practitioner { DisplayName = "Dr. Ana Prueba", Title = "Cardiologist", Languages = "en,es" };
        var omar = new Practitioner { DisplayName = "Dr. Omar Prueba" };
        var retired = new Practitioner { DisplayName = "Dr. Rita Retirada", IsActive = false };
        var elsewhere = new Practitioner { DisplayName = "Dr. Eli Elsewhere" };
        db.Practitioners.AddRange(ana, omar, retired, elsewhere);
        await db.SaveChangesAsync();
        var otherService = await db.Services.Where(s => s.Id != serviceId).Select(s => s.Id).FirstAsync();
        db.PractitionerServices.AddRange(
            new PractitionerService { PractitionerId = ana.Id, ServiceId = serviceId },
            new PractitionerService { PractitionerId = omar.Id, ServiceId = serviceId },
            new PractitionerService { PractitionerId = retired.Id, ServiceId = serviceId },
            new PractitionerService { PractitionerId = elsewhere.Id, ServiceId = otherService });
        await db.SaveChangesAsync();
        await db.Services.Where(s => s.Id == serviceId).ExecuteUpdateAsync(s => s.SetProperty(x => x.BooksPractitioners, true));
        return (ana, omar, retired, elsewhere);
    }
}

namespace BookingPortal.Tests.Integration.Accounts;

public class ConfirmedEmailTests
{
    [Fact]
    public async Task An_unconfirmed_address_cannot_book_join_a_waitlist_or_take_a_place_in_the_draw_until_confirmed()
    {
        await using var factory = new PortalFactory();
        var (service, slot) = await factory.FirstBookableSlotAsync(DemoSeeder.ConsultationName);
        var customer = await UnconfirmedCustomerAsync(factory);
        for (var seat = 0; seat < slot.Remaining - 1; seat++)
        {
            await factory.BookAsNewCustomerAsync(service.Id, slot.StartUtc);
        }

        var booking = await factory.Get<BookingService>().ReserveAsync(new ReserveRequest(customer, service.Id, slot.StartUtc, "unconfirmed"));
        await factory.BookAsNewCustomerAsync(service.Id, slot.StartUtc);
        var waitlist = await factory.Get<WaitlistJoining>().JoinAsync(customer, service.Id, DateOnly.FromDateTime(slot.LocalStart.DateTime), slot.StartUtc);
        var clinic = await factory.ServiceNamedAsync(DemoSeeder.WeeklyClinicName);
        var queue = await factory.Get<QueueService>().JoinAsync(clinic.Id, customer, null);
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            await db.Users.Where(u => u.Id == customer).ExecuteUpdateAsync(u => u.SetProperty(x => x.EmailConfirmed, true));
        }

        var waitlistAfter = await factory.Get<WaitlistJoining>().JoinAsync(customer, service.Id, DateOnly.FromDateTime(slot.LocalStart.DateTime), slot.StartUtc);

        booking.Error.Should().Be(BookingError.EmailNotConfirmed);
        booking.Message.Should().Contain("confirm your e-mail address");
        waitlist.Outcome.Should().Be(JoinWaitlistOutcome.EmailNotConfirmed);
        queue.Outcome.Should().Be(JoinOutcome.ConfirmEmailFirst, "scripted sign-ups get no place in a release's draw");
        waitlistAfter.Outcome.Should().Be(JoinWaitlistOutcome.Joined, "confirming the address is all it takes");
    }

    [Fact]
    public async Task Staff_booking_at_the_desk_for_a_customer_are_not_asked_for_the_customers_confirmation()
    {
        await using var factory = new PortalFactory();
        var (service, slot) = await factory.FirstBookableSlotAsync(DemoSeeder.ConsultationName);
        var customer = await UnconfirmedCustomerAsync(factory);
        var staff = await factory.StaffAsync();

        var booked = await factory.Get<BookingService>().ReserveAsync(new ReserveRequest(customer, service.Id, slot.StartUtc, "desk", staff.Id));

        booked.Succeeded.Should().BeTrue(booked.Message);
    }

    [Fact]
    public async Task With_the_rule_switched_off_an_unconfirmed_customer_books_at_once()
    {
        await using var factory = new SettingsPortalFactory(("Identity:RequireConfirmedEmail", "false"));
        var (service, slot) = await factory.FirstBookableSlotAsync(DemoSeeder.ConsultationName);
        var customer = await UnconfirmedCustomerAsync(factory);

        var booked = await factory.Get<BookingService>().ReserveAsync(new ReserveRequest(customer, service.Id, slot.StartUtc, "off"));

        booked.Succeeded.Should().BeTrue(booked.Message);
    }

    [Fact]
    public async Task A_setting_that_is_not_true_or_false_stops_start_up_naming_the_key()
    {
        var failure = await StartupFailure.OfAsync(() => new SettingsPortalFactory(("Identity:RequireConfirmedEmail", "sometimes")));

        failure.Should().BeAssignableTo<Exception>().Which.Message.Should().Contain("'Identity:RequireConfirmedEmail'");
    }

    [Fact]
    public async Task The_booking_page_of_an_unconfirmed_customer_still_opens()
    {
        await using var factory = new PortalFactory();
        var customer = await factory.CreateSignInCustomerAsync();
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            await db.Users.Where(u => u.Id == customer.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.EmailConfirmed, false));
        }

        using var client = await factory.SignInAsync(customer.Email, customer.Password);
        var page = await client.GetAsync("/services/1/book");

        page.StatusCode.Should().Be(HttpStatusCode.OK, "signing in is allowed; only booking waits for the confirmed address");
    }

    private static async Task<string> UnconfirmedCustomerAsync(PortalFactory factory)
    {
        var customer = (await factory.CreateCustomersAsync(1))[0];
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        await db.Users.Where(u => u.Id == customer).ExecuteUpdateAsync(u => u.SetProperty(x => x.EmailConfirmed, false));
        return customer;
    }
}

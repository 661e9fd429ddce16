using System.Net;
using BookingPortal.Data;
using BookingPortal.Domain;
using BookingPortal.Features.Admin;
using BookingPortal.Features.Booking;
using BookingPortal.Features.Cancellation;
using BookingPortal.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace BookingPortal.Tests.Integration.Admin;

public class FrontDeskTests
{
    [Fact]
    public async Task The_no_show_sweep_marks_exactly_the_missed_bookings_once_over_a_simulated_day()
    {
        await using var factory = new PortalFactory();
        await factory.PauseJobsAsync();
        var service = await factory.ServiceNamedAsync(DemoSeeder.ConsultationName);
        var slots = await factory.BookableSlotsAsync(service);
        var day = slots.Where(s => s.LocalStart.Date == slots[0].LocalStart.Date).ToList();
        var arrives = await BookAsync(factory, day[0]);
        var missed = await BookAsync(factory, day[0]);
        var cancelled = await BookAsync(factory, day[1]);
        var later = await BookAsync(factory, day[3]);
        await factory.Get<CancellationService>().CancelAsync(new CancelRequest(cancelled.ConfirmationNumber, cancelled.CustomerId, false));
        var frontDesk = factory.Get<FrontDeskService>();

        factory.Clock.SetUtcNow(new DateTimeOffset(day[0].StartUtc.AddMinutes(5), TimeSpan.Zero));
        (await frontDesk.CheckInAsync(await factory.StaffAsync(), arrives.Id)).Should().BeTrue();
        (await frontDesk.CheckInAsync(await factory.StaffAsync(), arrives.Id)).Should().BeFalse("a second click changes nothing");
        (await frontDesk.SweepNoShowsAsync()).Should().Be(0, "the 15-minute grace has not passed");

        factory.Clock.SetUtcNow(new DateTimeOffset(day[0].StartUtc.AddMinutes(15), TimeSpan.Zero));
        var sweeps = await Race.AllAtOnceAsync(Enumerable.Range(0, 2).Select(_ => (Func<Task<int>>)(() => factory.Get<FrontDeskService>().SweepNoShowsAsync())));
        sweeps.Sum().Should().Be(1);

        factory.Clock.SetUtcNow(new DateTimeOffset(day[3].StartUtc.AddHours(1), TimeSpan.Zero));
        (await frontDesk.SweepNoShowsAsync()).Should().Be(1, "the afternoon booking is missed too");
        (await frontDesk.SweepNoShowsAsync()).Should().Be(0);

        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var statuses = await db.Bookings.Where(b => new[] { arrives.Id, missed.Id, cancelled.Id, later.Id }.Contains(b.Id)).ToDictionaryAsync(b => b.Id, b => b.Status);
        statuses[arrives.Id].Should().Be(BookingStatus.Completed);
        statuses[missed.Id].Should().Be(BookingStatus.NoShow);
        statuses[cancelled.Id].Should().Be(BookingStatus.Cancelled);
        statuses[later.Id].Should().Be(BookingStatus.NoShow);
        (await db.LedgerEntries.CountAsync(e => e.BookingId == missed.Id && e.Kind == LedgerEntryKind.NoShowForfeited && e.Amount == 50m)).Should().Be(1);
        (await db.Users.SingleAsync(u => u.Id == missed.CustomerId)).NoShowCount.Should().Be(1);
        (await db.Users.SingleAsync(u => u.Id == arrives.CustomerId)).NoShowCount.Should().Be(0);
    }

    [Theory]
    [InlineData("/admin/today", "Front desk")]
    [InlineData("/admin/outbox", "Outbox")]
    [InlineData("/admin/jobs", "OutboxDispatchJob")]
    public async Task Staff_pages_are_for_staff_only(string path, string expectedText)
    {
        await using var factory = new PortalFactory();
        using var anonymous = factory.CreateClient(new() { AllowAutoRedirect = false });
        var customer = await factory.CreateSignInCustomerAsync();
        using var customerClient = await factory.SignInAsync(customer.Email, customer.Password);
        using var staffClient = await factory.SignInAsync(DemoSeeder.StaffEmail, DemoSeeder.StaffPassword);

        var asAnonymous = await anonymous.GetAsync(path);
        var asCustomer = await customerClient.GetAsync(path);
        var asStaff = await staffClient.GetAsync(path);

        asAnonymous.StatusCode.Should().Be(HttpStatusCode.Redirect);
        asAnonymous.Headers.Location!.ToString().Should().Contain("/Account/Login");
        asCustomer.StatusCode.Should().Be(HttpStatusCode.Redirect);
        asCustomer.Headers.Location!.ToString().Should().Contain("/Account/AccessDenied");
        asStaff.StatusCode.Should().Be(HttpStatusCode.OK);
        (await asStaff.Content.ReadAsStringAsync()).Should().Contain(expectedText);
    }

    private static async Task<BookingView> BookAsync(PortalFactory factory, Features.Catalog.SlotAvailability slot)
    {
        var service = await factory.ServiceNamedAsync(DemoSeeder.ConsultationName);
        var customer = (await factory.CreateCustomersAsync(1))[0];
        var result = await factory.Get<BookingService>().ReserveAsync(new ReserveRequest(customer, service.Id, slot.StartUtc, Guid.NewGuid().ToString()));
        result.Succeeded.Should().BeTrue(result.Message);
        return result.Booking!;
    }
}

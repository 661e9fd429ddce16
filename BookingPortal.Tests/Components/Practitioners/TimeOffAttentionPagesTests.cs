using BookingPortal.Features.Admin.Pages;
using BookingPortal.Features.Practitioners.Components;
using Microsoft.AspNetCore.Components;

namespace BookingPortal.Tests.Components.Practitioners;

/// <summary>A booking left in a practitioner's time off, as the dashboard and the time-off list show it (bUnit over a test portal's services).</summary>
public sealed class TimeOffAttentionPagesTests() : StaffPageSuite(
    typeof(DashboardService), typeof(BookingPortal.Features.Payments.RefundSettlement), typeof(TimeOffService), typeof(PractitionerAdminService),
    typeof(FrontDeskService), typeof(TimeProvider), typeof(BookingPortal.Features.Questions.QuestionBook), typeof(BookingPortal.Features.Approval.BookingApprovals))
{
    [Fact]
    public async Task The_dashboard_names_the_practitioner_with_a_booking_in_their_time_off_and_links_to_their_time_off()
    {
        var (away, _) = await BookingInTimeOffAsync();

        var page = context.Render<DashboardPage>();

        page.WaitForAssertion(() => page.Find("[data-testid=bookings-in-time-off] h2").TextContent.Should().Be("1 upcoming booking(s) fall in a practitioner's time off"));
        page.Find("[data-testid=practitioner-away]").TextContent.Should().Contain("Dr Away").And.Contain("1 booking(s)");
        page.Find("[data-testid=practitioner-away] a").GetAttribute("href").Should().Be($"admin/practitioners/{away}?tab=time-off");
    }

    [Fact]
    public async Task The_time_off_entry_counts_the_bookings_still_in_it_in_Spanish()
    {
        var (away, timeOffId) = await BookingInTimeOffAsync();
        var detail = (await factory.Get<PractitionerAdminService>().GetAsync(await factory.StaffAsync(), away))!;
        using var spanish = Localization.InCulture("es-ES");

        var editor = context.Render<TimeOffEditor>(p => p.Add(x => x.PractitionerId, away).Add(x => x.Exceptions, detail.Exceptions));

        editor.WaitForAssertion(() => editor.FindAll("[data-testid=still-in-time-off]").Select(c => c.TextContent.Trim())
            .Should().Equal("Aún quedan 1 reserva(s) en ella"));
        detail.Exceptions.Should().ContainSingle(e => e.Id == timeOffId);
    }

    [Fact]
    public async Task The_front_desk_marks_the_booking_in_time_off_with_a_link_to_that_time_off()
    {
        var (away, _) = await BookingInTimeOffAsync();
        factory.Clock.SetUtcNow(new DateTimeOffset(bookingStartUtc.AddHours(-1), TimeSpan.Zero));

        var page = context.Render<FrontDeskPage>();

        page.WaitForAssertion(() => page.Find("[data-testid=practitioner-away]").TextContent.Trim().Should().Be("Practitioner away"));
        page.Find("[data-testid=practitioner-away]").GetAttribute("href").Should().Be($"admin/practitioners/{away}?tab=time-off");
    }

    [Fact]
    public async Task The_link_opens_the_practitioners_page_on_their_time_off()
    {
        var (away, _) = await BookingInTimeOffAsync();
        context.Services.GetRequiredService<NavigationManager>().NavigateTo($"admin/practitioners/{away}?tab=time-off");

        var page = context.Render<BookingPortal.Features.Practitioners.Pages.PractitionerPage>(p => p.Add(x => x.Id, away));

        page.WaitForAssertion(() => page.Find("[data-testid=still-in-time-off]").TextContent.Trim().Should().Be("1 booking(s) still in it"));
    }

    [Fact]
    public async Task Without_bookings_in_time_off_the_dashboard_shows_no_such_item()
    {
        var page = context.Render<DashboardPage>();

        page.WaitForAssertion(() => page.FindAll("[data-testid=waiting]").Should().NotBeEmpty());
        page.FindAll("[data-testid=bookings-in-time-off]").Should().BeEmpty();
    }

    private DateTime bookingStartUtc;

    /// <summary>Dr Away with a booking, and time off over it that nobody dealt with.</summary>
    private async Task<(int Away, int TimeOffId)> BookingInTimeOffAsync()
    {
        var service = await factory.ServiceNamedAsync(DemoSeeder.ConsultationName);
        var away = await factory.CreatePractitionerAsync("Dr Away", service.Id);
        var slot = (await factory.BookableSlotsAsync(service))[0];
        var booking = await factory.BookAsNewCustomerAsync(service.Id, slot.StartUtc);
        bookingStartUtc = booking.StartUtc;
        await factory.AssignAsync(booking.Id, away);
        var added = await factory.Get<TimeOffService>().AddAsync(await factory.StaffAsync(), away, new ExceptionDraft
        {
            Kind = AvailabilityExceptionKind.TimeOff, FromDate = DateOnly.FromDateTime(slot.LocalStart.DateTime), Reason = "Conference",
        });
        added.Affected.Should().ContainSingle();
        return (away, added.ExceptionId!.Value);
    }
}

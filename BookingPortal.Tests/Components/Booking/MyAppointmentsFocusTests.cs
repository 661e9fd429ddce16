using BookingPortal.Features.Booking.Pages;
using MudBlazor;

namespace BookingPortal.Tests.Components.Booking;

/// <summary>My appointments over the portal's own services, signed in as the customer, live as in a circuit.</summary>
public sealed class MyAppointmentsFocusTests : LiveComponentSuite
{
    private BookingView booking = null!;

    protected override async Task ArrangeAsync()
    {
        var (service, slots) = await factory.ServiceAndSlotsAsync(DemoSeeder.ConsultationName);
        booking = await factory.BookAsNewCustomerAsync(service.Id, slots[0].StartUtc);
        // The page's title goes through the layout's tracker, which follows bUnit's navigation, not the portal's.
        bunit.Services.AddScoped<BookingPortal.Components.Shared.DocumentTitleTracker>();
        bunit.AddAuthorization().SetAuthorized("customer").SetRoles(Roles.Customer).SetClaims(new Claim(PortalClaims.UserIdType, booking.CustomerId));
    }

    [Fact]
    public async Task After_a_cancel_focus_moves_to_the_result_not_to_the_page_with_the_button_that_went()
    {
        var dialogs = bunit.Render<MudDialogProvider>();
        var page = bunit.Render<MyAppointmentsPage>();
        page.WaitForAssertion(() => page.Find($"button[aria-label='Cancel booking {booking.ConfirmationNumber}']"));

        // The page waits for the dialog's answer, so the click ends when the dialog does.
        var click = page.Find($"button[aria-label='Cancel booking {booking.ConfirmationNumber}']").ClickAsync(new());
        dialogs.WaitForAssertion(() => dialogs.FindAll("button").Should().Contain(b => b.TextContent.Trim() == "Cancel booking"));
        await dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel booking").ClickAsync(new());
        await click;

        page.WaitForAssertion(() => page.Find("[data-testid=cancel-notice]").TextContent.Should().NotBeNullOrWhiteSpace());
        page.FindAll($"button[aria-label='Cancel booking {booking.ConfirmationNumber}']").Should().BeEmpty("the cancelled booking's row has no Cancel button");
        // The dialog moves focus too while it is open; the last move is the page's, once the dialog has gone.
        page.WaitForAssertion(() => bunit.JSInterop.Invocations.Where(i => i.Identifier == "Blazor._internal.domWrapper.focus").Should().NotBeEmpty()
            .And.Subject.Last().Arguments[0].Should().BeOfType<Microsoft.AspNetCore.Components.ElementReference>()
            .Which.Id.Should().Be(page.Find("[data-testid=cancel-notice]").GetAttribute("blazor:elementReference")));
    }
}

using BookingPortal.Features.Payments.Components;
using MudBlazor.Services;
using static BookingPortal.Tests.Integration.Payments.DurableRefundTests;

namespace BookingPortal.Tests.Components.Payments;

/// <summary>The deposit button of a held booking, over a test portal whose card gateway is the Stripe stand-in.</summary>
public sealed class PayDepositPanelTests : IAsyncLifetime
{
    private readonly BunitContext context = new();
    private StripeStandIn stripe = default!;
    private StripePortalFactory factory = default!;

    public async Task InitializeAsync()
    {
        stripe = await StripeStandIn.StartAsync();
        factory = new StripePortalFactory(stripe);
        await factory.StartWithoutScheduledJobsAsync();
        context.Services.AddMudServices();
        context.Services.AddLocalization();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddSingleton(factory.Services.CreateScope().ServiceProvider.GetRequiredService<PaymentService>());
    }

    public async Task DisposeAsync()
    {
        await context.DisposeAsync();
        await factory.DisposeAsync();
        await stripe.DisposeAsync();
    }

    [Fact]
    public async Task A_payment_provider_that_is_down_is_told_as_a_payment_that_could_not_start_beside_the_button()
    {
        var booking = await HeldBookingAsync(factory);
        context.AddAuthorization().SetAuthorized("customer").SetClaims(new Claim(PortalClaims.UserIdType, booking.CustomerId));
        stripe.CheckoutOutage = true;
        var panel = context.Render<PayDepositPanel>(parameters => parameters
            .Add(p => p.Booking, booking).Add(p => p.HoldUntilUtc, factory.Clock.GetUtcNow().UtcDateTime.AddMinutes(10)));

        await panel.FindAll("button").Single(b => b.TextContent.Contains("Pay deposit")).ClickAsync(new());

        panel.WaitForAssertion(() => panel.Find("[role=alert]").TextContent.Should().Contain("We could not start the payment just now. Your seat is still held"), TimeSpan.FromSeconds(30));
        panel.FindAll("button").Single(b => b.TextContent.Contains("Pay deposit")).HasAttribute("disabled").Should().BeFalse("the customer can try again");
        stripe.Requests.Should().Contain(r => r.Path == "/v1/checkout/sessions", "the provider was asked");
    }

    [Fact]
    public async Task A_double_tap_opens_one_checkout_and_leaves_for_it_without_an_error()
    {
        var booking = await HeldBookingAsync(factory);
        context.AddAuthorization().SetAuthorized("customer").SetClaims(new Claim(PortalClaims.UserIdType, booking.CustomerId));
        var panel = context.Render<PayDepositPanel>(parameters => parameters
            .Add(p => p.Booking, booking).Add(p => p.HoldUntilUtc, factory.Clock.GetUtcNow().UtcDateTime.AddMinutes(10)));
        AngleSharp.Dom.IElement PayButton() => panel.FindAll("button").Single(b => b.TextContent.Contains("Pay deposit"));

        // The second tap reaches the circuit while the first is still being answered. (On a real circuit it may carry the
        // button's old event handler id, kept until the browser has the new render: it reaches the same button.)
        var first = PayButton().ClickAsync(new());
        var second = PayButton().ClickAsync(new());
        await Task.WhenAll(first, second);

        panel.WaitForAssertion(() => context.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().Uri.Should().StartWith("https://checkout.stripe.test/"), TimeSpan.FromSeconds(30));
        panel.FindAll("[role=alert]").Should().BeEmpty("the second tap is not a failed payment");
        stripe.Requests.Where(r => r.Path == "/v1/checkout/sessions").Should().ContainSingle();
    }

    [Fact]
    public async Task A_press_too_close_to_its_checkout_s_end_says_so_beside_the_button_and_sends_no_one_to_pay()
    {
        var booking = await HeldBookingAsync(factory);
        context.AddAuthorization().SetAuthorized("customer").SetClaims(new Claim(PortalClaims.UserIdType, booking.CustomerId));
        // An earlier press fixed the checkout's end, which is now two minutes away, as is the hold's.
        var ends = factory.Clock.GetUtcNow().UtcDateTime.AddMinutes(2);
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            await db.Bookings.Where(b => b.Id == booking.Id).ExecuteUpdateAsync(b => b.SetProperty(x => x.CheckoutExpiresAtUtc, ends).SetProperty(x => x.ExpiresAtUtc, ends));
        }

        var panel = context.Render<PayDepositPanel>(parameters => parameters.Add(p => p.Booking, booking).Add(p => p.HoldUntilUtc, ends));

        await panel.FindAll("button").Single(b => b.TextContent.Contains("Pay deposit")).ClickAsync(new());

        panel.WaitForAssertion(() => panel.Find("[role=alert]").TextContent.Should().Contain("There is too little time left to pay before your hold ends"), TimeSpan.FromSeconds(30));
        context.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().Uri.Should().NotStartWith("https://checkout.stripe.test/");
        stripe.Requests.Should().NotContain(r => r.Path == "/v1/checkout/sessions", "no card form that closes under the customer");
    }

    [Fact]
    public async Task After_the_switch_to_pay_at_reception_a_held_booking_shows_the_reception_words_and_no_pay_button()
    {
        var booking = await HeldBookingAsync(factory);
        await using var reception = await ReceptionPortalAsync(factory, stripe);
        context.Services.AddSingleton(reception.Services.CreateScope().ServiceProvider.GetRequiredService<PaymentService>());
        context.AddAuthorization().SetAuthorized("customer").SetClaims(new Claim(PortalClaims.UserIdType, booking.CustomerId));

        var panel = context.Render<PayDepositPanel>(parameters => parameters
            .Add(p => p.Booking, booking).Add(p => p.HoldUntilUtc, factory.Clock.GetUtcNow().UtcDateTime.AddMinutes(10)));

        panel.FindAll("button").Should().BeEmpty("nothing can be paid online any more");
        panel.Find("[data-testid=pay-at-reception]").TextContent.Should().Contain("Deposits are now paid at reception, not online")
            .And.Contain("pay the deposit at reception when you arrive");
        using (TestSupport.Localization.InCulture("es-ES"))
        {
            panel.Render();
            panel.Find("[data-testid=pay-at-reception]").TextContent.Should().Contain("Los depósitos ahora se pagan en recepción");
        }
    }
}

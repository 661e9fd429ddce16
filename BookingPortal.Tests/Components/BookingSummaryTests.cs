using BookingPortal.Features.Booking.Components;

namespace BookingPortal.Tests.Components;

public class BookingSummaryTests : BookingComponentsTestContext
{
    [Fact]
    public void The_summary_shows_the_price_the_deposit_due_now_and_the_balance()
    {
        var summary = Render<BookingSummary>(p => p.Add(x => x.Service, Consultation()).Add(x => x.Slot, Slot(4, 9, remaining: 3)));

        summary.Find("[data-testid=deposit-due]").TextContent.Should().Be("$50.00");
        summary.Markup.Should().Contain("$200.00").And.Contain("$150.00").And.Contain("Wednesday 4 March 2026")
            .And.Contain("9:00 AM – 10:00 AM").And.Contain("Fifth Avenue");
    }

    [Fact]
    public void A_service_without_deposit_shows_nothing_due_now()
    {
        var service = Consultation();
        service.RequireDeposit = false;

        var summary = Render<BookingSummary>(p => p.Add(x => x.Service, service).Add(x => x.Slot, Slot(4, 9, remaining: 3)));

        summary.Find("[data-testid=deposit-due]").TextContent.Should().Be("$0.00");
        summary.Find("[data-testid=cancellation-terms]").TextContent.Should().Be("Cancelling is free.");
    }

    [Fact]
    public void The_summary_says_what_cancelling_late_costs_as_the_booking_will_keep_it()
    {
        var service = Consultation();
        service.CancellationFee = service.DepositDueNow + 100m;

        var summary = Render<BookingSummary>(p => p.Add(x => x.Service, service).Add(x => x.Slot, Slot(4, 9, remaining: 3)));

        summary.Find("[data-testid=cancellation-terms]").TextContent.Should()
            .Be($"Cancelling is free until {service.FreeCancellationHours} hours before the start; after that a $50.00 fee is kept from the deposit.");
    }

    [Fact]
    public void While_booking_the_button_is_disabled_and_an_error_is_shown_in_place()
    {
        var summary = Render<BookingSummary>(p => p
            .Add(x => x.Service, Consultation())
            .Add(x => x.Slot, Slot(4, 9, remaining: 3))
            .Add(x => x.Busy, true)
            .Add(x => x.Error, "Sorry, that time was just taken."));

        summary.Find("button").HasAttribute("disabled").Should().BeTrue();
        summary.Find("[role=alert]").TextContent.Should().Contain("just taken");
    }

    [Fact]
    public void A_refused_booking_moves_focus_to_its_message_once()
    {
        var summary = Render<BookingSummary>(p => p.Add(x => x.Service, Consultation()).Add(x => x.Slot, Slot(4, 9, remaining: 3)));
        JSInterop.VerifyNotInvoke("Blazor._internal.domWrapper.focus");

        summary.Render(p => p.Add(x => x.Error, "Sorry, that time was just taken."));
        summary.Render(p => p.Add(x => x.Busy, false));

        // Exactly one focus call, although the component rendered again with the same message.
        JSInterop.VerifyFocusAsyncInvoke(calledTimes: 1);
    }

    /// <summary>An exception from a component's after-render step ends the customer's whole circuit: a focus the browser cannot make must not.</summary>
    [Fact]
    public void A_refusal_whose_focus_the_browser_cannot_make_is_still_shown()
    {
        JSInterop.SetupVoid("Blazor._internal.domWrapper.focus", _ => true).SetException(new Microsoft.JSInterop.JSException("The element is gone."));
        var summary = Render<BookingSummary>(p => p.Add(x => x.Service, Consultation()).Add(x => x.Slot, Slot(4, 9, remaining: 3)));

        summary.Render(p => p.Add(x => x.Error, "Sorry, that time was just taken."));

        summary.Find("[role=alert]").TextContent.Should().Contain("just taken");
        JSInterop.VerifyFocusAsyncInvoke(calledTimes: 1);
    }

    [Theory]
    [InlineData(false, "paid at reception")]
    [InlineData(true, "pay the deposit by card")]
    public void The_summary_says_where_the_deposit_is_paid(bool online, string expected)
    {
        var summary = Render<BookingSummary>(p => p
            .Add(x => x.Service, Consultation())
            .Add(x => x.Slot, Slot(4, 9, remaining: 3))
            .Add(x => x.DepositPaidOnline, online));

        summary.Markup.Should().Contain(expected);
    }
}

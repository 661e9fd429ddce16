using BookingPortal.Features.Payments.Components;

namespace BookingPortal.Tests.Components.Payments;

/// <summary>The dashboard's list of refunds to make by hand, over a test portal's real settlement service.</summary>
public sealed class RefundsToSettlePanelTests() : StaffPageSuite(typeof(RefundSettlement))
{
    [Fact]
    public async Task A_failed_refund_is_recorded_only_with_how_it_was_made_said_beside_the_field()
    {
        var booking = await FailedRefundAsync();
        var panel = context.Render<RefundsToSettlePanel>();
        panel.WaitForAssertion(() => panel.Find("[data-testid=refund-to-settle]").TextContent.Should().Contain(booking.ConfirmationNumber).And.Contain("card expired"));
        panel.Find("[data-testid=refunds-to-settle]").TextContent.Should().Contain("record it by the provider's refund id alone", "a dashboard refund that fails later is heard only by its id");

        await panel.FindAll("button").Single(b => b.TextContent.Contains("Record as refunded")).ClickAsync(new());
        panel.FindAll(".mud-input-error").Select(e => e.TextContent).Should().Contain(t => t.Contains("Say how the money went back"));

        await panel.Find("[data-testid=refund-to-settle] input").ChangeAsync(new() { Value = "Transfer 77" });
        await panel.FindAll("button").Single(b => b.TextContent.Contains("Record as refunded")).ClickAsync(new());

        panel.WaitForAssertion(() => panel.FindAll("[data-testid=refunds-to-settle]").Should().BeEmpty());
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.RefundRequests.SingleAsync(r => r.BookingId == booking.Id)).Status.Should().Be(RefundStatus.SettledByHand);
    }

    [Fact]
    public async Task The_id_of_the_refund_that_failed_is_refused_beside_the_field()
    {
        var booking = await FailedRefundAsync(providerRefundId: "re_Failed1");
        var panel = context.Render<RefundsToSettlePanel>();
        panel.WaitForAssertion(() => panel.Find("[data-testid=refund-to-settle]").TextContent.Should().Contain(booking.ConfirmationNumber));

        await panel.Find("[data-testid=refund-to-settle] input").ChangeAsync(new() { Value = "re_Failed1" });
        await panel.FindAll("button").Single(b => b.TextContent.Contains("Record as refunded")).ClickAsync(new());

        panel.WaitForAssertion(() => panel.FindAll(".mud-input-error").Select(e => e.TextContent).Should().Contain(t => t.Contains("That refund failed, so no money went back")));
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.RefundRequests.SingleAsync(r => r.BookingId == booking.Id)).Status.Should().Be(RefundStatus.Failed, "recorded, the failure's next report would undo it");
    }

    /// <summary>A booking with a refund the dispatcher gave up on (written directly: no provider takes part here).</summary>
    private async Task<BookingView> FailedRefundAsync(string? providerRefundId = null)
    {
        var (service, slots) = await factory.ServiceAndSlotsAsync(DemoSeeder.ConsultationName);
        var booking = await factory.BookAsNewCustomerAsync(service.Id, slots[0].StartUtc);
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        db.RefundRequests.Add(new RefundRequest
        {
            BookingId = booking.Id,
            Amount = 50m,
            Currency = "USD",
            PaymentReference = "pi_panel",
            Reason = "Cancelled.",
            IdempotencyKey = RefundRequest.KeyFor(booking.Id, 1),
            Status = RefundStatus.Failed,
            Attempts = 1,
            LastError = "card expired",
            ProviderRefundId = providerRefundId,
        });
        await db.SaveChangesAsync();
        return booking;
    }
}

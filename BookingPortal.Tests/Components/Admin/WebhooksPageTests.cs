using BookingPortal.Features.Webhooks.Pages;

namespace BookingPortal.Tests.Components.Admin;

/// <summary>The webhooks page over the real service, signed in as the demo staff member.</summary>
public sealed class WebhooksPageTests() : StaffPageSuite(typeof(WebhookAdminService), typeof(TimeProvider))
{
    private const string Url = "https://93.184.216.34/hooks";

    [Fact]
    public async Task Edit_events_refuses_an_empty_list_beside_it_and_saves_a_new_event_for_the_endpoint()
    {
        var (_, errors) = await factory.Get<WebhookAdminService>().RegisterAsync(await factory.StaffAsync(),
            new WebhookEndpointDraft { Url = Url, EventTypes = [WebhookEventTypes.BookingCreated] });
        errors.Should().BeEmpty();
        var page = context.Render<WebhooksPage>();
        await page.WaitForElement($"button[aria-label='Edit events of {Url}']").ClickAsync(new());

        await Box(page, WebhookEventTypes.BookingCreated).ChangeAsync(new() { Value = false });
        await Save(page).ClickAsync(new());

        page.WaitForAssertion(() => page.Find("[data-testid=webhook-events-editor] [role=alert]").TextContent.Should().Be("Choose at least one event from the list."));
        await Box(page, WebhookEventTypes.BookingLocationChanged).ChangeAsync(new() { Value = true });
        await Save(page).ClickAsync(new());

        page.WaitForAssertion(() => page.FindAll("[data-testid=webhook-events-editor]").Should().BeEmpty());
        page.Find("[data-testid=webhook-endpoints] tbody").TextContent.Should().Contain(WebhookEventTypes.BookingLocationChanged)
            .And.NotContain(WebhookEventTypes.BookingCreated);
    }

    private static AngleSharp.Dom.IElement Box(IRenderedComponent<WebhooksPage> page, string type) =>
        page.FindAll("[data-testid=webhook-events-editor] label").First(l => l.TextContent.Trim() == type).QuerySelector("input[type=checkbox]")!;

    private static AngleSharp.Dom.IElement Save(IRenderedComponent<WebhooksPage> page) =>
        page.FindAll("[data-testid=webhook-events-editor] button").First(b => b.TextContent.Trim() == "Save events");
}

using BookingPortal.Tests.Integration.Notifications;

namespace BookingPortal.Tests.Integration.Webhooks;

/// <summary>
/// Staff change which events an endpoint is sent, so an event added after it was registered reaches it without
/// registering it again; the choice is checked as at registration, and only staff may make it.
/// </summary>
public class WebhookEventEditTests() : PortalSuite(scheduledJobs: false)
{
    private const string Url = "https://93.184.216.34/hooks";

    [Fact]
    public async Task An_endpoint_edited_to_take_location_changes_is_sent_the_next_one_and_keeps_its_secret()
    {
        var (webhooks, staff) = (factory.Get<WebhookAdminService>(), await factory.StaffAsync());
        var (endpoint, _) = await webhooks.RegisterAsync(staff, new WebhookEndpointDraft { Url = Url, EventTypes = [WebhookEventTypes.BookingCreated] });
        var (service, slots) = await factory.SimpleConsultationAndSlotsAsync();
        await factory.BookAsNewCustomerAsync(service.Id, slots[0].StartUtc);
        string secretBefore;
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            secretBefore = db.WebhookEndpoints.Single(e => e.Id == endpoint!.Id).Secret;
        }

        var (saved, errors) = await webhooks.SetEventsAsync(staff, endpoint!.Id, [WebhookEventTypes.BookingLocationChanged, WebhookEventTypes.BookingCreated]);
        var draft = (await factory.Get<ServiceAdminService>().GetDraftAsync(staff, service.Id))!;
        draft.Address = "7 Harbour Road, Boston, MA 02110";
        (await factory.Get<ServiceAdminService>().SaveAsync(staff, draft)).Succeeded.Should().BeTrue();

        (saved, errors.Count).Should().Be((true, 0));
        (await webhooks.ListAsync(staff)).Single().EventTypes.Should().Equal(WebhookEventTypes.BookingCreated, WebhookEventTypes.BookingLocationChanged);
        (await factory.OutboxAsync()).Where(m => m.WebhookEndpointId == endpoint.Id).Select(m => m.Subject).Should()
            .Equal([WebhookEventTypes.BookingCreated, WebhookEventTypes.BookingLocationChanged], "the booking's creation was queued before, its move after the edit");
        await using var after = await factory.DbFactory.CreateDbContextAsync();
        after.WebhookEndpoints.Single().Secret.Should().Be(secretBefore);
        after.AuditEntries.Single(a => a.Action == "webhook.events_changed").Details.Should()
            .Be("booking.created → booking.created booking.location_changed");
    }

    [Fact]
    public async Task No_events_or_an_unknown_one_is_refused_beside_the_events_field_and_customers_cannot_edit()
    {
        var (webhooks, staff) = (factory.Get<WebhookAdminService>(), await factory.StaffAsync());
        var (endpoint, _) = await webhooks.RegisterAsync(staff, new WebhookEndpointDraft { Url = Url, EventTypes = [WebhookEventTypes.BookingCreated] });

        var none = await webhooks.SetEventsAsync(staff, endpoint!.Id, []);
        var unknown = await webhooks.SetEventsAsync(staff, endpoint.Id, [WebhookEventTypes.BookingCancelled, "booking.teleported"]);

        none.Saved.Should().BeFalse();
        none.Errors.Should().ContainSingle().Which.Field.Should().Be(nameof(WebhookEndpointDraft.EventTypes));
        unknown.Errors.Should().ContainSingle().Which.Message.Should().Be("Choose at least one event from the list.");
        var customer = TestData.CustomerActor((await factory.CreateCustomersAsync(1))[0]);
        await FluentActions.Awaiting(() => webhooks.SetEventsAsync(customer, endpoint.Id, [WebhookEventTypes.BookingCancelled]))
            .Should().ThrowAsync<UnauthorizedAccessException>();
        (await webhooks.ListAsync(staff)).Single().EventTypes.Should().Equal(WebhookEventTypes.BookingCreated);
    }
}

/// <summary>The same on PostgreSQL.</summary>
public class WebhookEventEditOnPostgresTests : WebhookEventEditTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

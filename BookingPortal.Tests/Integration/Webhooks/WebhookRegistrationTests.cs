using BookingPortal.Features.Webhooks.Ports;

namespace BookingPortal.Tests.Integration.Webhooks;

/// <summary>Registering endpoints as staff, on a portal with the default (safe) settings.</summary>
public class WebhookRegistrationTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task An_endpoint_on_a_private_or_plain_http_address_is_refused_beside_the_url_field()
    {
        var admin = factory.Get<WebhookAdminService>();
        var staff = await factory.StaffAsync();

        var loopback = await admin.RegisterAsync(staff, new WebhookEndpointDraft { Url = "https://127.0.0.1:9/hooks", EventTypes = [WebhookEventTypes.BookingCreated] });
        var http = await admin.RegisterAsync(staff, new WebhookEndpointDraft { Url = "http://93.184.216.34/hooks", EventTypes = [WebhookEventTypes.BookingCreated] });
        var noEvents = await admin.RegisterAsync(staff, new WebhookEndpointDraft { Url = "https://93.184.216.34/hooks" });

        loopback.Registered.Should().BeNull();
        loopback.Errors.Should().ContainSingle().Which.Field.Should().Be("Url");
        http.Errors.Should().ContainSingle().Which.Message.Should().Contain("https://");
        noEvents.Errors.Should().ContainSingle().Which.Field.Should().Be("EventTypes");
    }

    [Fact]
    public async Task Staff_register_a_public_endpoint_and_get_its_secret_once_and_customers_cannot()
    {
        var admin = factory.Get<WebhookAdminService>();
        var staff = await factory.StaffAsync();

        var (registered, errors) = await admin.RegisterAsync(staff, new WebhookEndpointDraft
        {
            Url = "https://93.184.216.34/hooks",
            EventTypes = [WebhookEventTypes.BookingCancelled, WebhookEventTypes.ReleaseOpened],
        });

        errors.Should().BeEmpty();
        registered!.Secret.Should().StartWith("whsec_").And.HaveLength(54);
        (await admin.ListAsync(staff)).Should().Contain(e => e.Id == registered.Id && e.EventTypes.SequenceEqual(new[] { "booking.cancelled", "release.opened" }));
        var customer = TestData.CustomerActor((await factory.CreateCustomersAsync(1))[0]);
        await FluentActions.Awaiting(() => admin.RegisterAsync(customer, new WebhookEndpointDraft())).Should().ThrowAsync<UnauthorizedAccessException>();
        await FluentActions.Awaiting(() => admin.ResendAsync(customer, 1)).Should().ThrowAsync<UnauthorizedAccessException>();
    }

    [Fact]
    public async Task The_signing_secret_is_stored_encrypted_and_read_back_for_signing()
    {
        var admin = factory.Get<WebhookAdminService>();
        var (registered, _) = await admin.RegisterAsync(await factory.StaffAsync(), new WebhookEndpointDraft
        {
            Url = "https://93.184.216.34/hooks",
            EventTypes = [WebhookEventTypes.BookingCreated],
        });

        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var stored = db.WebhookEndpoints.Single(e => e.Id == registered!.Id).Secret;
        stored.Should().StartWith("dp1:").And.NotContain(registered!.Secret[6..]);
        factory.Get<WebhookSecrets>().Reveal(stored).Should().Be(registered.Secret);
        factory.Get<WebhookSecrets>().Reveal("whsec_written_before").Should().Be("whsec_written_before", "rows stored before encryption are read as written");
    }
}

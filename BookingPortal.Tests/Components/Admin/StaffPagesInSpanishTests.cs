using BookingPortal.Features.Webhooks.Pages;

namespace BookingPortal.Tests.Components.Admin;

/// <summary>Staff pages outside the service editor speak the page's language, Spanish here, their own texts included.</summary>
public sealed class StaffPagesInSpanishTests() : StaffPageSuite(typeof(WebhookAdminService))
{
    [Fact]
    public async Task The_webhooks_page_labels_its_form_endpoints_and_deliveries_in_Spanish()
    {
        const string Url = "https://93.184.216.34/hooks";
        var (_, errors) = await factory.Get<WebhookAdminService>().RegisterAsync(await factory.StaffAsync(),
            new WebhookEndpointDraft { Url = Url, EventTypes = [WebhookEventTypes.BookingCreated] });
        errors.Should().BeEmpty();
        using var spanish = Localization.InCulture("es-ES");

        var page = context.Render<WebhooksPage>();

        page.WaitForAssertion(() => page.Find("[data-testid=webhook-endpoints]").TextContent.Should().Contain(Url));
        page.Find("h1").TextContent.Trim().Should().Be("Webhooks");
        page.FindAll("h2").Select(h => h.TextContent.Trim()).Should().Contain(["Añadir un destino", "Destinos"]);
        page.Markup.Should().Contain("la cabecera <code>BookingPortal-Signature</code> es <code>t=…,v1=…</code>, el HMAC-SHA256 de <code>{t}.{body}</code>");
        page.FindAll("label").Select(l => l.TextContent.Trim()).Should().Contain(["URL", "Descripción"]);
        page.Markup.Should().Contain("https:// y una dirección pública; se rechazan las direcciones privadas y de bucle local");
        page.Find("legend").TextContent.Should().Be("Eventos");
        page.FindAll("button").Select(b => b.TextContent.Trim()).Should().Contain(["Añadir destino", "Entregas", "Pausar"]);
        page.FindAll("th").Select(th => th.TextContent.Trim()).Should().Contain(["Eventos", "En espera", "Fallidos", "Estado"]);
        page.Find("[data-testid=webhook-endpoints]").TextContent.Should().Contain("Activo");

        await page.Find($"button[aria-label='Entregas a {Url}']").ClickAsync(new());
        await page.FindAll("button").First(b => b.TextContent.Trim() == "Pausar").ClickAsync(new());

        page.WaitForAssertion(() => page.Find("[data-testid=webhook-endpoints]").TextContent.Should().Contain("En pausa"));
        page.FindAll("h2").Select(h => h.TextContent.Trim()).Should().Contain($"Entregas a {Url}");
        page.Find("[data-testid=webhook-deliveries]").TextContent.Should().Contain("Aún no hay entregas.");
        page.FindAll("button").Select(b => b.TextContent.Trim()).Should().Contain("Reanudar");
        page.Markup.Should().NotContainAny("Add an endpoint", "Endpoints", "Deliveries", "No deliveries yet", "Paused", "Add endpoint");
    }
}

using BookingPortal.Features.Admin.Pages;

namespace BookingPortal.Tests.Components.Admin;

/// <summary>The staff's services list and the service editor's answers speak the page's language, Spanish here.</summary>
public sealed class ServicePagesInSpanishTests() : StaffPageSuite(typeof(ServiceAdminService), typeof(ServiceArchiving))
{
    [Fact]
    public async Task The_services_list_is_in_Spanish_on_a_Spanish_page()
    {
        var service = (await factory.SimpleConsultationAndSlotsAsync()).Service;
        using var spanish = Localization.InCulture("es-ES");

        var page = context.Render<ServicesAdminPage>();

        page.WaitForAssertion(() => page.Find("[data-testid=services-table]"));
        page.FindAll("th").Select(th => th.TextContent.Trim()).Should().Contain(["Nombre", "Reservas próximas", "Estado"]);
        page.Find($"button[aria-label='Archivar {service.Name}']").TextContent.Trim().Should().Be("Archivar");
        page.Find("[data-testid=services-table]").TextContent.Should().Contain("Ofrecido").And.NotContain("Offered");
    }

    [Fact]
    public async Task A_refused_save_says_so_in_Spanish_on_a_Spanish_page()
    {
        using var spanish = Localization.InCulture("es-ES");
        var page = context.Render<ServiceEditPage>();

        await page.Find("form").SubmitAsync();

        page.Find("[data-testid=service-errors]").TextContent.Should().StartWith("No se guardó nada:");
        page.Find("button[type=submit]").TextContent.Trim().Should().Be("Guardar servicio");
    }

    [Fact]
    public async Task A_refused_save_shows_each_fields_message_in_Spanish_beside_it()
    {
        using var spanish = Localization.InCulture("es-ES");
        var page = context.Render<ServiceEditPage>();
        // No name and no address, and a 45-minute appointment in the new service's 09:00–10:00 slot.
        await Field(page, "Duration (minutes)").ChangeAsync(new() { Value = "45" });

        await page.Find("form").SubmitAsync();

        page.FindAll(".mud-input-error").Select(e => e.TextContent.Trim()).Should().Contain(
            ["Dé un nombre al servicio.", "Indique la dirección a la que acuden los clientes.", "La franja debe durar lo mismo que la cita (45 minutos)."]);
        page.Find("[data-testid=service-errors]").TextContent.Should()
            .Be("No se guardó nada: Dé un nombre al servicio. El depósito no puede superar el precio. Indique la dirección a la que acuden los clientes. "
                + "La franja debe durar lo mismo que la cita (45 minutos).");
    }

    private static AngleSharp.Dom.IElement Field(IRenderedComponent<ServiceEditPage> page, string label) =>
        page.Find($"#{page.FindAll("label").First(l => l.TextContent.Trim() == label).GetAttribute("for")}");
}

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
}

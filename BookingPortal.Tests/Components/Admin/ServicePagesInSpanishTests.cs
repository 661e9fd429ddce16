using BookingPortal.Features.Admin.Pages;
using MudBlazor;

namespace BookingPortal.Tests.Components.Admin;

/// <summary>The staff's services list and the service editor's answers speak the page's language, Spanish here.</summary>
public sealed class ServicePagesInSpanishTests()
    : StaffPageSuite(typeof(ServiceAdminService), typeof(ServiceArchiving), typeof(QuestionBook), typeof(QuestionEditor), typeof(ServiceMessageSettings))
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
        await Field(page, "Duración (minutos)").ChangeAsync(new() { Value = "45" });

        await page.Find("form").SubmitAsync();

        page.FindAll(".mud-input-error").Select(e => e.TextContent.Trim()).Should().Contain(
            ["Dé un nombre al servicio.", "Indique la dirección a la que acuden los clientes.", "La franja debe durar lo mismo que la cita (45 minutos)."]);
        page.Find("[data-testid=service-errors]").TextContent.Should()
            .Be("No se guardó nada: Dé un nombre al servicio. El depósito no puede superar el precio. Indique la dirección a la que acuden los clientes. "
                + "La franja debe durar lo mismo que la cita (45 minutos).");
    }

    [Fact]
    public async Task The_editor_labels_its_fields_and_slots_and_names_what_it_saved_in_Spanish()
    {
        var service = (await factory.SimpleConsultationAndSlotsAsync()).Service;
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var first = (await db.TimeSlotTemplates.Where(t => t.ServiceId == service.Id).Select(t => t.Start).ToListAsync()).Min();
        using var spanish = Localization.InCulture("es-ES");
        var monday = System.Globalization.CultureInfo.GetCultureInfo("es-ES").DateTimeFormat.GetAbbreviatedDayName(DayOfWeek.Monday);
        var page = context.Render<ServiceEditPage>(p => p.Add(x => x.Id, service.Id));
        page.WaitForAssertion(() => page.Find("form"));

        page.FindAll("label").Select(l => l.TextContent.Trim()).Should()
            .Contain(["Zona horaria", "Duración (minutos)", "Cargo por cancelación tardía", "Margen antes (minutos)", "Inicio de la franja 1", "Plazas de la franja 1", monday])
            .And.NotContain(["Time zone", "Duration (minutes)", "Late cancellation fee", "Slot 1 start", "Slot 1 seats", "Mon"]);
        page.Markup.Should().Contain("Franjas horarias").And.Contain("Días en que se ofrece").And.Contain("Tiempo libre antes de cada cita")
            .And.NotContain("Time slots").And.NotContain("Kept free before each appointment");
        await Field(page, "Precio").ChangeAsync(new() { Value = "99" });
        await Field(page, "Plazas de la franja 1").ChangeAsync(new() { Value = "7" });

        await page.Find("form").SubmitAsync();

        page.WaitForAssertion(() => context.Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(s => s.Message).Should()
            .Equal($"Guardado: Precio, franja de las {first:HH\\:mm} cambiada."));
    }

    private static AngleSharp.Dom.IElement Field(IRenderedComponent<ServiceEditPage> page, string label) =>
        page.Find($"#{page.FindAll("label").First(l => l.TextContent.Trim() == label).GetAttribute("for")}");
}

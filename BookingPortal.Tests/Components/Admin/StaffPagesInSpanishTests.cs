using System.Globalization;
using BookingPortal.Features.Admin.Pages;
using BookingPortal.Features.Webhooks.Pages;
using MudBlazor;

namespace BookingPortal.Tests.Components.Admin;

/// <summary>Staff pages outside the service editor speak the page's language, Spanish here, their own texts included.</summary>
public sealed class StaffPagesInSpanishTests() : StaffPageSuite(
    typeof(WebhookAdminService), typeof(SlotCalendarService), typeof(SlotCapacityService), typeof(CatalogService), typeof(AppointmentsService),
    typeof(FrontDeskService), typeof(CancellationService), typeof(TimeProvider), typeof(BookingPortal.Features.Approval.BookingApprovals),
    typeof(BookingPortal.Features.Questions.QuestionBook), typeof(OutboxAdminService))
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
        page.FindAll("button").Select(b => b.TextContent.Trim()).Should().Contain(["Añadir destino", "Entregas", "Pausar", "Editar eventos"]);
        page.FindAll("th").Select(th => th.TextContent.Trim()).Should().Contain(["Eventos", "En espera", "Con error", "Estado"]);
        page.Find("[data-testid=webhook-endpoints]").TextContent.Should().Contain("Activo");

        await page.Find($"button[aria-label='Entregas a {Url}']").ClickAsync(new());
        await page.FindAll("button").First(b => b.TextContent.Trim() == "Pausar").ClickAsync(new());

        page.WaitForAssertion(() => page.Find("[data-testid=webhook-endpoints]").TextContent.Should().Contain("En pausa"));
        page.FindAll("h2").Select(h => h.TextContent.Trim()).Should().Contain($"Entregas a {Url}");
        page.Find("[data-testid=webhook-deliveries]").TextContent.Should().Contain("Aún no hay entregas.");
        await page.FindAll("button").First(b => b.TextContent.Trim() == "Reanudar").ClickAsync(new());
        var (service, slots) = await factory.ServiceAndSlotsAsync(DemoSeeder.ConsultationName);
        await factory.BookAsNewCustomerAsync(service.Id, slots[0].StartUtc);
        await page.Find($"button[aria-label='Entregas a {Url}']").ClickAsync(new());
        page.WaitForAssertion(() => page.Find("[data-testid=webhook-deliveries] tbody").TextContent.Should().Contain("Pendiente (0)"));
        page.Markup.Should().NotContainAny("Add an endpoint", "Endpoints", "Deliveries", "No deliveries yet", "Paused", "Add endpoint");
    }

    [Fact]
    public async Task The_slots_page_names_its_days_dates_and_actions_in_Spanish_and_says_what_a_seat_did()
    {
        using var spanish = Localization.InCulture("es-ES");
        var names = System.Globalization.CultureInfo.GetCultureInfo("es-ES").DateTimeFormat;

        var page = context.Render<SlotsPage>();

        page.WaitForAssertion(() => page.FindAll("button[aria-label^='+1 plaza para la franja de las ']").Should().NotBeEmpty());
        page.Find("h1").TextContent.Trim().Should().Be("Franjas");
        page.Find("#slot-week-title").TextContent.Should().StartWith("Semana del " + names.GetAbbreviatedDayName(DayOfWeek.Monday)).And.Contain(" · horas en ");
        page.FindAll("h2").Select(h => h.TextContent.Trim()).Should().HaveCount(7).And
            .SatisfyRespectively(WeekDays.Select(day => (Action<string>)(heading => heading.Should().StartWith(names.GetAbbreviatedDayName(day) + " "))));
        page.Find("section.slot-day").GetAttribute("aria-label").Should().StartWith(names.GetDayName(DayOfWeek.Monday));
        page.FindAll("button").Select(b => b.TextContent.Trim()).Should().Contain(["‹ Semana anterior", "Semana siguiente ›", "+1 plaza", "Cerrar", "Cerrar el día"]);
        page.Find("[data-testid=slot-week]").TextContent.Should().Contain(" reservadas").And.NotContain(" booked").And.NotContain("AM").And.NotContain("PM");

        await page.FindAll("button[aria-label^='+1 plaza para']")[0].ClickAsync(new());

        page.WaitForAssertion(() => context.Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(s => s.Message).Should()
            .ContainSingle().Which.Should().MatchRegex(@"^La capacidad es ahora \d+\.$"));
    }

    [Fact]
    public async Task On_a_Spanish_appointment_page_the_labels_are_Spanish_and_the_desk_answers_a_check_in_in_Spanish()
    {
        var booking = await BookedNowAsync();
        using var spanish = Localization.InCulture("es-ES");
        var page = context.Render<AppointmentDetailPage>(p => p.Add(x => x.Number, booking.ConfirmationNumber));
        page.WaitForAssertion(() => page.Find("[data-testid=appointment-status]").TextContent.Should().Be("Confirmada"));

        page.FindAll("h2").Select(h => h.TextContent.Trim()).Should().Contain(["Historial", "Movimientos"]);
        page.FindAll("th").Select(th => th.TextContent.Trim()).Should().Equal("Cuándo (UTC)", "Tipo", "Importe", "Nota");
        page.Markup.Should().Contain("Precio ").And.Contain(" · depósito ").And.Contain(" · saldo ").And.NotContain("balance");
        // Its date, time and amounts in Spanish form too: "lunes, 7 de diciembre de 2026, 9:00", never "9:00 AM".
        page.Markup.Should().Contain(" de " + CultureInfo.GetCultureInfo("es-ES").DateTimeFormat.GetMonthName(booking.LocalStart.Month) + " de ")
            .And.NotMatchRegex(@"\d:\d\d [AP]M");
        page.FindAll("button").Select(b => b.TextContent.Trim()).Should().Contain("Cancelar en nombre del cliente…");
        await page.FindAll("button").Single(b => b.TextContent.Trim() == "Registrar llegada").ClickAsync(new());

        page.WaitForAssertion(() => context.Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(s => s.Message).Should()
            .ContainSingle().Which.Should().Be("Llegada registrada."));
        page.WaitForAssertion(() => page.Find("[data-testid=appointment-status]").TextContent.Should().Be("Realizada"));
    }

    [Fact]
    public async Task The_front_desk_labels_its_table_buttons_and_statuses_in_Spanish()
    {
        var booking = await BookedNowAsync();
        using var spanish = Localization.InCulture("es-ES");
        var page = context.Render<FrontDeskPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=front-desk]").TextContent.Should().Contain(booking.ConfirmationNumber));

        page.Find("h1").TextContent.Trim().Should().Be("Recepción");
        page.Find("nav.admin-nav").GetAttribute("aria-label").Should().Be("Área del personal");
        page.FindAll("nav.admin-nav a").Select(a => a.TextContent.Trim()).Should().Equal("Panel", "Recepción", "Citas", "Franjas", "Servicios",
            "Aperturas", "Estadísticas", "Clientes", "Bandeja de salida", "Mensajes", "Tareas", "Sistema", "Webhooks", "Profesionales", "Mi día");
        page.FindAll("th").Select(th => th.TextContent.Trim()).Should()
            .Equal("Hora", "Servicio", "Cliente", "Reserva", "Situación", "Saldo pendiente", "Acción");
        page.Find("[data-testid=front-desk] tbody").TextContent.Should().Contain("Confirmada");
        page.Find("[data-testid=front-desk] tbody").TextContent.Should().NotMatchRegex(@"\d:\d\d [AP]M", "the time is in the page's form");
        var checkIn = page.FindAll("button").Single(b => b.TextContent.Trim() == "Registrar llegada");
        checkIn.GetAttribute("aria-label").Should().StartWith("Registrar la llegada de ").And.EndWith($"({booking.ConfirmationNumber})");
        await checkIn.ClickAsync(new());

        page.WaitForAssertion(() => page.Find("[data-testid=front-desk] tbody").TextContent.Should().Contain("Registrada").And.NotContain("Checked in"));
    }

    [Fact]
    public async Task The_outbox_page_labels_its_table_and_names_each_status_in_Spanish()
    {
        await BookedNowAsync();
        using var spanish = Localization.InCulture("es-ES");

        var page = context.Render<BookingPortal.Features.Notifications.Pages.OutboxPage>();

        page.WaitForAssertion(() => page.Find("[data-testid=outbox-table] tbody").TextContent.Should().Contain("Pendiente"));
        page.Find("h1").TextContent.Trim().Should().Be("Bandeja de salida");
        page.FindAll("th").Select(th => th.TextContent.Trim()).Should().StartWith(["Escrito (UTC)", "Tipo", "Canal", "Destinatario", "Asunto", "Situación", "Intentos"]);
        page.Find("[data-testid=delivery-counts]").TextContent.Should().Contain("Pendientes: ").And.Contain("Con error: 0").And.Contain("Reintentar los que tienen error");
        page.Markup.Should().Contain("Vea también").And.NotContain("Recipient").And.NotContain("Pending");
    }

    /// <summary>The demo consultation booked, and the clock 5 minutes before its start: inside the desk's window.</summary>
    private async Task<BookingView> BookedNowAsync()
    {
        var (service, slots) = await factory.ServiceAndSlotsAsync(DemoSeeder.ConsultationName);
        var booking = await factory.BookAsNewCustomerAsync(service.Id, slots[0].StartUtc);
        factory.Clock.SetUtcNow(new DateTimeOffset(slots[0].StartUtc.AddMinutes(-5), TimeSpan.Zero));
        return booking;
    }

    private static readonly DayOfWeek[] WeekDays =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];
}

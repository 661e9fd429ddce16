using Microsoft.AspNetCore.Components;
using BookingPortal.Features.Releases;
using BookingPortal.Features.Releases.Pages;
using MudBlazor;

namespace BookingPortal.Tests.Components.Admin;

/// <summary>The releases page rendered by bUnit over the real services of a test portal, signed in as the demo staff member.</summary>
public sealed class ReleasesPageTests() : StaffPageSuite(
    typeof(ReleaseService), typeof(ReleaseScheduler), typeof(PeopleService), typeof(CatalogService))
{
    [Fact]
    public async Task A_weekly_release_with_no_day_ticked_says_why_beside_the_days()
    {
        var page = RenderWeekly();
        foreach (var day in new[] { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" })
        {
            if (DayBox(page, day).HasAttribute("checked"))
            {
                await DayBox(page, day).ChangeAsync(new ChangeEventArgs { Value = false });
            }
        }

        await SaveButton(page).ClickAsync(new());

        page.WaitForAssertion(() => page.Find("[data-testid=opening-days-error]").TextContent
            .Should().Be("Choose when it opens: a date and time, or weekdays for a weekly release."));
    }

    [Fact]
    public async Task On_a_Spanish_page_the_reason_beside_the_days_is_in_Spanish()
    {
        using var spanish = Localization.InCulture("es-ES");
        var days = System.Globalization.CultureInfo.GetCultureInfo("es-ES").DateTimeFormat.AbbreviatedDayNames;
        var page = context.Render<ReleasesPage>();
        page.WaitForAssertion(() => DayBox(page, days[(int)DayOfWeek.Monday]).HasAttribute("checked").Should().BeTrue());
        foreach (var day in days.Where(day => DayBox(page, day).HasAttribute("checked")).ToList())
        {
            await DayBox(page, day).ChangeAsync(new ChangeEventArgs { Value = false });
        }

        await SaveButton(page).ClickAsync(new());

        page.WaitForAssertion(() => page.Find("[data-testid=opening-days-error]").TextContent
            .Should().Be("Elija cuándo abre: una fecha y hora, o días de la semana para una apertura semanal."));
    }

    [Fact]
    public async Task On_a_Spanish_page_the_releases_page_labels_its_settings_and_says_it_saved_in_Spanish()
    {
        using var spanish = Localization.InCulture("es-ES");
        var page = context.Render<ReleasesPage>();
        page.WaitForAssertion(() => page.FindAll("button").Select(b => b.TextContent.Trim()).Should().Contain("Guardar apertura"));

        page.Find("h1").TextContent.Trim().Should().Be("Aperturas y cola");
        page.FindAll("label").Select(l => l.TextContent.Trim()).Should().Contain(
            ["Servicio", "Nombre", "Abre cada semana", "A las (hora del servicio)", "Tiempo para reservar (s)", "Admitidos a la vez", "Admitidos por minuto",
             "Mostrar las plazas restantes", "Acceso anticipado para", "Vende horas desde", "Vende horas hasta", "Minutos de antelación"]);
        page.Markup.Should().Contain("Vacío: sin primera fecha").And.Contain("Vacío: sin última fecha");
        await SaveButton(page).ClickAsync(new());

        page.WaitForAssertion(() => context.Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(s => s.Message).Should()
            .Contain("Apertura guardada y programada."));
        page.WaitForAssertion(() => page.Find("[data-testid=queue-monitor]").TextContent.Should()
            .Contain("Cola ahora").And.Contain("En espera 0 · admitidos ahora 0").And.Contain("Próxima apertura:").And.Contain("Pausar la admisión"));
        page.Markup.Should().NotContainAny("Save release", "Opens every week", "Time to book", "Queue now", "Pause admission");
    }

    [Fact]
    public async Task A_one_off_time_typed_before_switching_to_weekly_does_not_save_a_weekly_release_with_no_days_as_a_one_off()
    {
        var page = RenderWeekly();
        // Each change awaited to its end (MudBlazor's inputs validate after the value changes), then found afresh.
        await WeeklySwitch(page).ChangeAsync(new ChangeEventArgs { Value = false });
        await page.WaitForElement("input[type=datetime-local]").ChangeAsync(new ChangeEventArgs { Value = "2026-03-20T14:00" });
        await WeeklySwitch(page).ChangeAsync(new ChangeEventArgs { Value = true });
        page.WaitForAssertion(() => DayBox(page, "Mon").HasAttribute("checked").Should().BeTrue());
        await DayBox(page, "Mon").ChangeAsync(new ChangeEventArgs { Value = false });

        await SaveButton(page).ClickAsync(new());

        page.WaitForAssertion(() => page.Find("[data-testid=opening-days-error]").TextContent.Should().StartWith("Choose when it opens"));
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.Releases.AnyAsync(r => r.OpensAtUtc == new DateTime(2026, 3, 20, 18, 0, 0, DateTimeKind.Utc))).Should().BeFalse("nothing was saved as a one-off (14:00 in New York)");
    }

    [Fact]
    public async Task A_one_off_opening_is_typed_on_the_services_clock_and_a_skipped_or_repeated_time_is_told_beside_the_field()
    {
        var page = RenderWeekly();
        await WeeklySwitch(page).ChangeAsync(new ChangeEventArgs { Value = false });
        page.WaitForAssertion(() => page.Markup.Should().Contain("Opens at (New York time)").And.NotContain("UTC)"));

        await OneOffField(page).ChangeAsync(new ChangeEventArgs { Value = "2026-03-08T02:30" });
        page.WaitForAssertion(() => page.Markup.Should().Contain("Sun 8 Mar 2026 2:30 AM does not happen in New York: the clocks go forward"));
        await OneOffField(page).ChangeAsync(new ChangeEventArgs { Value = "2026-11-01T01:30" });
        page.WaitForAssertion(() => page.Markup.Should().Contain("Sun 1 Nov 2026 1:30 AM happens twice in New York as the clocks go back: the release opens at the first of the two (05:30 UTC).")
            .And.NotContain("does not happen"));
        await OneOffField(page).ChangeAsync(new ChangeEventArgs { Value = "2026-03-20T09:00" });
        await SaveButton(page).ClickAsync(new());

        page.WaitForAssertion(() => page.Markup.Should().NotContain("happens twice"));
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var saved = await db.Releases.SingleAsync(r => r.OpensAtUtc != null);
        saved.OpensAtUtc.Should().Be(new DateTime(2026, 3, 20, 13, 0, 0, DateTimeKind.Utc), "9:00 AM in New York (EDT), not 9:00 UTC");
    }

    [Fact]
    public async Task A_double_click_on_save_saves_the_release_once()
    {
        var page = RenderWeekly();
        staffDatabase.Hold();

        // The second click arrives while the first is still saving.
        var clicks = await DoubleClick.StartAsync(page, () => SaveButton(page));
        staffDatabase.Release();
        await clicks;

        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.AuditEntries.CountAsync(a => a.Action == "release.saved")).Should().Be(1);
    }

    [Fact]
    public async Task Letting_visitors_wait_without_an_account_says_what_it_gives_up_beside_the_switch()
    {
        var page = RenderWeekly();
        page.FindAll("[data-testid=visitor-places-warning]").Should().BeEmpty("accounts are required by default");

        await page.FindAll("label").First(l => l.TextContent.Contains("Visitors may wait without an account")).QuerySelector("input")!
            .ChangeAsync(new ChangeEventArgs { Value = true });

        page.WaitForAssertion(() => page.Find("[data-testid=visitor-places-warning]").TextContent.Should().Contain("holds several places until they sign in"));
    }

    private IRenderedComponent<ReleasesPage> RenderWeekly()
    {
        var page = context.Render<ReleasesPage>();
        // Every service starts on a weekly release (the demo clinic's, or the page's Monday draft).
        page.WaitForAssertion(() => DayBox(page, "Mon").HasAttribute("checked").Should().BeTrue());
        return page;
    }

    private static AngleSharp.Dom.IElement SaveButton(IRenderedComponent<ReleasesPage> page) =>
        page.FindAll("button").First(b => b.TextContent.Trim() is "Save release" or "Guardar apertura");

    private static AngleSharp.Dom.IElement OneOffField(IRenderedComponent<ReleasesPage> page) => page.WaitForElement("input[type=datetime-local]");

    private static AngleSharp.Dom.IElement WeeklySwitch(IRenderedComponent<ReleasesPage> page) =>
        page.FindAll("label").First(l => l.TextContent.Contains("Opens every week")).QuerySelector("input")!;

    private static AngleSharp.Dom.IElement DayBox(IRenderedComponent<ReleasesPage> page, string day) =>
        page.FindAll("label").First(l => l.TextContent.Trim() == day).QuerySelector("input[type=checkbox]")!;
}

using BookingPortal.Features.Practitioners.Components;
using BookingPortal.Features.Practitioners.Pages;

namespace BookingPortal.Tests.Components.Practitioners;

/// <summary>The practitioners pages rendered by bUnit over the real services of a test portal, signed in as the demo staff member.</summary>
public sealed class PractitionerPagesTests() : StaffPageSuite(
    typeof(PractitionerAdminService), typeof(CatalogService), typeof(PractitionerWeekService))
{
    [Fact]
    public async Task The_profile_form_shows_the_servers_messages_beside_the_fields_in_Spanish_and_saves_nothing()
    {
        using var spanish = Localization.InCulture("es-ES");
        var form = context.Render<ProfileForm>();

        var name = form.Find("[data-testid=display-name]");
        await (name.TagName == "INPUT" ? name : name.QuerySelector("input")!).ChangeAsync(new() { Value = " " });
        await form.FindAll("input").First(i => i.GetAttribute("type") == "url").ChangeAsync(new() { Value = "http://photos.example/me.jpg" });
        await form.FindAll("button").First(b => b.TextContent.Contains("Guardar perfil")).ClickAsync(new());

        form.WaitForAssertion(() => form.FindAll(".mud-input-error").Select(e => e.TextContent.Trim()).Should().Contain([
            "Indique el nombre que ven los clientes (hasta 120 caracteres).",
            "Indique la dirección de la foto en este portal, como /photos/ana.jpg (las páginas solo muestran imágenes del propio portal), o deje el campo vacío.",
        ]));
        (await factory.Get<PractitionerAdminService>().ListAsync(await factory.StaffAsync())).Should().NotContain(p => p.DisplayName.Trim().Length == 0);
    }

    [Fact]
    public async Task On_a_Spanish_page_the_week_is_titled_with_a_Spanish_date_and_zone()
    {
        var id = await factory.CreatePractitionerAsync("Dr Semana", (await factory.ServiceNamedAsync(DemoSeeder.ConsultationName)).Id);
        using var spanish = Localization.InCulture("es-ES");

        var week = context.Render<PractitionerWeekView>(p => p.Add(x => x.PractitionerId, id));

        week.WaitForAssertion(() => week.Find("#practitioner-week-title").TextContent.Should()
            .StartWith("Semana del " + System.Globalization.CultureInfo.GetCultureInfo("es-ES").DateTimeFormat.GetAbbreviatedDayName(DayOfWeek.Monday) + " ")
            .And.MatchRegex(@" · horas en hora de [^(]+ \([A-Za-z_]+/[A-Za-z_]+\)$"));
    }

    [Fact]
    public async Task Clicking_save_again_before_the_new_practitioners_page_opens_creates_them_once()
    {
        var form = context.Render<ProfileForm>();
        var name = form.Find("[data-testid=display-name]");
        await (name.TagName == "INPUT" ? name : name.QuerySelector("input")!).ChangeAsync(new() { Value = "Dr Twice" });

        // The second click lands in the moment between the first save and the page that edits the new practitioner.
        await form.FindAll("button").First(b => b.TextContent.Contains("Save profile")).ClickAsync(new());
        await form.FindAll("button").First(b => b.TextContent.Contains("Save profile")).ClickAsync(new());

        (await factory.Get<PractitionerAdminService>().ListAsync(await factory.StaffAsync()))
            .Count(p => p.DisplayName == "Dr Twice").Should().Be(1);
    }

    [Fact]
    public async Task The_list_links_each_practitioner_to_their_page()
    {
        var id = await factory.CreatePractitionerAsync("Dr Listed", (await factory.ServiceNamedAsync(DemoSeeder.ConsultationName)).Id);

        var page = context.Render<PractitionersPage>();

        page.WaitForAssertion(() => page.Find($"a[href='admin/practitioners/{id}']").TextContent.Should().Be("Dr Listed"));
    }

    [Fact]
    public async Task After_a_failed_save_removing_a_range_takes_its_error_with_it_and_leaves_the_others_beside_their_ranges()
    {
        var id = await factory.CreatePractitionerAsync("Dr Rota", (await factory.ServiceNamedAsync(DemoSeeder.ConsultationName)).Id);
        var editor = context.Render<HoursEditor>(p => p.Add(x => x.PractitionerId, id).Add(x => x.Initial, [
            new HoursDraft { Day = DayOfWeek.Monday, Start = new(12, 0), End = new(9, 0) },
            new HoursDraft { Day = DayOfWeek.Tuesday },
            new HoursDraft { Day = DayOfWeek.Wednesday, ValidFrom = new(2027, 2, 1), ValidTo = new(2027, 1, 1) },
        ]));
        await editor.FindAll("button").First(b => b.TextContent.Contains("Save hours")).ClickAsync(new());
        editor.WaitForAssertion(() => editor.FindAll("[role=alert]").Should().HaveCount(2));

        await editor.FindAll("button").First(b => b.TextContent.Trim() == "Remove").ClickAsync(new());

        // Tuesday's range, Wednesday's, then Wednesday's error: none moved up to Tuesday, none lost.
        var rows = editor.FindAll("[data-testid=hours] tbody tr");
        rows.Should().HaveCount(3);
        rows[^1].TextContent.Trim().Should().Be("'Valid to' must not be before 'valid from'.");
    }

    /// <summary>The tabs' panels are made anew on each visit: the hours tab must come back with the rota as saved, not as first loaded.</summary>
    [Fact]
    public async Task Hours_saved_then_left_for_another_tab_show_as_saved_on_return()
    {
        var id = await factory.CreatePractitionerAsync("Dr Tabs", (await factory.ServiceNamedAsync(DemoSeeder.ConsultationName)).Id);
        var page = context.Render<PractitionerPage>(p => p.Add(x => x.Id, id));
        async Task OpenTabAsync(string name)
        {
            page.WaitForAssertion(() => page.FindAll(".mud-tab").Should().Contain(t => t.TextContent.Trim() == name));
            await page.FindAll(".mud-tab").First(t => t.TextContent.Trim() == name).ClickAsync(new());
        }

        await OpenTabAsync("Weekly hours");
        page.WaitForElement("[data-testid=hours]");
        await page.FindAll("button").First(b => b.TextContent.Contains("Add a range")).ClickAsync(new());
        await page.FindAll("button").First(b => b.TextContent.Contains("Save hours")).ClickAsync(new());
        (await factory.Get<PractitionerAdminService>().GetAsync(await factory.StaffAsync(), id))!.Hours.Should().ContainSingle();
        await OpenTabAsync("Week");
        await OpenTabAsync("Weekly hours");

        page.WaitForAssertion(() => page.FindAll("[data-testid=hours] tbody tr").Should().HaveCount(1, "the range saved before leaving the tab"));
        page.FindAll("[data-testid=hours] input[type=time]").Select(i => i.GetAttribute("value")).Should().Equal("09:00", "17:00");
    }

    [Fact]
    public async Task A_rota_saved_for_a_practitioner_removed_meanwhile_says_so_above_the_ranges()
    {
        var editor = context.Render<HoursEditor>(p => p.Add(x => x.PractitionerId, 999_999).Add(x => x.Initial, [new HoursDraft()]));

        await editor.FindAll("button").First(b => b.TextContent.Contains("Save hours")).ClickAsync(new());

        editor.WaitForAssertion(() => editor.Find("[data-testid=hours-error]").TextContent.Should().Be("That practitioner no longer exists."));
    }
}

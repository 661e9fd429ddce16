using BookingPortal.Features.Practitioners.Components;
using BookingPortal.Features.Practitioners.Pages;

namespace BookingPortal.Tests.Components.Practitioners;

/// <summary>The practitioners pages rendered by bUnit over the real services of a test portal, signed in as the demo staff member.</summary>
public sealed class PractitionerPagesTests() : StaffPageSuite(
    typeof(PractitionerAdminService), typeof(CatalogService))
{
    [Fact]
    public async Task The_profile_form_shows_the_servers_messages_beside_the_fields_in_Spanish_and_saves_nothing()
    {
        using var spanish = Localization.InCulture("es-ES");
        var form = context.Render<ProfileForm>();

        var name = form.Find("[data-testid=display-name]");
        (name.TagName == "INPUT" ? name : name.QuerySelector("input")!).Change(" ");
        form.FindAll("input").First(i => i.GetAttribute("type") == "url").Change("http://photos.example/me.jpg");
        await form.FindAll("button").First(b => b.TextContent.Contains("Guardar perfil")).ClickAsync(new());

        form.WaitForAssertion(() => form.FindAll(".mud-input-error").Select(e => e.TextContent.Trim()).Should().Contain([
            "Indique el nombre que ven los clientes (hasta 120 caracteres).",
            "Indique la dirección https:// completa de la foto (hasta 400 caracteres) o déjela vacía.",
        ]));
        (await factory.Get<PractitionerAdminService>().ListAsync(await factory.StaffAsync())).Should().NotContain(p => p.DisplayName.Trim().Length == 0);
    }

    [Fact]
    public async Task Clicking_save_again_before_the_new_practitioners_page_opens_creates_them_once()
    {
        var form = context.Render<ProfileForm>();
        var name = form.Find("[data-testid=display-name]");
        (name.TagName == "INPUT" ? name : name.QuerySelector("input")!).Change("Dr Twice");

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
}

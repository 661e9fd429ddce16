using BookingPortal.Features.Practitioners.Pages;
using BookingPortal.Features.Queue.Pages;
using Microsoft.AspNetCore.Components.Infrastructure;

namespace BookingPortal.Tests.Components;

/// <summary>
/// Pages carry what their prerender read into the circuit's first render, through the framework's own persistence:
/// rendered once, their state persisted and restored, then rendered anew as the circuit does. Without it the new page
/// drew a skeleton (or "no draw yet") while it read again, and a first tap landed on elements about to be replaced. A
/// server database answers after that first render; SQLite answers before, so the reads are held here as such a database
/// would hold them (<see cref="StaffRoleDatabase"/>).
/// </summary>
public sealed class CarriedPageStateTests() : StaffPageSuite(typeof(PractitionerAdminService), typeof(CatalogService))
{
    protected override void AddServices()
    {
        context.Services.AddSupplyValueFromPersistentComponentStateProvider();
        context.AddBunitPersistentComponentState();
        context.Services.AddSingleton(new PublishedDraws(staffDatabase));
    }

    [Fact]
    public async Task The_circuits_first_render_draws_the_tabs_the_prerender_read_and_another_practitioner_is_read_afresh()
    {
        var serviceId = (await factory.ServiceNamedAsync(DemoSeeder.ConsultationName)).Id;
        var id = await factory.CreatePractitionerAsync("Dr Carried", serviceId);
        var colleague = await factory.CreatePractitionerAsync("Dr Carried Colleague", serviceId);
        var prerendered = context.Render<PractitionerPage>(p => p.Add(x => x.Id, id));
        prerendered.WaitForAssertion(() => prerendered.FindAll(".mud-tab").Should().NotBeEmpty());
        await context.CarryIntoTheCircuitAsync();

        staffDatabase.Hold();
        var page = context.Render<PractitionerPage>(p => p.Add(x => x.Id, id));

        page.FindAll(".mud-skeleton").Should().BeEmpty("the first render has the practitioner the prerender read");
        page.FindAll(".mud-tab").Select(t => t.TextContent.Trim()).Should().Contain("Weekly hours");
        page.Find("h1").TextContent.Should().Be("Dr Carried");
        staffDatabase.Release();
        page.Render(p => p.Add(x => x.Id, colleague));
        page.WaitForAssertion(() => page.Find("h1").TextContent.Should().Be("Dr Carried Colleague"));
        page.WaitForAssertion(() => page.Find("input[data-testid=display-name]").GetAttribute("value")
            .Should().Be("Dr Carried Colleague", "a save from this profile form writes the practitioner now shown"));
    }

    [Fact]
    public async Task The_draw_pages_first_render_in_the_circuit_shows_the_commitment_not_no_draw_yet()
    {
        var serviceId = (await factory.ServiceNamedAsync(DemoSeeder.ConsultationName)).Id;
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            var opensAt = DateTime.UtcNow.Date.AddDays(7);
            var release = new Release { ServiceId = serviceId, Name = "Carried", OpensAtUtc = opensAt };
            db.Releases.Add(release);
            await db.SaveChangesAsync();
            db.ReleaseOpenings.Add(new ReleaseOpening { ReleaseId = release.Id, OpensAtUtc = opensAt, EarlyOpensAtUtc = opensAt, Seed = QueueFairness.NewSeed() });
            await db.SaveChangesAsync();
        }

        var prerendered = context.Render<DrawPage>(p => p.Add(x => x.ServiceId, serviceId));
        var commitment = prerendered.Find("[data-testid=draw-commitment]").TextContent;
        await context.CarryIntoTheCircuitAsync();

        staffDatabase.Hold();
        var page = context.Render<DrawPage>(p => p.Add(x => x.ServiceId, serviceId));

        page.Markup.Should().NotContain("No opening of this service has a draw yet.");
        page.Find("[data-testid=draw-commitment]").TextContent.Should().Be(commitment);
        staffDatabase.Release();
    }
}

using BookingPortal.Features.Branding;
using Microsoft.AspNetCore.Localization;

namespace BookingPortal.Tests.Integration.Catalog;

/// <summary>The services page served from memory to visitors who are not signed in, per language and theme, fresh after a staff edit.</summary>
public sealed class ServicesPageCacheTests() : PortalSuite(scheduledJobs: false)
{
    private HttpClient Visitor() => factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });

    /// <summary>From the third visit on the page comes from memory (a first visit that sets a cookie is not stored).</summary>
    private static async Task<HttpResponseMessage> ThirdVisitAsync(HttpClient visitor, string path = "/")
    {
        (await visitor.GetAsync(path)).Headers.Age.Should().BeNull("nothing was stored before the first visit");
        await visitor.GetAsync(path);
        return await visitor.GetAsync(path);
    }

    [Fact]
    public async Task A_visitor_who_is_not_signed_in_gets_the_page_from_memory_and_so_does_a_newcomer()
    {
        using var visitor = Visitor();
        var third = await ThirdVisitAsync(visitor);
        using var newcomer = factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        var newcomers = await newcomer.GetAsync("/");

        third.Headers.Age.Should().NotBeNull("the page was stored by the second visit");
        (await third.Content.ReadAsStringAsync()).Should().Contain(DemoSeeder.ConsultationName).And.Contain("Book an appointment");
        newcomers.Headers.Age.Should().NotBeNull();
        (await newcomers.Content.ReadAsStringAsync()).Should().Contain(DemoSeeder.ConsultationName);
    }

    [Fact]
    public async Task The_read_only_pages_start_no_circuit_and_come_from_memory_while_the_book_page_starts_one()
    {
        const string CircuitMarker = "<!--Blazor:{\"type\":\"server\"";
        using var visitor = Visitor();
        var service = await factory.ServiceNamedAsync(DemoSeeder.ConsultationName);
        using var customer = await factory.SignInAsync(DemoSeeder.CustomerEmail, DemoSeeder.CustomerPassword);

        foreach (var path in new[] { "/", "/services", $"/services/{service.Id}" })
        {
            var third = await ThirdVisitAsync(visitor, path);
            (await third.Content.ReadAsStringAsync()).Should().Contain(DemoSeeder.ConsultationName)
                .And.NotContain(CircuitMarker, $"{path} is rendered statically").And.NotContain("data-circuit");
            third.Headers.Age.Should().NotBeNull($"{path} is served from the output cache");
            (await customer.GetStringAsync(path)).Should().NotContain(CircuitMarker, $"{path} holds no circuit for a signed-in customer either");
        }

        (await customer.GetStringAsync($"/services/{service.Id}/book")).Should().Contain(CircuitMarker).And.Contain("data-circuit=\"starting\"");
    }

    [Fact]
    public async Task A_signed_in_customer_always_gets_a_page_rendered_for_them()
    {
        using var visitor = Visitor();
        await ThirdVisitAsync(visitor);
        using var customer = await factory.SignInAsync(DemoSeeder.CustomerEmail, DemoSeeder.CustomerPassword);

        var first = await customer.GetAsync("/");
        var second = await customer.GetAsync("/");

        first.Headers.Age.Should().BeNull();
        second.Headers.Age.Should().BeNull();
        (await second.Content.ReadAsStringAsync()).Should().Contain("My appointments").And.Contain("Sign out");
    }

    [Fact]
    public async Task Each_language_and_theme_has_its_own_copy()
    {
        using var english = Visitor();
        await ThirdVisitAsync(english);
        using var spanish = Visitor();
        spanish.DefaultRequestHeaders.Add("Cookie", $"{CookieRequestCultureProvider.DefaultCookieName}={Uri.EscapeDataString(CookieRequestCultureProvider.MakeCookieValue(new RequestCulture("es")))}");
        using var dark = Visitor();
        dark.DefaultRequestHeaders.Add("Cookie", $"{BrandingServiceCollectionExtensions.ThemeCookie}=dark");

        var inSpanish = await (await spanish.GetAsync("/")).Content.ReadAsStringAsync();
        var darkPage = await dark.GetAsync("/");

        inSpanish.Should().Contain("Reserve una cita").And.NotContain("Book an appointment");
        darkPage.Headers.Age.Should().BeNull("the dark page is its own copy, not yet stored");
    }

    [Fact]
    public async Task A_staff_edit_shows_on_the_next_visit_not_after_the_cache_expires()
    {
        using var visitor = Visitor();
        (await (await ThirdVisitAsync(visitor)).Content.ReadAsStringAsync()).Should().Contain(DemoSeeder.ConsultationName);
        var admin = factory.Get<ServiceAdminService>();
        var staff = await factory.StaffAsync();
        var service = await factory.ServiceNamedAsync(DemoSeeder.ConsultationName);
        var draft = (await admin.GetDraftAsync(staff, service.Id))!;
        draft.Name = "Specialist Consultation (new rooms)";

        (await admin.SaveAsync(staff, draft)).Succeeded.Should().BeTrue();
        var after = await visitor.GetAsync("/");

        after.Headers.Age.Should().BeNull("the edit evicted the stored page");
        (await after.Content.ReadAsStringAsync()).Should().Contain("Specialist Consultation (new rooms)");
    }
}

using BookingPortal.Components.Layout;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Rendering;
using MudBlazor.Services;

namespace BookingPortal.Tests.Integration.Layout;

/// <summary>
/// The route view that replaced AuthorizeRouteView, LayoutView and FocusOnNavigate: who sees a page, in
/// which layout, and where focus goes. Rendered live with the portal's own authorization services.
/// </summary>
public class PortalRouteViewTests : LiveComponentSuite
{
    private readonly SwitchableAuthentication authentication = new();

    protected override Task ArrangeAsync()
    {
        // The portal's authorization, not bUnit's stand-in; MudBlazor's services live with bUnit's navigation manager.
        bunit.Services.AddSingleton(PortalServices.GetRequiredService<IAuthorizationService>());
        bunit.Services.AddSingleton(PortalServices.GetRequiredService<IAuthorizationPolicyProvider>());
        bunit.Services.AddMudServices();
        bunit.Services.AddSingleton<AuthenticationStateProvider>(authentication);
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData(Roles.Customer, false)]
    [InlineData(Roles.Staff, true)]
    [InlineData(Roles.Admin, true)]
    public void A_staff_page_is_shown_to_staff_and_sends_everyone_else_to_sign_in(string? role, bool shown)
    {
        var view = Render(Route<StaffOnlyPage>(), User(role));

        view.FindAll("h1").Select(h => h.TextContent).Should().Equal(shown ? ["Staff only"] : Array.Empty<string>());
        view.Find(".mud-layout").Should().NotBeNull("the layout is shown either way");
        Navigation.Uri.Should().Be(shown ? "http://localhost/" : "http://localhost/Account/Login?returnUrl=%2F");
    }

    [Theory]
    [InlineData(typeof(OpenDespiteAuthorizePage), "Open despite Authorize")]
    [InlineData(typeof(OpenPage), "Open")]
    public void AllowAnonymous_wins_over_Authorize_and_a_page_without_either_is_open_to_all(Type pageType, string heading)
    {
        Render(new RouteData(pageType, new Dictionary<string, object?>()), User(null)).Find("h1").TextContent.Should().Be(heading);

        Navigation.Uri.Should().Be("http://localhost/");
    }

    [Fact]
    public void Route_values_reach_the_page_and_the_layout_leaves_out_overlay_hosts_only_where_the_page_says()
    {
        var open = Render(Route<OpenPage>(new() { [nameof(OpenPage.Id)] = 7 }), User(null));
        var plain = Render(Route<PlainPage>(), User(null));

        open.Find("p").TextContent.Should().Be("7");
        open.FindAll(".mud-popover-provider").Should().NotBeEmpty();
        plain.FindAll(".mud-popover-provider").Should().BeEmpty();
        plain.Find("h1").TextContent.Should().Be("Plain");
    }

    [Fact]
    public void Focus_moves_to_the_heading_after_a_move_to_another_page_not_on_the_first_page_or_a_new_id()
    {
        var view = Render(Route<OpenPage>(new() { [nameof(OpenPage.Id)] = 1 }), User(null));
        var afterFirstPage = FocusCalls();
        view.Render(p => p.Add(x => x.RouteData, Route<OpenPage>(new() { [nameof(OpenPage.Id)] = 2 })));
        var afterSamePage = FocusCalls();
        view.Render(p => p.Add(x => x.RouteData, Route<PlainPage>()));

        afterFirstPage.Should().Be(0);
        afterSamePage.Should().Be(0);
        FocusCalls().Should().Be(1);
    }

    [Fact]
    public void Signed_out_during_the_circuit_a_staff_page_sends_to_sign_in_without_a_new_route()
    {
        var view = Render(Route<StaffOnlyPage>(), User(Roles.Staff));
        view.Find("h1").TextContent.Should().Be("Staff only");

        // What the revalidating provider does when the security stamp no longer matches.
        authentication.Change(User(null));

        view.WaitForAssertion(() => view.FindAll("h1").Should().BeEmpty());
        Navigation.Uri.Should().Be("http://localhost/Account/Login?returnUrl=%2F");
    }

    [Fact]
    public void A_sign_out_redraws_the_layout_once_and_its_links_follow()
    {
        var view = Render(Route<OpenPage>(), User(Roles.Staff));
        var layout = view.FindComponent<MainLayout>();
        layout.Find("nav").TextContent.Should().Contain("Staff");
        var rendersBefore = layout.RenderCount;

        authentication.Change(User(null));

        view.WaitForAssertion(() => layout.Find("nav").TextContent.Should().NotContain("Staff"));
        layout.RenderCount.Should().Be(rendersBefore + 1, "the route view redraws the layout; the layout's own watch finds nothing new");
    }

    [Fact]
    public void On_its_own_as_the_not_found_page_has_it_the_layout_follows_a_sign_out()
    {
        authentication.Change(User(Roles.Staff));
        var layout = bunit.Render<MainLayout>();
        layout.Find("nav").TextContent.Should().Contain("Staff");

        authentication.Change(User(null));

        layout.WaitForAssertion(() => layout.Find("nav").TextContent.Should().NotContain("Staff"));
    }

    private int FocusCalls() => bunit.JSInterop.Invocations.Count(i => i.Identifier == "bookingPortal.focusHeading");

    private NavigationManager Navigation => bunit.Services.GetRequiredService<NavigationManager>();

    private IRenderedComponent<PortalRouteView> Render(RouteData route, ClaimsPrincipal user)
    {
        authentication.Change(user);
        return bunit.Render<PortalRouteView>(p => p.Add(x => x.RouteData, route));
    }

    private static RouteData Route<TPage>(Dictionary<string, object?>? values = null) => new(typeof(TPage), values ?? []);

    private static ClaimsPrincipal User(string? role) => role is null
        ? new ClaimsPrincipal(new ClaimsIdentity())
        : new ClaimsPrincipal(PortalClaims.Identity([new Claim(ClaimTypes.Name, "someone"), new Claim(PortalClaims.RoleType, role)], "Test"));

    /// <summary>The circuit's provider as the route view sees it: one user now, another when told.</summary>
    private sealed class SwitchableAuthentication : AuthenticationStateProvider
    {
        private Task<AuthenticationState> state = Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity())));

        public override Task<AuthenticationState> GetAuthenticationStateAsync() => state;

        public void Change(ClaimsPrincipal user)
        {
            state = Task.FromResult(new AuthenticationState(user));
            NotifyAuthenticationStateChanged(state);
        }
    }

    [Authorize(Roles = Roles.StaffOrAdmin)]
    private sealed class StaffOnlyPage : HeadingPage
    {
        protected override string Heading => "Staff only";
    }

    [Authorize, AllowAnonymous]
    private sealed class OpenDespiteAuthorizePage : HeadingPage
    {
        protected override string Heading => "Open despite Authorize";
    }

    [WithoutOverlays]
    private sealed class PlainPage : HeadingPage
    {
        protected override string Heading => "Plain";
    }

    private sealed class OpenPage : HeadingPage
    {
        [Parameter] public int Id { get; set; }

        protected override string Heading => "Open";

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            base.BuildRenderTree(builder);
            builder.AddMarkupContent(10, $"<p>{Id}</p>");
        }
    }

    private abstract class HeadingPage : ComponentBase
    {
        protected abstract string Heading { get; }

        protected override void BuildRenderTree(RenderTreeBuilder builder) => builder.AddMarkupContent(0, $"<h1>{Heading}</h1>");
    }
}

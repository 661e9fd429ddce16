using System.Reflection;
using BookingPortal.Components.Account.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.JSInterop;
using RouteData = Microsoft.AspNetCore.Components.RouteData;

namespace BookingPortal.Components.Layout;

/// <summary>
/// Shows the routed page in its layout if the signed-in user may see it, and moves focus to its heading
/// after a navigation: what AuthorizeRouteView, LayoutView and FocusOnNavigate did, as one component.
/// Why: each component is kept by every circuit with two render-tree buffers, and the waiting room is
/// held open by tens of thousands of circuits; those three (four with AuthorizeRouteView's inner view)
/// were a fifth of the book page's tree. The authorization is the framework's own: the page's
/// [Authorize] data combined into a policy and evaluated by <see cref="IAuthorizationService"/> with the
/// route data as the resource, [AllowAnonymous] winning.
/// </summary>
public sealed class PortalRouteView : ComponentBase, IDisposable
{
    private static readonly ConcurrentDictionary<Type, IAuthorizeData[]?> AuthorizeDataByPage = new();
    private static readonly ConcurrentDictionary<Type, Type> LayoutByPage = new();

    private readonly RenderFragment page;
    private readonly RenderFragment notAuthorized;
    private bool? authorized;
    private Type? shownPageType;
    private bool focusAfterRender;

    public PortalRouteView()
    {
        page = RenderPage;
        notAuthorized = builder =>
        {
            builder.OpenComponent<RedirectToLogin>(0);
            builder.CloseComponent();
        };
    }

    [Parameter, EditorRequired] public RouteData RouteData { get; set; } = default!;

    [Inject] private AuthenticationStateProvider Authentication { get; set; } = default!;

    [Inject] private IAuthorizationPolicyProvider PolicyProvider { get; set; } = default!;

    [Inject] private IAuthorizationService Authorization { get; set; } = default!;

    [Inject] private IJSRuntime JS { get; set; } = default!;

    private SignInWatch? signIn;

    protected override void OnInitialized() => signIn = new(Authentication, () => InvokeAsync(FollowSignInAsync));

    protected override async Task OnParametersSetAsync()
    {
        // Like FocusOnNavigate, a move to another page moves focus; unlike it, the first page of a circuit
        // does not: the browser has just loaded it, and a waiting room needs no interop to start.
        focusAfterRender |= shownPageType is not null && shownPageType != RouteData.PageType;
        shownPageType = RouteData.PageType;

        await DecideAsync();
    }

    /// <summary>Whether the signed-in user may see the routed page.</summary>
    private async Task DecideAsync()
    {
        // Undecided first: nothing decided for the previous page may show this one, whatever happens below.
        authorized = null;
        var routeData = RouteData;
        var authorizeData = AuthorizeDataByPage.GetOrAdd(routeData.PageType, FindAuthorizeData);
        if (authorizeData is null)
        {
            authorized = true;
            return;
        }

        var user = await signIn!.UserAsync();
        var policy = await AuthorizationPolicy.CombineAsync(PolicyProvider, authorizeData);
        var allowed = policy is not null && (await Authorization.AuthorizeAsync(user, routeData, policy)).Succeeded;
        if (ReferenceEquals(routeData, RouteData))
        {
            // A decision for a page the customer has already left is not this page's.
            authorized = allowed;
        }
    }

    // Signed out during the circuit (the revalidating provider): a page that needs a sign-in is decided again.
    private async Task FollowSignInAsync()
    {
        try
        {
            await DecideAsync();
            StateHasChanged();
        }
        catch (Exception failure)
        {
            await DispatchExceptionAsync(failure);
        }
    }

    public void Dispose() => signIn?.Dispose();

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        // While the decision is pending the chrome stays and the body is empty (it is pending only while
        // a custom policy awaits something; roles and the cookie are decided at once).
        var body = authorized switch { true => page, false => notAuthorized, null => null };
        var layout = LayoutByPage.GetOrAdd(RouteData.PageType, static type => type.GetCustomAttribute<LayoutAttribute>()?.LayoutType ?? typeof(MainLayout));
        if (layout == typeof(MainLayout))
        {
            builder.OpenComponent<MainLayout>(0);
            builder.AddComponentParameter(1, nameof(MainLayout.Overlays), WithoutOverlaysAttribute.Allows(RouteData.PageType));
            builder.AddComponentParameter(2, nameof(MainLayout.Body), body);
            builder.CloseComponent();
        }
        else
        {
            // Nested layouts (the account pages' ManageLayout) keep the framework's LayoutView.
            builder.OpenComponent<LayoutView>(3);
            builder.AddComponentParameter(4, nameof(LayoutView.Layout), layout);
            builder.AddComponentParameter(5, nameof(LayoutView.ChildContent), body);
            builder.CloseComponent();
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (focusAfterRender && authorized == true)
        {
            focusAfterRender = false;
            await JS.InvokeVoidAsync("bookingPortal.focusHeading");
        }
    }

    private void RenderPage(RenderTreeBuilder builder)
    {
        builder.OpenComponent(0, RouteData.PageType);
        foreach (var (name, value) in RouteData.RouteValues)
        {
            builder.AddComponentParameter(1, name, value);
        }

        builder.CloseComponent();
    }

    private static IAuthorizeData[]? FindAuthorizeData(Type pageType)
    {
        var attributes = pageType.GetCustomAttributes(inherit: true);
        if (attributes.OfType<IAllowAnonymous>().Any())
        {
            return null;
        }

        var authorizeData = attributes.OfType<IAuthorizeData>().ToArray();
        if (authorizeData.Any(data => !string.IsNullOrEmpty(data.AuthenticationSchemes)))
        {
            // As in AuthorizeRouteView: a circuit has one user, so a page cannot ask for another scheme's.
            throw new NotSupportedException($"{pageType} names authentication schemes in [Authorize]; pages cannot.");
        }

        return authorizeData.Length == 0 ? null : authorizeData;
    }
}

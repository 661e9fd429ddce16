using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace BookingPortal.Tests.Integration.Identity;

/// <summary>
/// The sign-in cookie carries the portal's short claim types, not Identity's WS-* URIs: each waiting-room
/// circuit keeps that cookie and its principal for as long as the page is open.
/// </summary>
public class IdentityCookieTests(ITestOutputHelper output)
{
    private const string CookieName = ".AspNetCore.Identity.Application";

    [Fact]
    public async Task The_sign_in_cookie_carries_short_claim_types_and_round_trips_id_role_and_stamp()
    {
        await using var factory = new SignInPortalFactory();
        var customer = await factory.CreateSignInCustomerAsync();
        using var client = factory.CreateClient(new() { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = false });

        var signedIn = await client.PostAsync($"/testing/sign-in?email={Uri.EscapeDataString(customer.Email)}", null);

        signedIn.StatusCode.Should().Be(HttpStatusCode.NoContent);
        var header = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(CookieName + "=", StringComparison.Ordinal));
        var cookie = header[..header.IndexOf(';', StringComparison.Ordinal)];
        output.WriteLine($"{CookieName}: {cookie.Length - CookieName.Length - 1} characters for {customer.Email} ({customer.Email.Length})");
        var principal = Tickets(factory).Unprotect(cookie[(CookieName.Length + 1)..])!.Principal;
        principal.Claims.Select(c => c.Type).Should().BeEquivalentTo(
            [PortalClaims.UserIdType, ClaimTypes.Name, PortalClaims.EmailType, PortalClaims.SecurityStampType, PortalClaims.RoleType]);
        ((ClaimsIdentity)principal.Identity!).RoleClaimType.Should().Be(PortalClaims.RoleType);

        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = (await users.FindByIdAsync(customer.Id))!;
            PortalClaims.UserId(principal).Should().Be(customer.Id);
            users.GetUserId(principal).Should().Be(customer.Id);
            principal.IsInRole(Roles.Customer).Should().BeTrue();
            principal.FindFirstValue(PortalClaims.SecurityStampType).Should().Be(await users.GetSecurityStampAsync(user));
        }

        // Past the validation interval Identity checks the cookie's stamp and user id against the database: it keeps it.
        factory.Clock.Advance(TimeSpan.FromMinutes(31));
        using var page = new HttpRequestMessage(HttpMethod.Get, "/my/appointments") { Headers = { { "Cookie", cookie } } };
        (await client.SendAsync(page)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_cookie_issued_with_identitys_default_claim_types_is_signed_out_at_its_first_request()
    {
        await using var factory = new PortalFactory();
        var customer = await factory.CreateSignInCustomerAsync();
        string stamp;
        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            stamp = await users.GetSecurityStampAsync((await users.FindByIdAsync(customer.Id))!);
        }

        // What the portal issued before its claim types were shortened, minutes ago: its stamp check is not due yet.
        var before = new ClaimsIdentity(
            [
                new(ClaimTypes.NameIdentifier, customer.Id), new(ClaimTypes.Name, customer.Email), new(ClaimTypes.Email, customer.Email),
                new("AspNet.Identity.SecurityStamp", stamp), new(ClaimTypes.Role, Roles.Customer),
            ],
            IdentityConstants.ApplicationScheme);
        var issued = factory.Clock.GetUtcNow().AddMinutes(-5);
        var ticket = new AuthenticationTicket(new ClaimsPrincipal(before), new AuthenticationProperties { IssuedUtc = issued, ExpiresUtc = issued.AddDays(14) }, IdentityConstants.ApplicationScheme);
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        using var page = new HttpRequestMessage(HttpMethod.Get, "/my/appointments") { Headers = { { "Cookie", $"{CookieName}={Tickets(factory).Protect(ticket)}" } } };

        var response = await client.SendAsync(page);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Contain("Account/Login");
        response.Headers.GetValues("Set-Cookie").Should().Contain(c => c.StartsWith(CookieName + "=;", StringComparison.Ordinal), "the old cookie is deleted");
    }

    private static ISecureDataFormat<AuthenticationTicket> Tickets(PortalFactory factory) =>
        factory.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme).TicketDataFormat;

    private sealed class SignInPortalFactory : PortalFactory
    {
        protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings() => [new("Testing:SignIn", "true")];
    }
}

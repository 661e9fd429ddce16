using BookingPortal.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace BookingPortal.Tests.Integration.Identity;

/// <summary>"Sign out everywhere" still works with the security stamp checked only when a check is due.</summary>
public class SecurityStampTests
{
    [Fact]
    public async Task A_new_security_stamp_signs_a_cookie_out_at_the_next_due_check_and_not_before()
    {
        await using var factory = new PortalFactory();
        var (customer, client) = await factory.SignInNewCustomerAsync();
        (await client.GetAsync("/my/appointments")).StatusCode.Should().Be(HttpStatusCode.OK);

        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            (await users.UpdateSecurityStampAsync((await users.FindByIdAsync(customer.Id))!)).Succeeded.Should().BeTrue();
        }

        factory.Clock.Advance(TimeSpan.FromMinutes(29));
        (await client.GetAsync("/my/appointments")).StatusCode.Should().Be(HttpStatusCode.OK, "Identity checks the stamp at most every 30 minutes");
        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        var afterCheck = await client.GetAsync("/my/appointments");

        afterCheck.StatusCode.Should().Be(HttpStatusCode.Redirect);
        afterCheck.Headers.Location!.OriginalString.Should().Contain("Account/Login");
    }

    [Fact]
    public async Task A_cookie_whose_check_is_not_due_costs_the_request_no_services()
    {
        var now = new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);
        var scopes = new CountingScopeFactory();
        var validator = new DeferredSecurityStampValidator(scopes, Options.Create(new SecurityStampValidatorOptions { TimeProvider = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(now) }));

        await validator.ValidateAsync(Context(issuedUtc: now.AddMinutes(-29)));
        var notDue = scopes.Created;
        var dueCheck = () => validator.ValidateAsync(Context(issuedUtc: now.AddMinutes(-31)));

        notDue.Should().Be(0);
        await dueCheck.Should().ThrowAsync<InvalidOperationException>().WithMessage("a scope was asked for");
        scopes.Created.Should().Be(1);
    }

    private static CookieValidatePrincipalContext Context(DateTimeOffset issuedUtc)
    {
        var ticket = new AuthenticationTicket(new ClaimsPrincipal(PortalClaims.Identity([new Claim(PortalClaims.UserIdType, "someone")], "test")), new AuthenticationProperties { IssuedUtc = issuedUtc }, IdentityConstants.ApplicationScheme);
        var scheme = new AuthenticationScheme(IdentityConstants.ApplicationScheme, null, typeof(CookieAuthenticationHandler));
        return new CookieValidatePrincipalContext(new DefaultHttpContext(), scheme, new CookieAuthenticationOptions(), ticket);
    }

    private sealed class CountingScopeFactory : IServiceScopeFactory
    {
        public int Created { get; private set; }

        public IServiceScope CreateScope()
        {
            Created++;
            throw new InvalidOperationException("a scope was asked for");
        }
    }
}

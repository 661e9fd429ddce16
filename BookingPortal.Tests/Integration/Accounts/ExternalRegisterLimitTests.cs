namespace BookingPortal.Tests.Integration.Accounts;

/// <summary>
/// After a first sign-in with an external provider, Account/ExternalLogin creates an account for the address typed
/// and mails it a confirmation link: a script holding provider identities could have the portal mail anyone without
/// end. It counts against the register form's allowance, per client and per address typed.
/// </summary>
public class ExternalRegisterLimitTests
{
    [Fact]
    public async Task One_client_registering_address_after_address_stops_mailing_at_the_limit_in_Spanish_too()
    {
        await using var factory = new ExternalLoginPortal(("RateLimits:Accounts:PerAddress", "2"), ("RateLimits:Accounts:WindowMinutes", "10"));
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await client.GetAsync("/culture?culture=es-ES&returnUrl=/");
        var targets = Enumerable.Range(0, 3).Select(i => $"victim-{i}-{Guid.NewGuid():N}@test.local").ToList();

        var answers = new List<HttpResponseMessage>();
        foreach (var target in targets)
        {
            answers.Add(await client.RegisterExternallyAsync(target));
        }

        answers.Select(a => a.StatusCode).Should().Equal(HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests);
        answers[2].Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromMinutes(10));
        WebUtility.HtmlDecode(await answers[2].Content.ReadAsStringAsync()).Should().Contain("Error: demasiados intentos. Inténtelo de nuevo dentro de 10 minutos.");
        (await factory.MailToAsync(targets[1])).Should().ContainSingle();
        (await factory.MailToAsync(targets[2])).Should().BeEmpty("the refused try mails nobody");
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            (await db.Users.AnyAsync(u => u.Email == targets[2])).Should().BeFalse("nor creates an account");
        }

        factory.Clock.Advance(TimeSpan.FromMinutes(10));
        (await client.RegisterExternallyAsync(targets[2])).StatusCode.Should().Be(HttpStatusCode.Redirect, "the window passed on the portal's clock");
        (await factory.MailToAsync(targets[2])).Should().ContainSingle();
    }

    [Fact]
    public async Task The_confirmation_step_shares_the_register_form_s_allowance_for_the_address()
    {
        await using var factory = new ExternalLoginPortal(("RateLimits:Accounts:PerAccount", "2"), ("RateLimits:Accounts:WindowMinutes", "5"));
        var email = $"target-{Guid.NewGuid():N}@test.local";
        using var registering = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using var external = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        var first = await registering.RegisterAsync(email);
        var second = await registering.RegisterAsync(email);
        var third = await external.RegisterExternallyAsync(email);

        (first.StatusCode, second.StatusCode).Should().Be((HttpStatusCode.Redirect, HttpStatusCode.Redirect));
        third.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "the same address mailed from either form: one allowance");
        WebUtility.HtmlDecode(await third.Content.ReadAsStringAsync()).Should().Contain("Error: Too many attempts. Try again in 5 minutes.");
        (await factory.MailToAsync(email)).Should().HaveCount(2, "the confirmation and the already-registered notice, nothing more");
    }
}

using BookingPortal.Features.Accounts;

namespace BookingPortal.Tests.Integration.Accounts;

public class AccountRateLimitTests
{
    [Fact]
    public async Task Wrong_passwords_for_one_account_are_refused_with_429_and_a_message_until_the_window_passes()
    {
        await using var factory = new SettingsPortalFactory(("RateLimits:Accounts:PerAccount", "3"), ("RateLimits:Accounts:WindowMinutes", "10"));
        var customer = await factory.CreateSignInCustomerAsync();
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        var tries = new List<HttpResponseMessage>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            tries.Add(await client.SignInFormAsync(customer.Email.ToUpperInvariant(), "Wrong#Password1"));
        }

        var refused = await client.SignInFormAsync(customer.Email, customer.Password);
        var page = await refused.Content.ReadAsStringAsync();
        factory.Clock.Advance(TimeSpan.FromMinutes(10));
        var afterWindow = await client.SignInFormAsync(customer.Email, customer.Password);

        tries.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.OK, "a wrong password shows the form again");
        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "even the right password waits: the limit counts tries, not failures");
        refused.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromMinutes(10));
        page.Should().Contain("Too many attempts. Try again in 10 minutes.");
        afterWindow.StatusCode.Should().Be(HttpStatusCode.Redirect, "the window passed on the portal's clock");
    }

    [Fact]
    public async Task One_address_trying_many_accounts_is_stopped_by_the_per_address_limit_in_Spanish_too()
    {
        await using var factory = new SettingsPortalFactory(("RateLimits:Accounts:PerAddress", "2"), ("RateLimits:Accounts:WindowMinutes", "5"));
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await client.GetAsync("/culture?culture=es-ES&returnUrl=/");

        var first = await client.SubmitFormAsync("/Account/ForgotPassword", new() { ["Input.Email"] = "a@test.local" });
        var second = await client.SubmitFormAsync("/Account/ForgotPassword", new() { ["Input.Email"] = "b@test.local" });
        var third = await client.SubmitFormAsync("/Account/ForgotPassword", new() { ["Input.Email"] = "c@test.local" });
        var otherForm = await client.SubmitFormAsync("/Account/ResendEmailConfirmation", new() { ["Input.Email"] = "d@test.local" });

        (first.StatusCode, second.StatusCode).Should().Be((HttpStatusCode.Redirect, HttpStatusCode.Redirect));
        third.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        WebUtility.HtmlDecode(await third.Content.ReadAsStringAsync()).Should().Contain("Inténtelo de nuevo dentro de 5 minutos");
        otherForm.StatusCode.Should().Be(HttpStatusCode.OK, "each form has its own allowance");
    }

    [Fact]
    public async Task Registering_the_same_address_again_and_again_is_limited_per_address_typed()
    {
        await using var factory = new SettingsPortalFactory(("RateLimits:Accounts:PerAccount", "2"));
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var email = $"spam-{Guid.NewGuid():N}@test.local";

        var responses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            responses.Add((await client.RegisterAsync(email)).StatusCode);
        }

        responses.Should().Equal(HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests);
        (await factory.MailToAsync(email)).Should().HaveCount(2, "the refused try mails nobody");
    }

    [Fact]
    public async Task An_e_mail_over_254_characters_is_refused_beside_the_field_and_kept_in_memory_only_as_a_short_hash()
    {
        await using var factory = new SettingsPortalFactory(("RateLimits:Accounts:PerAccount", "1"));
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var email = new string('a', 100_000) + "@example.com";

        var answers = new List<HttpResponseMessage>
        {
            await client.SignInFormAsync(email, "Wrong#Password1"),
            await client.SignInFormAsync(email, "Wrong#Password1"),
            await client.SubmitFormAsync("/Account/ForgotPassword", new() { ["Input.Email"] = email }),
            await client.SubmitFormAsync("/Account/ResendEmailConfirmation", new() { ["Input.Email"] = email }),
        };

        answers.Should().OnlyContain(a => a.StatusCode == HttpStatusCode.OK, "one try per account would refuse the second sign-in had the text been counted as one");
        foreach (var answer in answers)
        {
            (await answer.Content.ReadAsStringAsync()).Should().Contain("The Email must be at most 254 characters long.");
        }

        var windows = factory.Services.GetRequiredService<IAttemptWindows>().Should().BeOfType<MemoryAttemptWindows>().Subject;
        windows.Keys.Should().NotBeEmpty().And.OnlyContain(key => key.Length == 64, "nothing typed is kept, only hashes of the client address's windows");
        (await factory.MailToAsync(email)).Should().BeEmpty();
    }

    [Theory]
    [InlineData("PerAddress", "0")]
    [InlineData("PerAccount", "-1")]
    [InlineData("WindowMinutes", "0")]
    public async Task A_bad_limit_stops_start_up_naming_the_key(string key, string value)
    {
        var failure = await StartupFailure.OfAsync(() => new SettingsPortalFactory(($"RateLimits:Accounts:{key}", value)));

        failure.Should().BeAssignableTo<Exception>().Which.Message.Should().Contain($"'RateLimits:Accounts:{key}'");
    }
}

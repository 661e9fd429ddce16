namespace BookingPortal.Tests.Integration.Accounts;

/// <summary>
/// Manage → Email mails a confirmation link to whatever address is typed, and an account may sign in before its own
/// address is confirmed: without a limit, a fresh account could have the portal mail anyone, again and again. The
/// change is limited per signed-in account and per address mailed, the verification button with the public resend form.
/// </summary>
public class ChangeEmailLimitTests
{
    [Fact]
    public async Task A_fresh_account_changing_to_address_after_address_stops_mailing_at_the_limit_until_the_window_passes()
    {
        await using var factory = new SettingsPortalFactory(("RateLimits:Accounts:PerAccount", "2"), ("RateLimits:Accounts:WindowMinutes", "10"));
        var (_, client) = await factory.FreshSignedInAccountAsync();
        var targets = Enumerable.Range(0, 3).Select(i => $"victim-{i}-{Guid.NewGuid():N}@test.local").ToList();

        var answers = new List<HttpResponseMessage>();
        foreach (var target in targets)
        {
            answers.Add(await client.ChangeEmailAsync(target));
        }

        var refusal = WebUtility.HtmlDecode(await answers[2].Content.ReadAsStringAsync());
        answers.Select(a => a.StatusCode).Should().Equal(HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests);
        answers[2].Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromMinutes(10));
        refusal.Should().Contain("Error: Too many attempts. Try again in 10 minutes.").And.NotContain("Confirmation link to change email sent.");
        (await factory.MailToAsync(targets[0])).Should().ContainSingle(m => m.Kind == NotificationKind.ConfirmEmailChange);
        (await factory.MailToAsync(targets[1])).Should().ContainSingle(m => m.Kind == NotificationKind.ConfirmEmailChange);
        (await factory.MailToAsync(targets[2])).Should().BeEmpty("the refused change queues nothing");

        factory.Clock.Advance(TimeSpan.FromMinutes(10));
        (await client.ChangeEmailAsync(targets[2])).StatusCode.Should().Be(HttpStatusCode.OK, "the window passed on the portal's clock");
        (await factory.MailToAsync(targets[2])).Should().ContainSingle();
    }

    [Fact]
    public async Task Many_accounts_changing_to_one_address_stop_mailing_it_at_the_limit()
    {
        await using var factory = new SettingsPortalFactory(("RateLimits:Accounts:PerAccount", "2"));
        var victim = $"victim-{Guid.NewGuid():N}@test.local";

        var answers = new List<HttpStatusCode>();
        for (var account = 0; account < 3; account++)
        {
            var (_, client) = await factory.FreshSignedInAccountAsync();
            answers.Add((await client.ChangeEmailAsync(account == 2 ? $"  {victim.ToUpperInvariant()} " : victim)).StatusCode);
        }

        answers.Should().Equal(HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests);
        (await factory.MailToAsync(victim)).Should().HaveCount(2, "each account tried once: the address mailed has its own limit");
    }

    [Fact]
    public async Task The_send_verification_button_shares_the_resend_form_s_allowance_for_the_address()
    {
        await using var factory = new SettingsPortalFactory(("RateLimits:Accounts:PerAccount", "2"), ("RateLimits:Accounts:WindowMinutes", "5"));
        var (email, client) = await factory.FreshSignedInAccountAsync();

        var first = await client.SubmitFormAsync("/Account/Manage/Email", new() { ["_handler"] = "send-verification" });
        var second = await client.SubmitFormAsync("/Account/Manage/Email", new() { ["_handler"] = "send-verification" });
        var third = await client.SubmitFormAsync("/Account/Manage/Email", new() { ["_handler"] = "send-verification" });
        var publicForm = await client.SubmitFormAsync("/Account/ResendEmailConfirmation", new() { ["Input.Email"] = email });

        (first.StatusCode, second.StatusCode).Should().Be((HttpStatusCode.OK, HttpStatusCode.OK));
        third.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        WebUtility.HtmlDecode(await third.Content.ReadAsStringAsync()).Should().Contain("Error: Too many attempts. Try again in 5 minutes.");
        publicForm.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "the same mail to the same address: one allowance");
        (await factory.MailToAsync(email)).Should().HaveCount(3, "the registration's confirmation and the two allowed");
    }
}

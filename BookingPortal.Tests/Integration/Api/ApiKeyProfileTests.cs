namespace BookingPortal.Tests.Integration.Api;

/// <summary>Keys made and revoked on the profile page, shown once and kept hashed; the per-key rate limit.</summary>
public partial class ApiKeyProfileTests
{
    [Fact]
    public async Task A_customer_creates_a_key_on_the_profile_page_sees_it_once_and_revokes_it()
    {
        await using var factory = new PortalFactory();
        var ((customerId, _, _), browser) = await factory.SignInNewCustomerAsync();

        var page = await (await browser.SubmitFormAsync("/Account/Manage/ApiKeys", new()
        {
            ["_handler"] = "create-api-key",
            ["Input.Name"] = "Clinic website",
            ["Input.Read"] = "true",
            ["Input.Book"] = "true",
        })).Content.ReadAsStringAsync();

        var secret = NewKey().Match(page).Groups["key"].Value;
        secret.Should().StartWith(ApiKeyService.KeyMarker);
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            var stored = await db.ApiKeys.SingleAsync(k => k.OwnerId == customerId);
            stored.Scopes.Should().Be(ApiScopes.Read | ApiScopes.Book);
            stored.Hash.Should().NotContain(secret[ApiKeyService.KeyMarker.Length..]).And.HaveLength(64);
            secret.Should().StartWith(stored.Prefix);
        }

        var listing = await browser.GetStringAsync("/Account/Manage/ApiKeys");
        listing.Should().Contain("Clinic website").And.NotContain(secret, "the key is shown only once");
        var api = factory.ApiClient(secret);
        (await api.GetAsync("/api/v1/services")).StatusCode.Should().Be(HttpStatusCode.OK);

        var keyId = (await factory.Services.GetRequiredService<ApiKeyService>().ListAsync(customerId))[0].Id;
        var revoke = await browser.SubmitFormAsync("/Account/Manage/ApiKeys", new() { ["_handler"] = $"revoke-{keyId}" });

        revoke.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await api.GetAsync("/api/v1/services")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_profile_form_names_the_field_at_fault()
    {
        await using var factory = new PortalFactory();
        var (_, browser) = await factory.SignInNewCustomerAsync();

        var page = await (await browser.SubmitFormAsync("/Account/Manage/ApiKeys", new()
        {
            ["_handler"] = "create-api-key",
            ["Input.Name"] = "",
        })).Content.ReadAsStringAsync();

        page.Should().Contain("Give the key a name").And.Contain("Choose at least one scope.");
        NewKey().IsMatch(page).Should().BeFalse("no key was made");
        var forged = await (await browser.SubmitFormAsync("/Account/Manage/ApiKeys", new()
        {
            ["_handler"] = "create-api-key",
            ["Input.Name"] = "Clinic website",
            ["Input.Read"] = "true",
            ["Input.FormToken"] = new string('a', 40),
        })).Content.ReadAsStringAsync();
        forged.Should().Contain("This form is out of date. Reload the page and try again.");
        await browser.GetAsync("/culture?culture=es-ES&returnUrl=%2F");
        var inSpanish = await (await browser.SubmitFormAsync("/Account/Manage/ApiKeys", new() { ["_handler"] = "create-api-key", ["Input.Name"] = "" }))
            .Content.ReadAsStringAsync();
        inSpanish.Should().Contain("Elija al menos un permiso.", "the page is translated, its refusals too");
    }

    [Fact]
    public async Task One_form_sent_twice_at_once_and_again_later_makes_one_key_and_says_so()
    {
        await using var factory = new PortalFactory();
        var ((customerId, _, _), browser) = await factory.SignInNewCustomerAsync();
        var form = await browser.FilledFormAsync("/Account/Manage/ApiKeys", new()
        {
            ["_handler"] = "create-api-key",
            ["Input.Name"] = "Clinic website",
            ["Input.Read"] = "true",
        });
        Task<string> Send() => Task.Run(async () => await (await browser.PostAsync("/Account/Manage/ApiKeys", new FormUrlEncodedContent(form))).Content.ReadAsStringAsync());

        var (first, second) = await Race.BothAtOnceAsync(Send, Send);
        var resent = await Send();

        new[] { first, second, resent }.Count(NewKey().IsMatch).Should().Be(1, "one answer shows the one key made");
        new[] { first, second, resent }.Should().NotContain(p => p.Contains(form["Input.FormToken"]), "every answer's form is a new one, a refusal's too");
        new[] { first, second, resent }.Count(p => p.Contains("This form was sent twice, so no second key was made.")).Should().Be(2);
        (await factory.Services.GetRequiredService<ApiKeyService>().ListAsync(customerId)).Should().ContainSingle();
        var next = await browser.SubmitFormAsync("/Account/Manage/ApiKeys", new() { ["_handler"] = "create-api-key", ["Input.Name"] = "CRM", ["Input.Read"] = "true" });
        NewKey().IsMatch(await next.Content.ReadAsStringAsync()).Should().BeTrue("a form loaded afresh is a new request");
    }

    [Fact]
    public async Task Each_key_has_its_own_rate_limit_answered_with_a_problem()
    {
        await using var factory = new RateLimitedPortal();
        var (_, first) = await factory.ApiCustomerAsync(ApiScopes.Read);
        var (_, second) = await factory.ApiCustomerAsync(ApiScopes.Read);

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add((await first.GetAsync("/api/v1/services")).StatusCode);
        }

        var limited = await first.GetAsync("/api/v1/services");

        answers.Should().Equal(HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests);
        (await limited.ProblemAsync()).TypeOf().Should().Be(ApiProblems.TypeBase + "rate-limited");
        (await second.GetAsync("/api/v1/services")).StatusCode.Should().Be(HttpStatusCode.OK, "the other key has its own allowance");
    }

    [Fact]
    public async Task Unknown_keys_from_one_address_are_slowed_like_a_key()
    {
        await using var factory = new RateLimitedPortal();
        using var guesser = factory.CreateClient();
        guesser.DefaultRequestHeaders.Authorization = new("Bearer", "bpk_not_a_key_of_anyone");

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add((await guesser.GetAsync("/api/v1/services")).StatusCode);
        }

        var limited = await guesser.GetAsync("/api/v1/services");

        answers.Should().Equal(HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized);
        limited.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "a script stuck on a revoked key slows down instead of the portal");
        (await limited.ProblemAsync()).TypeOf().Should().Be(ApiProblems.TypeBase + "rate-limited");
        limited.Headers.RetryAfter.Should().NotBeNull();
    }

    [Fact]
    public async Task The_public_draw_endpoints_need_no_key_and_are_limited_per_address()
    {
        await using var factory = new RateLimitedPortal();
        using var anyone = factory.CreateClient();

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add((await anyone.PostAsJsonAsync("/api/v1/draws/verify", new { commitment = "ab" })).StatusCode);
        }

        var limited = await anyone.GetAsync("/api/v1/draws/1");

        answers.Should().Equal(HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest);
        limited.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "a verification recomputes a whole draw: no address may ask for them without end");
        var problem = await limited.ProblemAsync();
        problem.TypeOf().Should().Be(ApiProblems.TypeBase + "rate-limited");
        problem.GetProperty("detail").GetString().Should().Be("This address made too many requests; wait and try again.");
        limited.Headers.RetryAfter.Should().NotBeNull();
    }

    /// <summary>Three requests per key per hour: an hour-long window cannot roll over during the test.</summary>
    private sealed class RateLimitedPortal : PortalFactory
    {
        protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings() =>
            [new("Api:PermitsPerWindow", "3"), new("Api:WindowSeconds", "3600")];
    }

    [GeneratedRegex("value=\"(?<key>bpk_[A-Za-z0-9_-]+)\"")]
    private static partial Regex NewKey();
}

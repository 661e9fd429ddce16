namespace BookingPortal.Tests.Integration.Accounts;

/// <summary>A portal with settings of the test's choosing (small rate limits, a mode switched off).</summary>
public sealed class SettingsPortalFactory(params (string Key, string Value)[] settings) : PortalFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings() => settings.Select(s => KeyValuePair.Create(s.Key, s.Value));
}

public static partial class AccountTestSupport
{
    public const string Password = "Accounts#Test2026";

    /// <summary>The account e-mails written to one address, oldest first.</summary>
    public static async Task<List<OutboxMessage>> MailToAsync(this PortalFactory factory, string email)
    {
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        return await db.OutboxMessages.AsNoTracking().Where(m => m.Recipient == email).OrderBy(m => m.Id).ToListAsync();
    }

    /// <summary>The link in a message, as a path and query to request from the test server.</summary>
    public static string LinkIn(OutboxMessage message) => new Uri(LinkPattern().Match(message.TextBody).Value).PathAndQuery;

    public static Task<HttpResponseMessage> RegisterAsync(this HttpClient client, string email, string? returnUrl = null) =>
        client.SubmitFormAsync(returnUrl is null ? "/Account/Register" : $"/Account/Register?returnUrl={Uri.EscapeDataString(returnUrl)}", new()
        {
            ["Input.Email"] = email,
            ["Input.Password"] = Password,
            ["Input.ConfirmPassword"] = Password,
        });

    public static Task<HttpResponseMessage> SignInFormAsync(this HttpClient client, string email, string password, string? returnUrl = null) =>
        client.SubmitFormAsync(returnUrl is null ? "/Account/Login" : $"/Account/Login?returnUrl={Uri.EscapeDataString(returnUrl)}", new()
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.RememberMe"] = "false",
        });

    /// <summary>Posts Manage → Email's change form (the page has a second form, hence the handler named).</summary>
    public static Task<HttpResponseMessage> ChangeEmailAsync(this HttpClient client, string newEmail) =>
        client.SubmitFormAsync("/Account/Manage/Email", new() { ["_handler"] = "change-email", ["Input.NewEmail"] = newEmail });

    /// <summary>Registered through the form and signed in with the address still unconfirmed, as anyone can.</summary>
    public static async Task<(string Email, HttpClient Client)> FreshSignedInAccountAsync(this PortalFactory factory)
    {
        var email = $"fresh-{Guid.NewGuid():N}@test.local";
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        (await client.RegisterAsync(email)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await client.SignInFormAsync(email, Password)).StatusCode.Should().Be(HttpStatusCode.Redirect, "an unconfirmed account signs in");
        return (email, client);
    }

    /// <summary>Where a redirect goes, as a path and query (the portal answers with absolute or relative addresses).</summary>
    public static string Target(this HttpResponseMessage response)
    {
        var location = response.Headers.Location ?? throw new InvalidOperationException($"Expected a redirect, got {(int)response.StatusCode}.");
        return location.IsAbsoluteUri ? (location.Host == "localhost" ? location.PathAndQuery : location.ToString()) : "/" + location.OriginalString.TrimStart('/');
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();
}

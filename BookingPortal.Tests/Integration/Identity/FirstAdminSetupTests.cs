using System.Security.Cryptography;
using System.Text;
using BookingPortal.Infrastructure.Identity;
using BookingPortal.Tests.Integration.Accounts;

namespace BookingPortal.Tests.Integration.Identity;

/// <summary>
/// The one-time setup link of a new install (no demo data, so no admin): printed once at Warning,
/// used once even from two tabs at once, refused when expired or once an admin exists.
/// </summary>
public partial class FirstAdminSetupTests
{
    private const string Password = "First#Admin2026";

    [Fact]
    public Task The_link_printed_at_start_creates_the_first_admin_once_even_from_two_tabs_posting_at_once() =>
        OneAdminFromTwoTabsAsync(DatabaseProvider.Sqlite);

    internal static async Task OneAdminFromTwoTabsAsync(DatabaseProvider provider)
    {
        await using var factory = new SettingsPortalFactory(NewInstallSettings) { Provider = provider };
        var link = PrintedLink(factory);
        using var tab1 = await SetupTab.OpenAsync(factory, link);
        using var tab2 = await SetupTab.OpenAsync(factory, link);

        var answers = await Race.AllAtOnceAsync(new[] { (tab1, "one@clinic.test"), (tab2, "two@clinic.test") }
            .Select(t => (Func<Task<HttpResponseMessage>>)(() => t.Item1.SubmitAsync(t.Item2, Password))));
        var again = await tab1.ReloadAsync();

        answers.Select(a => a.StatusCode).Should().BeEquivalentTo([HttpStatusCode.Redirect, HttpStatusCode.OK], "one tab wins the link");
        (await RefusedAsync(answers.Single(a => a.StatusCode == HttpStatusCode.OK))).Should().BeTrue("the other tab is refused");
        var winner = answers[0].StatusCode == HttpStatusCode.Redirect ? "one@clinic.test" : "two@clinic.test";
        answers.Single(a => a.StatusCode == HttpStatusCode.Redirect).Target().Should().Be("/Account/Login");
        (await RefusedAsync(again)).Should().BeTrue();
        (await AdminEmailsAsync(factory)).Should().Equal(winner);
        using var admin = await factory.SignInAsync(winner, Password);
        (await admin.GetAsync("/admin")).StatusCode.Should().Be(HttpStatusCode.OK);
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var stored = await db.SetupTokens.SingleAsync();
        stored.Hash.Should().Be(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(TokenIn(link)))), "only the token's hash is stored");
        stored.UsedAtUtc.Should().NotBeNull();
    }

    [Fact]
    public async Task A_weak_password_keeps_the_link_and_an_expired_link_is_refused()
    {
        await using var factory = NewInstall();
        using var tab = await SetupTab.OpenAsync(factory, PrintedLink(factory));

        var weak = await tab.SubmitAsync("owner@clinic.test", "weakpass");
        factory.Clock.Advance(FirstAdminSetup.Lifetime);
        var late = await tab.SubmitAsync("owner@clinic.test", Password);

        weak.StatusCode.Should().Be(HttpStatusCode.OK);
        (await weak.Content.ReadAsStringAsync()).Should().Contain("Passwords must have at least one").And.Contain("name=\"Input.Password\"", "the form shows again: a typo does not spend the link");
        (await RefusedAsync(late)).Should().BeTrue("the link lasts an hour");
        (await RefusedAsync(await tab.ReloadAsync())).Should().BeTrue();
        (await AdminEmailsAsync(factory)).Should().BeEmpty();
    }

    [Fact]
    public async Task Once_an_admin_exists_the_link_is_refused_and_no_new_link_is_issued()
    {
        await using var factory = NewInstall();
        using var tab = await SetupTab.OpenAsync(factory, PrintedLink(factory));

        var byCommand = await AdminCommand.Parse(["admin", "create", "--email", "cli@clinic.test", "--password", Password])!.RunAsync(factory.Services, new StringWriter());
        var refused = await tab.SubmitAsync("late@clinic.test", Password);

        byCommand.Should().Be(0);
        (await RefusedAsync(refused)).Should().BeTrue();
        (await AdminEmailsAsync(factory)).Should().Equal("cli@clinic.test");
        (await factory.Get<FirstAdminSetup>().IssueAsync()).Should().BeNull("a portal with an admin prints no link");
    }

    [Fact]
    public async Task A_portal_with_an_admin_prints_no_link_and_the_page_refuses_in_Spanish_too()
    {
        await using var factory = new SettingsPortalFactory(("Identity:FirstAdminSetupLink", "true"));
        using var client = Browser(factory);
        await client.GetAsync("/culture?culture=es-ES&returnUrl=/");

        var page = await client.GetAsync("/Account/FirstAdmin?token=made-up");

        factory.Log.Entries.Should().NotContain(e => e.Message.Contains("No admin account exists yet"), "the demo admin exists");
        (await RefusedAsync(page)).Should().BeTrue();
        WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()).Should().Contain("Este enlace de configuración no se puede usar");
    }

    private static readonly (string, string)[] NewInstallSettings = [("Demo:Seed", "false"), ("Identity:FirstAdminSetupLink", "true")];

    private static SettingsPortalFactory NewInstall() => new(NewInstallSettings);

    private static HttpClient Browser(PortalFactory factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Starts the portal and reads the link from the one warning it logged.</summary>
    private static string PrintedLink(PortalFactory factory)
    {
        _ = factory.Services;
        var warning = factory.Log.Entries.Where(e => e.Message.Contains("No admin account exists yet")).Should().ContainSingle().Subject;
        warning.Level.Should().Be(LogLevel.Warning);
        return new Uri(LinkPattern().Match(warning.Message).Value).PathAndQuery;
    }

    /// <summary>The page's refusal (the same for a used, expired, unknown or unneeded link), with no form to fill in.</summary>
    private static async Task<bool> RefusedAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        return response.StatusCode == HttpStatusCode.OK && html.Contains("data-testid=\"setup-link-refused\"") && !html.Contains("name=\"Input.Password\"");
    }

    private static string TokenIn(string link) => link.Split("token=")[1];

    private static async Task<Dictionary<string, string>> LoadFormAsync(HttpClient client, string link)
    {
        var page = await client.GetStringAsync(link);
        return SignedInClient.HiddenInput().Matches(page).GroupBy(m => WebUtility.HtmlDecode(m.Groups["name"].Value))
            .ToDictionary(g => g.Key, g => WebUtility.HtmlDecode(g.First().Groups["value"].Value));
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string link, Dictionary<string, string> form, string email, string password) =>
        client.PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string>(form)
        {
            ["Input.Name"] = "Clinic Owner",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        }));

    /// <summary>A browser tab on the printed link with its form loaded, as the person setting up the portal has it.</summary>
    private sealed class SetupTab(HttpClient client, string link, Dictionary<string, string> form) : IDisposable
    {
        public static async Task<SetupTab> OpenAsync(PortalFactory factory, string link)
        {
            var client = Browser(factory);
            try
            {
                return new SetupTab(client, link, await LoadFormAsync(client, link));
            }
            catch
            {
                client.Dispose();
                throw;
            }
        }

        public Task<HttpResponseMessage> SubmitAsync(string email, string password) => PostAsync(client, link, form, email, password);

        public Task<HttpResponseMessage> ReloadAsync() => client.GetAsync(link);

        public void Dispose() => client.Dispose();
    }

    private static async Task<List<string?>> AdminEmailsAsync(PortalFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        var admins = await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().GetUsersInRoleAsync(Roles.Admin);
        return admins.Select(a => a.Email).ToList();
    }

    [GeneratedRegex(@"https?://\S+?token=[A-Za-z0-9_-]+")]
    private static partial Regex LinkPattern();
}

/// <summary>The two-tab race on PostgreSQL, where the two posts really run at once.</summary>
public class FirstAdminSetupPostgresTests
{
    [Fact]
    public Task Two_tabs_posting_one_link_at_once_create_one_admin() => FirstAdminSetupTests.OneAdminFromTwoTabsAsync(DatabaseProvider.Postgres);
}

using BookingPortal.Tests.Integration.Accounts;

namespace BookingPortal.Tests.Integration.Queue;

/// <summary>
/// A visitor waits in one browser and registers there; their phone opens the confirmation e-mail's link in the mail app's own
/// browser, which has none of the portal's cookies, so not the one that holds their place. Confirming the address hands the
/// place to the account wherever the link is opened, and the account is let in from it: it no longer stays behind in the
/// first browser, passed over for good, while the account signed in elsewhere finds no place.
/// </summary>
public class VisitorConfirmsElsewhereTests : WeeklyReleaseSuite
{
    [Fact]
    public async Task A_visitor_who_confirms_the_new_account_in_another_browser_keeps_the_place_waited_for()
    {
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            await db.Releases.Where(r => r.ServiceId == clinic.Id).ExecuteUpdateAsync(r => r.SetProperty(x => x.RequireAuthentication, false));
        }

        factory.Clock.SetUtcNow(Opening.AddMinutes(-5));
        var bookPage = $"/services/{clinic.Id}/book";
        using var waiting = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var key = VisitorKeyOf(await waiting.GetAsync(bookPage));
        var place = (await factory.Get<QueueService>().JoinAsync(clinic.Id, QueueMember.Of(null, key), null)).Entry!;
        var email = $"visitor-{Guid.NewGuid():N}@test.local";
        (await waiting.RegisterAsync(email, returnUrl: bookPage)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var link = AccountTestSupport.LinkIn((await factory.MailToAsync(email)).Single(m => m.Kind == NotificationKind.ConfirmEmail));
        using var mailApp = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        var confirmed = await mailApp.GetAsync(link);
        var signedIn = await mailApp.SignInFormAsync(email, AccountTestSupport.Password, bookPage);
        (await mailApp.GetAsync(signedIn.Target())).StatusCode.Should().Be(HttpStatusCode.OK);
        var account = await AccountIdAsync(email);
        var afterSignIn = await factory.Get<QueueService>().GetStateAsync(clinic.Id, account);
        factory.Clock.SetUtcNow(Opening);
        await factory.Get<AdmissionController>().TickAllAsync();

        confirmed.Target().Should().StartWith("/Account/Login?returnUrl=");
        (afterSignIn.Entry?.Id).Should().Be(place.Id, "the place waited for is the account's, wherever the address was confirmed");
        (await factory.Get<QueueService>().GetStateAsync(clinic.Id, account)).Stage.Should().Be(QueueStage.Admitted, "it is the only place in line");
        (await factory.Get<QueueService>().GetStateAsync(clinic.Id, QueueMember.Of(null, key))).Entry.Should().BeNull("one person holds one place");
    }

    /// <summary>Registering someone else's address mails its owner a sign-in link, never the registering visitor's place.</summary>
    [Fact]
    public async Task Registering_an_address_that_has_an_account_hands_it_no_place()
    {
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            await db.Releases.Where(r => r.ServiceId == clinic.Id).ExecuteUpdateAsync(r => r.SetProperty(x => x.RequireAuthentication, false));
        }

        var owner = await factory.CreateSignInCustomerAsync();
        factory.Clock.SetUtcNow(Opening.AddMinutes(-5));
        using var stranger = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var key = VisitorKeyOf(await stranger.GetAsync($"/services/{clinic.Id}/book"));
        var place = (await factory.Get<QueueService>().JoinAsync(clinic.Id, QueueMember.Of(null, key), null)).Entry!;

        (await stranger.RegisterAsync(owner.Email, returnUrl: $"/services/{clinic.Id}/book")).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var mails = await factory.MailToAsync(owner.Email);
        mails.Should().NotContain(m => m.Kind == NotificationKind.ConfirmEmail);
        mails.Should().OnlyContain(m => !m.TextBody.Contains("places=", StringComparison.Ordinal));
        (await factory.Get<QueueService>().GetStateAsync(clinic.Id, QueueMember.Of(null, key))).Entry!.Id.Should().Be(place.Id);
    }

    private static string VisitorKeyOf(HttpResponseMessage page)
    {
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        var cookie = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(QueueVisitors.CookieName + "=", StringComparison.Ordinal));
        return cookie[(QueueVisitors.CookieName.Length + 1)..cookie.IndexOf(';', StringComparison.Ordinal)];
    }

    private async Task<string> AccountIdAsync(string email)
    {
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        return await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }
}

/// <summary>A visitor's place handed over at confirmation, on PostgreSQL.</summary>
public class VisitorConfirmsElsewhereOnPostgresTests : VisitorConfirmsElsewhereTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

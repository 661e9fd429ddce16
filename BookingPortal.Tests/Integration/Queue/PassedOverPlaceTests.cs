using BookingPortal.Features.Queue.Components;

namespace BookingPortal.Tests.Integration.Queue;

/// <summary>
/// Where confirmed addresses are required (Production's default, and the tests') admission passes over a place until an
/// account with a confirmed address holds it, keeping its number. The person holding it is told what lets them in: a
/// visitor at the front otherwise read "You're next in line" for good while the people behind them were let in.
/// Rendered with the portal's services.
/// </summary>
public class PassedOverPlaceTests : LiveComponentSuite
{
    private static readonly DateTimeOffset Opening = new(2026, 3, 2, 14, 0, 0, TimeSpan.Zero);
    private static readonly QueueMember Visitor = QueueMember.Of(null, "0000000000000000000000000000abcd");

    [Fact]
    public async Task A_visitor_passed_over_is_asked_to_sign_in_or_create_an_account_and_comes_back_to_the_book_page()
    {
        var clinic = await VisitorFirstInLineAsync();
        Navigation.NavigateTo($"services/{clinic.Id}/book");

        var room = bunit.Render<WaitingRoom>(p => p.Add(x => x.ServiceId, clinic.Id).Add(x => x.VisitorKey, Visitor.VisitorKey));

        room.WaitForAssertion(() => room.Find("[data-testid=waiting-room]").GetAttribute("data-stage").Should().Be("Waiting"));
        room.Find("[data-testid=queue-position]").TextContent.Should().Contain("Your place: 1");
        var help = room.Find("[data-testid=place-needs-account]");
        help.TextContent.Should().Contain("account with a confirmed e-mail address").And.Contain("Your place is kept");
        help.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).Should().Equal(
            $"Account/Login?returnUrl=%2Fservices%2F{clinic.Id}%2Fbook", $"Account/Register?returnUrl=%2Fservices%2F{clinic.Id}%2Fbook");
    }

    /// <summary>
    /// The visitor signed in to a new account whose address is not confirmed yet: they are asked to confirm it, with a way to
    /// have the e-mail sent again. The turn does not run meanwhile (it could lapse unseen while they look for the e-mail);
    /// it starts, whole, at the first tick after they confirm, from the place they kept.
    /// </summary>
    [Fact]
    public async Task An_unconfirmed_account_holding_the_place_is_asked_to_confirm_and_its_whole_turn_starts_once_it_does()
    {
        var clinic = await VisitorFirstInLineAsync();
        var account = (await factory.CreateCustomersAsync(1))[0];
        await SetConfirmedAsync(account, false);
        (await factory.Get<QueueService>().ClaimVisitorPlacesAsync(Visitor.VisitorKey!, account)).Should().Be(1);
        Navigation.NavigateTo($"services/{clinic.Id}/book");

        var room = bunit.Render<WaitingRoom>(p => p.Add(x => x.ServiceId, clinic.Id).Add(x => x.CustomerId, account));

        room.WaitForAssertion(() => room.Find("[data-testid=waiting-room]").GetAttribute("data-stage").Should().Be("Waiting"));
        room.Find("[data-testid=place-needs-account]").TextContent.Should().Contain("Confirm your e-mail address to be let in");
        room.Find("[data-testid=place-needs-account] a[data-testid=resend-confirmation]").GetAttribute("href")
            .Should().Be($"Account/ResendEmailConfirmation?returnUrl=%2Fservices%2F{clinic.Id}%2Fbook");

        factory.Clock.Advance(TimeSpan.FromMinutes(20));
        (await factory.Get<AdmissionController>().TickAllAsync()).Should().Be(0, "an unconfirmed account's place is still passed over");
        await SetConfirmedAsync(account, true);
        var confirmedAt = factory.Clock.GetUtcNow().UtcDateTime;
        (await factory.Get<AdmissionController>().TickAllAsync()).Should().Be(1, "the place kept its number at the front");
        var turn = await factory.Get<QueueService>().GetStateAsync(clinic.Id, account);
        (turn.Stage, turn.Entry!.ExpiresAtUtc).Should().Be((QueueStage.Admitted, confirmedAt.AddSeconds(turn.Release!.AdmissionWindowSeconds)));
    }

    private Microsoft.AspNetCore.Components.NavigationManager Navigation => bunit.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();

    /// <summary>A visitor and a confirmed customer join before the opening; at it the customer is let in and the visitor passed over.</summary>
    private async Task<Service> VisitorFirstInLineAsync()
    {
        var clinic = await factory.ServiceNamedAsync(DemoSeeder.WeeklyClinicName);
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            await db.Releases.Where(r => r.ServiceId == clinic.Id).ExecuteUpdateAsync(r => r.SetProperty(x => x.RequireAuthentication, false));
        }

        var queue = factory.Get<QueueService>();
        var customer = (await factory.CreateCustomersAsync(1))[0];
        factory.Clock.SetUtcNow(Opening.AddMinutes(-5));
        (await queue.JoinAsync(clinic.Id, Visitor, null)).Outcome.Should().Be(JoinOutcome.Joined);
        (await queue.JoinAsync(clinic.Id, customer, null)).Outcome.Should().Be(JoinOutcome.Joined);
        factory.Clock.SetUtcNow(Opening);
        (await factory.Get<AdmissionController>().TickAllAsync()).Should().Be(1, "the customer is let in; the visitor's place is passed over");
        return clinic;
    }

    private async Task SetConfirmedAsync(string customerId, bool confirmed)
    {
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        await db.Users.Where(u => u.Id == customerId).ExecuteUpdateAsync(u => u.SetProperty(x => x.EmailConfirmed, confirmed));
    }
}

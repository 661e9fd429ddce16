using BookingPortal.Features.Cancellation.Components;
using BookingPortal.Features.Queue.Components;

namespace BookingPortal.Tests.Integration.Accounts;

/// <summary>
/// A refusal for an unconfirmed address said "use the link we sent you" and nothing else: a dead end when that e-mail
/// never came, went to spam or ran out. Each refusal links to the resend page, coming back to the page it was on.
/// Rendered with the portal's services; confirmed addresses are required (the tests' default, as in Production).
/// </summary>
public class ConfirmationResendLinkTests : LiveComponentSuite
{
    private static readonly DateTimeOffset Opening = new(2026, 3, 2, 14, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Joining_the_waiting_room_refused_for_an_unconfirmed_address_offers_to_send_the_confirmation_again()
    {
        var clinic = await factory.ServiceNamedAsync(DemoSeeder.WeeklyClinicName);
        var customer = await UnconfirmedCustomerAsync();
        factory.Clock.SetUtcNow(Opening.AddMinutes(-5));
        bunit.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo($"services/{clinic.Id}/book");
        var room = bunit.Render<WaitingRoom>(p => p.Add(x => x.ServiceId, clinic.Id).Add(x => x.CustomerId, customer));
        room.WaitForAssertion(() => room.Find("[data-testid=waiting-room]").GetAttribute("data-stage").Should().Be("NotOpenYet"));

        await room.Find("[data-testid=waiting-room] button").ClickAsync(new());

        room.WaitForAssertion(() => room.Find("[data-testid=waiting-room] [role=alert]").TextContent.Should().Contain("confirm your e-mail address"));
        room.Find("[data-testid=waiting-room] [role=alert] a[data-testid=resend-confirmation]").GetAttribute("href")
            .Should().Be($"Account/ResendEmailConfirmation?returnUrl=%2Fservices%2F{clinic.Id}%2Fbook");
    }

    [Fact]
    public async Task Joining_a_waitlist_refused_for_an_unconfirmed_address_offers_to_send_the_confirmation_again()
    {
        var (video, slots) = await factory.ServiceAndSlotsAsync(DemoSeeder.VideoConsultationName);
        var day = slots.Select(s => s.LocalStart.Date).Distinct().Skip(2).First();
        foreach (var slot in slots.Where(s => s.LocalStart.Date == day))
        {
            await factory.BookAsNewCustomerAsync(video.Id, slot.StartUtc);
        }

        var customer = await UnconfirmedCustomerAsync();
        var signedIn = new ClaimsPrincipal(PortalClaims.Identity([new Claim(PortalClaims.UserIdType, customer)], "test"));
        bunit.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo($"services/{video.Id}/book");
        var panel = bunit.Render<JoinWaitlistPanel>(p => p.Add(x => x.ServiceId, video.Id).Add(x => x.Date, DateOnly.FromDateTime(day))
            .AddCascadingValue(Task.FromResult(new Microsoft.AspNetCore.Components.Authorization.AuthenticationState(signedIn))));

        await panel.Find("button").ClickAsync(new());

        panel.WaitForAssertion(() => panel.Find("[role=status]").TextContent.Should().Contain("confirm your e-mail address"));
        panel.Find("[role=status] a[data-testid=resend-confirmation]").GetAttribute("href")
            .Should().Be($"Account/ResendEmailConfirmation?returnUrl=%2Fservices%2F{video.Id}%2Fbook");
    }

    private async Task<string> UnconfirmedCustomerAsync()
    {
        var customer = (await factory.CreateCustomersAsync(1))[0];
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        await db.Users.Where(u => u.Id == customer).ExecuteUpdateAsync(u => u.SetProperty(x => x.EmailConfirmed, false));
        return customer;
    }
}

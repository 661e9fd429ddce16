using BookingPortal.Features.Admin.Components;
using MudBlazor.Services;

namespace BookingPortal.Tests.Components.Admin;

/// <summary>The invitation form on its own: what it sends, and that a double click sends it once.</summary>
public sealed class InviteStaffFormTests : IAsyncLifetime
{
    private readonly BunitContext context = new();

    public Task InitializeAsync()
    {
        context.Services.AddMudServices();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await context.DisposeAsync();

    [Fact]
    public async Task A_double_click_on_invite_sends_one_invitation()
    {
        var invitations = new List<InviteStaffForm.Invitation>();
        var answer = new TaskCompletionSource<PeopleResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var form = context.Render<InviteStaffForm>(parameters => parameters.Add(f => f.Invite, invitation =>
        {
            invitations.Add(invitation);
            return answer.Task;
        }));
        await form.Find("input[type=email]").ChangeAsync(new() { Value = "new.nurse@clinic.test" });

        // The second click arrives while the first is still inviting.
        var clicks = await DoubleClick.StartAsync(form, () => form.FindAll("button").First(b => b.TextContent.Contains("Invite")));
        answer.SetResult(new PeopleResult(true, "Invited.", "https://portal.example.test/Account/ResetPassword?code=x"));
        await clicks;

        invitations.Should().ContainSingle().Which.Email.Should().Be("new.nurse@clinic.test");
    }
}

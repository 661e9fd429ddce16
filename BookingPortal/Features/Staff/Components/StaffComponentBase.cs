using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace BookingPortal.Features.Staff.Components;

/// <summary>
/// Staff pages act as the signed-in person with the roles the database holds at the moment of each action
/// (the circuit's claims can be minutes old); the services check the role again.
/// </summary>
public abstract class StaffComponentBase : ComponentBase
{
    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private StaffActors StaffActors { get; set; } = default!;

    protected async Task<StaffActor> ActorAsync() => await StaffActors.ResolveAsync(await UserAsync());

    /// <summary>The signed-in person as the circuit knows them, for what checks the roles itself (such as the cancel dialog).</summary>
    protected async Task<ClaimsPrincipal> UserAsync() => (await AuthenticationState).User;
}

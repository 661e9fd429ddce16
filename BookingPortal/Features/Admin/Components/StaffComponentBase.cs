using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace BookingPortal.Features.Admin.Components;

/// <summary>Staff pages act as the signed-in person; the services check the role again.</summary>
public abstract class StaffComponentBase : ComponentBase
{
    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected async Task<StaffActor> ActorAsync() => StaffActor.From((await AuthenticationState).User);
}

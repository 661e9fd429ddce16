using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace BookingPortal.Components.Layout;

/// <summary>
/// Who is signed in, for the layout and the route view, which must follow a sign-out during the circuit (the
/// revalidating provider's) without taking the cascading authentication state: a component subscribed to a
/// cascading value keeps a copy of its own parameters' render frames (an array of 32, 1.3 KB) to replay when
/// the value changes, for the circuit's life. Both sit in every waiting customer's circuit.
/// </summary>
public sealed class SignInWatch : IDisposable
{
    private readonly AuthenticationStateProvider provider;
    private readonly Func<Task> onChanged;

    /// <param name="onChanged">Runs when the signed-in user changes; the component re-reads <see cref="UserAsync"/> there.</param>
    public SignInWatch(AuthenticationStateProvider provider, Func<Task> onChanged)
    {
        (this.provider, this.onChanged) = (provider, onChanged);
        provider.AuthenticationStateChanged += Changed;
    }

    public async Task<ClaimsPrincipal> UserAsync() => (await provider.GetAuthenticationStateAsync()).User;

    public void Dispose() => provider.AuthenticationStateChanged -= Changed;

    // The component's own dispatcher runs the work and reports its failure (see the components' handlers).
    private void Changed(Task<AuthenticationState> state) => _ = onChanged();
}

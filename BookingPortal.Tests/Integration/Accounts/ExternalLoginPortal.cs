using Microsoft.AspNetCore.Authentication;

namespace BookingPortal.Tests.Integration.Accounts;

/// <summary>
/// The portal with a stand-in external provider: a GET of <see cref="SignInPath"/>?key=… leaves the external cookie a
/// provider's callback leaves (a provider key and the provider's name), so Account/ExternalLogin reads a sign-in it
/// has not seen before and asks for an address, as after a first sign-in with Google.
/// </summary>
public sealed class ExternalLoginPortal(params (string Key, string Value)[] settings) : PortalWithRoute(SignInPath, SignInExternallyAsync)
{
    public const string SignInPath = "/test/external-sign-in";

    public const string ProviderName = "TestProvider";

    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings() => settings.Select(s => KeyValuePair.Create(s.Key, s.Value));

    private static Task SignInExternallyAsync(HttpContext context)
    {
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, context.Request.Query["key"].ToString())], ProviderName);
        var properties = new AuthenticationProperties { Items = { ["LoginProvider"] = ProviderName } };
        return context.SignInAsync(IdentityConstants.ExternalScheme, new ClaimsPrincipal(identity), properties);
    }
}

public static class ExternalLoginClient
{
    /// <summary>Signs in with the stand-in provider as an identity new to the portal and posts the address the confirmation step asks for.</summary>
    public static async Task<HttpResponseMessage> RegisterExternallyAsync(this HttpClient client, string email)
    {
        (await client.GetAsync($"{ExternalLoginPortal.SignInPath}?key={Guid.NewGuid():N}")).EnsureSuccessStatusCode();
        return await client.SubmitFormAsync("/Account/ExternalLogin?Action=LoginCallback", new() { ["_handler"] = "confirmation", ["Input.Email"] = email });
    }
}

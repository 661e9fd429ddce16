using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Identity;

namespace BookingPortal.Components.Account;

/// <summary>The key an authenticator app is set up with, as Manage → Enable authenticator shows it: grouped for typing, and as the otpauth URI a QR code carries.</summary>
public static class AuthenticatorKey
{
    private const string UriFormat = "otpauth://totp/{0}:{1}?secret={2}&issuer={0}&digits=6";

    /// <summary>The account's key, made on first use, formatted and as its URI.</summary>
    public static async Task<(string SharedKey, string Uri)> LoadAsync(UserManager<ApplicationUser> users, ApplicationUser user, UrlEncoder encoder)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }

        return (Format(key!), OtpAuthUri(encoder, (await users.GetEmailAsync(user))!, key!));
    }

    /// <summary>Lower case in groups of four, as people read it off the screen.</summary>
    public static string Format(string key)
    {
        var result = new StringBuilder();
        var position = 0;
        while (position + 4 < key.Length)
        {
            result.Append(key.AsSpan(position, 4)).Append(' ');
            position += 4;
        }

        if (position < key.Length)
        {
            result.Append(key.AsSpan(position));
        }

        return result.ToString().ToLowerInvariant();
    }

    public static string OtpAuthUri(UrlEncoder encoder, string email, string key) =>
        string.Format(CultureInfo.InvariantCulture, UriFormat, encoder.Encode("Microsoft.AspNetCore.Identity.UI"), encoder.Encode(email), key);

    /// <summary>The code as typed, without the spaces and hyphens apps show it with.</summary>
    public static string Code(string typed) => typed.Replace(" ", string.Empty).Replace("-", string.Empty);
}

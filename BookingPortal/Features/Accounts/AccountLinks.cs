using BookingPortal.Features.Localization;
using BookingPortal.Features.Notifications.Ports;
using BookingPortal.Infrastructure.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace BookingPortal.Features.Accounts;

/// <summary>
/// Makes the one-time links of the account e-mails and sends them. Links start with the configured
/// portal address (Notifications:PortalBaseUrl), never the request's Host header: a reset requested
/// with a forged Host would otherwise mail the victim a token pointing at the attacker's site.
/// </summary>
[ScopedService]
public sealed class AccountLinks(UserManager<ApplicationUser> users, AccountMail mail, IOptions<NotificationsOptions> options)
{
    private Uri PortalBaseUri => options.Value.PortalBaseUri;

    /// <param name="places">The places in line of the browser that registered, sealed for this account (VisitorPlaceHandover), or null.</param>
    public async Task SendEmailConfirmationAsync(ApplicationUser user, string? returnUrl, string? places = null)
    {
        var code = Encode(await users.GenerateEmailConfirmationTokenAsync(user));
        await mail.SendConfirmationLinkAsync(user, user.Email!, ConfirmEmailLink(user, code, returnUrl, places));
    }

    /// <summary>
    /// A new colleague's invitation: Identity's reset token, so the link lets them choose a password once, within a
    /// day. Returned too, for the admin to pass on by hand.
    /// </summary>
    /// <param name="adminPageAddress">
    /// The address of the admin's page, used while no portal address is configured (the loopback default, which Production
    /// allows only with no message sent): the admin then passes the link on by hand, and a localhost link would not open.
    /// </param>
    public async Task<string> SendStaffInvitationAsync(ApplicationUser user, Uri adminPageAddress)
    {
        var code = Encode(await users.GeneratePasswordResetTokenAsync(user));
        var link = Link(options.Value.PortalBaseUriOr(adminPageAddress), "Account/ResetPassword", ("code", code));
        await mail.SendStaffInvitationAsync(user, user.Email!, link);
        return link;
    }

    /// <summary>Only a confirmed address gets a reset link: an unconfirmed one may not belong to the account's owner.</summary>
    public async Task SendPasswordResetAsync(ApplicationUser user)
    {
        var code = Encode(await users.GeneratePasswordResetTokenAsync(user));
        await mail.SendPasswordResetLinkAsync(user, user.Email!, Link(PortalBaseUri, "Account/ResetPassword", ("code", code)));
    }

    public async Task SendEmailChangeAsync(ApplicationUser user, string newEmail)
    {
        var code = Encode(await users.GenerateChangeEmailTokenAsync(user, newEmail));
        await mail.SendEmailChangeLinkAsync(user, newEmail, Link(PortalBaseUri, "Account/ConfirmEmailChange", ("userId", user.Id), ("email", newEmail), ("code", code)));
    }

    public Task SendAlreadyRegisteredAsync(ApplicationUser user, string? returnUrl) =>
        mail.SendAlreadyRegisteredAsync(user, Link(PortalBaseUri, "Account/Login", ("returnUrl", ReturnPath.LocalOrNull(returnUrl))));

    /// <summary>The development shortcut on the register-confirmation page uses the same link the e-mail carries.</summary>
    public async Task<string> ConfirmEmailLinkAsync(ApplicationUser user, string? returnUrl) =>
        ConfirmEmailLink(user, Encode(await users.GenerateEmailConfirmationTokenAsync(user)), returnUrl);

    /// <summary>
    /// Names the language the account was registered in: a phone's mail app opens the link in a browser of its own, with
    /// none of the portal's cookies, and the pages that follow (sign in, the booking page) would answer in the phone's.
    /// </summary>
    private string ConfirmEmailLink(ApplicationUser user, string code, string? returnUrl, string? places = null) =>
        Link(PortalBaseUri, "Account/ConfirmEmail", ("userId", user.Id), ("code", code), ("returnUrl", ReturnPath.LocalOrNull(returnUrl)),
            ("culture", PortalCultures.IsSupported(user.PreferredCulture) ? user.PreferredCulture : null), ("places", places));

    private static string Link(Uri baseUri, string path, params (string Name, string? Value)[] query) =>
        QueryHelpers.AddQueryString(new Uri(baseUri, path).ToString(), query.Where(q => q.Value is not null).Select(q => KeyValuePair.Create(q.Name, q.Value)));

    private static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));
}

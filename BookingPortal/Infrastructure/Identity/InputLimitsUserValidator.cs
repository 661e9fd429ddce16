using Microsoft.AspNetCore.Identity;

namespace BookingPortal.Infrastructure.Identity;

/// <summary>
/// Bounds what a person types into their account on every path that saves it (register, a new e-mail,
/// an external sign-in), so no row and no sign-in cookie, which carries the name and e-mail, can be inflated.
/// </summary>
public sealed class InputLimitsUserValidator : IUserValidator<ApplicationUser>
{
    /// <summary>The longest e-mail address SMTP can deliver (RFC 5321: a 256-octet path less its angle brackets).</summary>
    public const int MaxEmailLength = 254;

    public const int MaxDisplayNameLength = 100;

    public Task<IdentityResult> ValidateAsync(UserManager<ApplicationUser> manager, ApplicationUser user)
    {
        var errors = new List<IdentityError>();
        if (user.Email?.Length > MaxEmailLength || user.UserName?.Length > MaxEmailLength)
        {
            errors.Add(new IdentityError { Code = "EmailTooLong", Description = $"An e-mail address may be at most {MaxEmailLength} characters long." });
        }

        if (user.DisplayName?.Length > MaxDisplayNameLength)
        {
            errors.Add(new IdentityError { Code = "DisplayNameTooLong", Description = $"A name may be at most {MaxDisplayNameLength} characters long." });
        }

        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }
}

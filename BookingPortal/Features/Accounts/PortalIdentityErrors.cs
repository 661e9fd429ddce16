using BookingPortal.Features.Localization;
using Microsoft.AspNetCore.Identity;

namespace BookingPortal.Features.Accounts;

/// <summary>
/// Identity's refusals a customer reads on the account pages (a password too weak, an address taken, a link expired), in
/// the page's language: Identity's own describer writes English only, so the Spanish register page answered in English.
/// The codes stay Identity's; refusals only staff tooling meets (roles, lockout) keep its English.
/// </summary>
public sealed class PortalIdentityErrors(IStringLocalizer<PortalText> text) : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => Said(base.PasswordTooShort(length), text["Passwords must be at least {0} characters.", length]);

    public override IdentityError PasswordRequiresNonAlphanumeric() =>
        Said(base.PasswordRequiresNonAlphanumeric(), text["Passwords must have at least one character that is neither a letter nor a digit."]);

    public override IdentityError PasswordRequiresDigit() => Said(base.PasswordRequiresDigit(), text["Passwords must have at least one digit ('0'-'9')."]);

    public override IdentityError PasswordRequiresLower() => Said(base.PasswordRequiresLower(), text["Passwords must have at least one lowercase letter ('a'-'z')."]);

    public override IdentityError PasswordRequiresUpper() => Said(base.PasswordRequiresUpper(), text["Passwords must have at least one uppercase letter ('A'-'Z')."]);

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        Said(base.PasswordRequiresUniqueChars(uniqueChars), text["Passwords must use at least {0} different characters.", uniqueChars]);

    public override IdentityError PasswordMismatch() => Said(base.PasswordMismatch(), text["Incorrect password."]);

    public override IdentityError DuplicateEmail(string email) => Said(base.DuplicateEmail(email), text["Email '{0}' is already taken.", email]);

    public override IdentityError DuplicateUserName(string userName) => Said(base.DuplicateUserName(userName), text["Username '{0}' is already taken.", userName]);

    public override IdentityError InvalidEmail(string? email) => Said(base.InvalidEmail(email), text["Email '{0}' is invalid.", email ?? ""]);

    public override IdentityError InvalidUserName(string? userName) =>
        Said(base.InvalidUserName(userName), text["Username '{0}' is invalid, can only contain letters or digits.", userName ?? ""]);

    public override IdentityError InvalidToken() => Said(base.InvalidToken(), text["This link or code is not valid, or has expired."]);

    public override IdentityError LoginAlreadyAssociated() => Said(base.LoginAlreadyAssociated(), text["A user with this login already exists."]);

    public override IdentityError UserAlreadyHasPassword() => Said(base.UserAlreadyHasPassword(), text["User already has a password set."]);

    public override IdentityError RecoveryCodeRedemptionFailed() => Said(base.RecoveryCodeRedemptionFailed(), text["Recovery code redemption failed."]);

    public override IdentityError ConcurrencyFailure() => Said(base.ConcurrencyFailure(), text["The account was changed meanwhile. Please try again."]);

    public override IdentityError DefaultError() => Said(base.DefaultError(), text["An unknown failure has occurred."]);

    private static IdentityError Said(IdentityError error, string description) => new() { Code = error.Code, Description = description };
}

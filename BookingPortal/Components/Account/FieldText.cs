using BookingPortal.Features.Localization;

namespace BookingPortal.Components.Account;

/// <summary>
/// The account forms' validation messages and field names in the reader's language, for data annotations:
/// <c>[Required(ErrorMessageResourceType = typeof(FieldText), ErrorMessageResourceName = nameof(FieldText.Required))]</c>
/// and <c>[Display(Name = nameof(FieldText.Email), ResourceType = typeof(FieldText))]</c>. The attributes read the
/// property each time they validate, and a form post validates in the request's culture, so one attribute answers
/// in English or Spanish. The texts are PortalText's (keys are the English text), one place for each message.
/// </summary>
public static class FieldText
{
    private static readonly CachedText<PortalText> text =
        new(new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance));

    // Messages: {0} is the field's name, {1} and {2} the attribute's limits.
    public static string Required => text["The {0} field is required."].Value;

    public static string EmailAddress => text["The {0} field is not a valid e-mail address."].Value;

    public static string MaxLength => text["The {0} must be at most {1} characters long."].Value;

    public static string LengthBetween => text["The {0} must be at least {2} and at max {1} characters long."].Value;

    public static string PasswordsDiffer => text["The password and confirmation password do not match."].Value;

    public static string NewPasswordsDiffer => text["The new password and confirmation password do not match."].Value;

    public static string PasskeyNameTooLong => text["Passkey names must be no longer than {1} characters."].Value;

    public static string PhoneFormat => text["Enter the number with its country code. Use the international format with the country code, e.g. +1 212 555 0100 or +44 20 7946 0958."].Value;

    public static string PhoneForTexts => text["Add a phone number to get text messages."].Value;

    // Field names: the labels the forms show beside the fields.
    public static string Email => text["Email"].Value;

    public static string NewEmail => text["New email"].Value;

    public static string Name => text["Name"].Value;

    public static string Password => text["Password"].Value;

    public static string OldPassword => text["Old password"].Value;

    public static string NewPassword => text["New password"].Value;

    public static string ConfirmPassword => text["Confirm Password"].Value;

    public static string RememberMe => text["Remember me"].Value;

    public static string AuthenticatorCode => text["Authenticator code"].Value;

    public static string RememberMachine => text["Remember this machine"].Value;

    public static string RecoveryCode => text["Recovery Code"].Value;

    public static string VerificationCode => text["Verification Code"].Value;

    public static string ResetCode => text["Reset code"].Value;

    public static string PasskeyName => text["Passkey name"].Value;

    public static string PhoneNumber => text["Phone number"].Value;

    public static string TextMessages => text["Text messages"].Value;
}

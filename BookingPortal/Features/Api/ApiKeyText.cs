using BookingPortal.Features.Localization;

namespace BookingPortal.Features.Api;

/// <summary>Why an API key was not made, in the reader's language on the profile page.</summary>
public static class ApiKeyText
{
    public static string For(ApiKeyProblem problem, IStringLocalizer<PortalText> text) => problem.Refusal switch
    {
        ApiKeyRefusal.NameMissing => text["Give the key a name of up to 100 characters, for example Clinic website."],
        ApiKeyRefusal.NoScope => text["Choose at least one scope."],
        ApiKeyRefusal.AdminScopeForStaffOnly => text["Only staff keys can have the admin scope."],
        ApiKeyRefusal.TooManyKeys => text["You already have {0} active keys; revoke one first.", ApiKeyService.MaxKeysPerOwner],
        ApiKeyRefusal.FormSentTwice => text["This form was sent twice, so no second key was made. If you did not copy the key '{0}', revoke it below and create another.", problem.KeyName ?? ""],
        ApiKeyRefusal.FormOutOfDate => text["This form is out of date. Reload the page and try again."],
        _ => throw new ArgumentOutOfRangeException(nameof(problem), problem.Refusal, "A refusal without words for it."),
    };
}

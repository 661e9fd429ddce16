using System.Diagnostics.CodeAnalysis;

namespace BookingPortal.Features.Catalog;

/// <summary>A practitioner as customers choose them: name, title, the languages they consult in and a photo if any.</summary>
public sealed record PractitionerProfile(int Id, string DisplayName, string Title, IReadOnlyList<string> LanguageCodes, string? PhotoUrl)
{
    /// <summary>
    /// Only the portal's own images are shown: the content security policy lets pages load images from the
    /// site alone, so a photo elsewhere would be a broken image; the initials stand in for it.
    /// </summary>
    public string? ShownPhotoUrl => IsOnThisPortal(PhotoUrl) ? PhotoUrl : null;

    /// <summary>A path on this site ("/photos/ana.jpg"): not another host's address, nor one a browser reads as such ("//host", "/\host").</summary>
    public static bool IsOnThisPortal([NotNullWhen(true)] string? url) =>
        url is { Length: > 1 } && url[0] == '/' && url[1] is not ('/' or '\\') && Uri.TryCreate(url, UriKind.Relative, out _);

    /// <summary>"AB" for "Dr. Ana Bell": the first letters of the first and last words that start with a letter.</summary>
    public string Initials
    {
        get
        {
            var words = DisplayName.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => char.IsLetter(w[0]) && !w.EndsWith('.')).ToList();
            return words.Count switch
            {
                0 => "?",
                1 => words[0][..1].ToUpperInvariant(),
                _ => $"{words[0][0]}{words[^1][0]}".ToUpperInvariant(),
            };
        }
    }

    /// <summary>The languages in their own names ("English, español"), so a customer finds theirs whatever the page's language.</summary>
    public string LanguagesText => string.Join(", ", LanguageCodes.Select(NativeName));

    private static string NativeName(string code)
    {
        try
        {
            var name = CultureInfo.GetCultureInfo(code).NativeName;
            return string.IsNullOrEmpty(name) || name == code ? code : name;
        }
        catch (CultureNotFoundException)
        {
            return code;
        }
    }
}

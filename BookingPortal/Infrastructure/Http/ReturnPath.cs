namespace BookingPortal.Infrastructure.Http;

/// <summary>Where a preference switch (language, dark mode) goes back to after storing its cookie.</summary>
public static class ReturnPath
{
    /// <summary>
    /// The given path, else the page the switch was clicked on (the Referer, when it is this portal), else the
    /// home page. Only ever a path inside the portal: an absolute or protocol-relative address would make the
    /// switch an open redirect.
    /// </summary>
    public static string For(string? returnUrl, HttpRequest request)
    {
        if (IsLocalPath(returnUrl))
        {
            return returnUrl!;
        }

        return Uri.TryCreate(request.Headers.Referer.ToString(), UriKind.Absolute, out var referer)
            && string.Equals(referer.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase)
            && IsLocalPath(referer.PathAndQuery)
            ? referer.PathAndQuery
            : "/";
    }

    /// <summary>
    /// A return address a sign-in or register page may go back to: a path inside the portal, else null.
    /// "//evil.example", "/\\evil.example", "https://evil.example" and anything with control characters
    /// (browsers drop tabs and newlines, turning "/\t/evil" into "//evil") are refused.
    /// </summary>
    public static string? LocalOrNull(string? returnUrl) => IsLocalPath(returnUrl) ? returnUrl : null;

    // A control character (tab, CR/LF, NUL) has no place in an address and would make the redirect throw.
    private static bool IsLocalPath(string? path) =>
        path is { Length: > 0 } && path[0] == '/' && !path.StartsWith("//", StringComparison.Ordinal) && !path.StartsWith("/\\", StringComparison.Ordinal)
        && !path.Any(char.IsControl);
}

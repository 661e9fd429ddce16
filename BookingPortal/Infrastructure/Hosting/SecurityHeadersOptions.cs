namespace BookingPortal.Infrastructure.Hosting;

/// <summary>Bound from the "SecurityHeaders" section.</summary>
public sealed class SecurityHeadersOptions
{
    public const string SectionName = "SecurityHeaders";

    /// <summary>
    /// Who may show the portal in a frame (CSP frame-ancestors): 'self' when empty, or 'none', or
    /// the https origins of a clinic's own site that embeds it, e.g. https://clinic.example.
    /// </summary>
    public string[] FrameAncestors { get; set; } = [];

    public IReadOnlyList<string> EffectiveFrameAncestors => FrameAncestors.Length == 0 ? ["'self'"] : FrameAncestors;
}

internal sealed class SecurityHeadersOptionsValidator : IValidateOptions<SecurityHeadersOptions>
{
    public ValidateOptionsResult Validate(string? name, SecurityHeadersOptions options)
    {
        var key = $"{SecurityHeadersOptions.SectionName}:FrameAncestors";
        var errors = options.FrameAncestors
            .Select((source, index) => IsSource(source, options.FrameAncestors.Length) ? null : $"'{key}:{index}' is '{source}': use 'self', 'none' (alone) or an origin such as https://clinic.example.")
            .OfType<string>()
            .ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsSource(string source, int count) => source switch
    {
        "'self'" => true,
        "'none'" => count == 1,
        _ => Uri.TryCreate(source, UriKind.Absolute, out var origin)
             && (origin.Scheme == Uri.UriSchemeHttps || (origin.Scheme == Uri.UriSchemeHttp && origin.IsLoopback))
             && origin.AbsolutePath == "/" && !source.EndsWith('/') && string.IsNullOrEmpty(origin.Query + origin.Fragment + origin.UserInfo),
    };
}

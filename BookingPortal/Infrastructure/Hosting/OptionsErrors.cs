namespace BookingPortal.Infrastructure.Hosting;

/// <summary>
/// The start-up errors of one configuration section, each naming its key ("Section:Key"), so a validator
/// states its checks one a line and stops the app with all of them at once.
/// </summary>
public sealed class OptionsErrors(string section)
{
    private readonly List<string> errors = [];

    public ValidateOptionsResult Result => errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);

    public OptionsErrors Range(string key, int value, int min, int max) =>
        value >= min && value <= max ? this : Add($"'{section}:{key}' must be between {min} and {max} (was {value}).");

    public OptionsErrors AtLeast(string key, int value, int min) =>
        value >= min ? this : Add($"'{section}:{key}' must be at least {min} (was {value}).");

    /// <summary>
    /// Where a provider's client sends its requests (tests and sandboxes set it): any absolute URL, and in Production only
    /// https or a relay on this machine. A setting copied from staging (http://10.0.0.9:12111) would otherwise send the
    /// live key in clear text to another host, and take its word that deposits were paid.
    /// </summary>
    public OptionsErrors ProviderUrl(string key, string? url, bool production)
    {
        if (url is null)
        {
            return this;
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return Add($"'{section}:{key}' must be an absolute URL (was '{url}').");
        }

        return production && uri.Scheme != Uri.UriSchemeHttps && !uri.IsLoopback
            ? Add($"'{section}:{key}' must be an https URL, or one on this machine, in Production (was '{url}').")
            : this;
    }

    public OptionsErrors Add(string error)
    {
        errors.Add(error);
        return this;
    }
}

using Microsoft.Extensions.Options;

namespace BookingPortal.Features.Api;

/// <summary>Bound from the "Api" section.</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Api";

    /// <summary>Requests one key may make per window; a script gone wrong slows down instead of the portal.</summary>
    public int PermitsPerWindow { get; set; } = 120;

    public int WindowSeconds { get; set; } = 60;
}

internal sealed class ApiOptionsValidator : IValidateOptions<ApiOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiOptions options)
    {
        var errors = new List<string>();
        if (options.PermitsPerWindow is < 1 or > 100_000)
        {
            errors.Add($"'{ApiOptions.SectionName}:PermitsPerWindow' must be between 1 and 100000 (was {options.PermitsPerWindow}).");
        }

        if (options.WindowSeconds is < 1 or > 86_400)
        {
            errors.Add($"'{ApiOptions.SectionName}:WindowSeconds' must be between 1 and 86400 (was {options.WindowSeconds}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

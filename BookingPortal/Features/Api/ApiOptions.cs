using System.Threading.RateLimiting;
using BookingPortal.Infrastructure.Hosting;

namespace BookingPortal.Features.Api;

/// <summary>Bound from the "Api" section.</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Api";

    /// <summary>Requests one key may make per window; a script gone wrong slows down instead of the portal.</summary>
    public int PermitsPerWindow { get; set; } = 120;

    public int WindowSeconds { get; set; } = 60;

    /// <summary>One window of this allowance: a key's requests, or the unknown keys sent from one address.</summary>
    public FixedWindowRateLimiterOptions AllowanceWindow() =>
        new() { PermitLimit = PermitsPerWindow, Window = TimeSpan.FromSeconds(WindowSeconds), QueueLimit = 0 };
}

internal sealed class ApiOptionsValidator : IValidateOptions<ApiOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiOptions options) =>
        new OptionsErrors(ApiOptions.SectionName)
            .Range(nameof(options.PermitsPerWindow), options.PermitsPerWindow, 1, 100_000)
            .Range(nameof(options.WindowSeconds), options.WindowSeconds, 1, 86_400)
            .Result;
}

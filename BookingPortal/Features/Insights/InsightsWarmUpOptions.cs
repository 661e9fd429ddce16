namespace BookingPortal.Features.Insights;

/// <summary>Bound from "Insights:WarmUp": whether the portal runs the Insights pages' work once after it starts, and for how long at most.</summary>
public sealed class InsightsWarmUpOptions
{
    public const string SectionName = "Insights:WarmUp";

    public bool Enabled { get; set; } = true;

    /// <summary>A database this slow to answer a few grouped queries has bigger problems; the warm-up stops waiting and says so.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);
}

internal sealed class InsightsWarmUpOptionsValidator : IValidateOptions<InsightsWarmUpOptions>
{
    public ValidateOptionsResult Validate(string? name, InsightsWarmUpOptions options) =>
        options.Timeout > TimeSpan.Zero && options.Timeout <= TimeSpan.FromHours(1)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"'{InsightsWarmUpOptions.SectionName}:{nameof(options.Timeout)}' must be more than 00:00:00 and at most 01:00:00 (was {options.Timeout}).");
}

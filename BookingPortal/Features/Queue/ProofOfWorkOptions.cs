using BookingPortal.Infrastructure.Hosting;

namespace BookingPortal.Features.Queue;

/// <summary>Bound from "Queue:ProofOfWork": how much work an early arrival's browser does (see <see cref="ProofOfWorkRules"/>).</summary>
public sealed class ProofOfWorkOptions
{
    public const string SectionName = "Queue:ProofOfWork";

    /// <summary>Leading zero bits asked of a first join: 2^16 hashes take well under a second in a current browser.</summary>
    public int BaseDifficulty { get; set; } = 16;

    /// <summary>Joins from one network (/24 or /64) at the base difficulty: a household, a small office.</summary>
    public int FreeJoinsPerNetwork { get; set; } = 4;

    /// <summary>Entries in an opening beyond which each doubling adds a bit.</summary>
    public int LoadStep { get; set; } = 2_000;

    public int ChallengeLifetimeMinutes { get; set; } = 15;

    /// <summary>The paced wait, in seconds, that replaces a proof at the base difficulty for a browser that cannot do it.</summary>
    public int PacedSecondsAtBase { get; set; } = 30;
}

internal sealed class ProofOfWorkOptionsValidator : IValidateOptions<ProofOfWorkOptions>
{
    public ValidateOptionsResult Validate(string? name, ProofOfWorkOptions options) =>
        new OptionsErrors(ProofOfWorkOptions.SectionName)
            .Range(nameof(options.BaseDifficulty), options.BaseDifficulty, 1, 26)
            .Range(nameof(options.FreeJoinsPerNetwork), options.FreeJoinsPerNetwork, 1, 10_000)
            .Range(nameof(options.LoadStep), options.LoadStep, 1, 10_000_000)
            .Range(nameof(options.ChallengeLifetimeMinutes), options.ChallengeLifetimeMinutes, 1, 24 * 60)
            .Range(nameof(options.PacedSecondsAtBase), options.PacedSecondsAtBase, 1, 3_600)
            .Result;
}

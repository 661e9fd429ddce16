namespace BookingPortal.Features.Queue;

public enum ProofOutcome
{
    /// <summary>The entry counts from now.</summary>
    Accepted,

    /// <summary>The hash does not have the leading zero bits asked for.</summary>
    Wrong,

    /// <summary>The challenge was used already, replaced, expired, or is not this customer's.</summary>
    Refused,
}

/// <summary>What the browser is asked to solve for an entry.</summary>
public sealed record ProofChallenge(long EntryId, string Challenge, int Difficulty, DateTime ExpiresAtUtc);

/// <summary>
/// Keeps the draw to people: where a release asks for it, an entry made before the opening counts only once
/// its browser has proved a little work on a single-use challenge bound to it (or has sat out the slower
/// paced wait instead). Joining again and again from one network makes each challenge harder.
/// </summary>
[SingletonService]
public sealed class ProofOfWorkGate(IDbContextFactory<BookingDbContext> dbFactory, IOptions<ProofOfWorkOptions> options, QueueChangeNotifier changes, TimeProvider time)
{
    /// <summary>Before a new entry is saved: asks for a proof if its release wants one and the customer's opening is still ahead.</summary>
    public async Task PrepareAsync(BookingDbContext db, QueueEntry entry, Release release, ReleaseOpening opening, DateTime startsForCustomerUtc, string? clientAddress, CancellationToken cancellationToken)
    {
        var nowUtc = time.GetUtcNow().UtcDateTime;
        if (!release.RequireProofOfWork || nowUtc >= startsForCustomerUtc)
        {
            return;
        }

        // Keyed by the opening's seed: the column never holds an address, and the same network is the same value only within one opening.
        entry.JoinNetwork = Convert.ToHexStringLower(HMACSHA256.HashData(Convert.FromHexString(opening.Seed), Encoding.UTF8.GetBytes("network:" + ProofOfWorkRules.NetworkOf(clientAddress))))[..32];
        var fromNetwork = await db.QueueEntries.CountAsync(e => e.OpeningId == opening.Id && e.JoinNetwork == entry.JoinNetwork, cancellationToken);
        var inOpening = await db.QueueEntries.CountAsync(e => e.OpeningId == opening.Id, cancellationToken);
        entry.ProofPending = true;
        entry.ProofDifficulty = ProofOfWorkRules.Difficulty(options.Value, fromNetwork, inOpening);
        entry.ProofChallenge = ProofOfWorkRules.NewChallenge();
        entry.ProofExpiresAtUtc = nowUtc.AddMinutes(options.Value.ChallengeLifetimeMinutes);
    }

    /// <summary>The entry's current challenge, a fresh one (same difficulty) where it expired; null when none is needed.</summary>
    public async Task<ProofChallenge?> ChallengeAsync(long entryId, QueueMember member, CancellationToken cancellationToken = default)
    {
        var nowUtc = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var fresh = ProofOfWorkRules.NewChallenge();
        var until = nowUtc.AddMinutes(options.Value.ChallengeLifetimeMinutes);
        await db.QueueEntries.Where(member.Owns()).Where(e => e.Id == entryId && e.ProofPending && !(e.ProofExpiresAtUtc > nowUtc))
            .ExecuteUpdateAsync(e => e.SetProperty(x => x.ProofChallenge, fresh).SetProperty(x => x.ProofExpiresAtUtc, until), cancellationToken);
        return await db.QueueEntries.AsNoTracking().Where(member.Owns()).Where(e => e.Id == entryId && e.ProofPending && e.ProofChallenge != null)
            .Select(e => new ProofChallenge(e.Id, e.ProofChallenge!, e.ProofDifficulty, e.ProofExpiresAtUtc!.Value)).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Checks a solution and, if right, uses the challenge up in the same conditional update that makes the entry count.</summary>
    public async Task<ProofOutcome> SubmitAsync(long entryId, QueueMember member, string challenge, string nonce, CancellationToken cancellationToken = default)
    {
        var nowUtc = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var asked = await db.QueueEntries.AsNoTracking().Where(member.Owns())
            .Where(e => e.Id == entryId && e.ProofPending && e.ProofChallenge == challenge && e.ProofExpiresAtUtc > nowUtc)
            .Select(e => new { e.ProofDifficulty, e.OpeningId }).FirstOrDefaultAsync(cancellationToken);
        if (asked is null)
        {
            return ProofOutcome.Refused;
        }

        if (!ProofOfWorkRules.IsSolution(challenge, nonce, asked.ProofDifficulty))
        {
            return ProofOutcome.Wrong;
        }

        var counted = await db.QueueEntries.Where(e => e.Id == entryId && e.ProofPending && e.ProofChallenge == challenge && e.ProofExpiresAtUtc > nowUtc)
            .ExecuteUpdateAsync(e => e.SetProperty(x => x.ProofPending, false).SetProperty(x => x.ProofChallenge, (string?)null)
                .SetProperty(x => x.CountsFromUtc, nowUtc), cancellationToken);
        changes.NotifyChanged(asked.OpeningId);
        return counted == 1 ? ProofOutcome.Accepted : ProofOutcome.Refused;
    }

    /// <summary>
    /// The fallback for a browser that cannot do the work (no Web Workers or no Web Crypto, or a customer who
    /// would rather not): the entry counts after a paced wait as long as a typical browser's proof, doubled, so it
    /// costs a script the same time without costing a person's device anything.
    /// </summary>
    public async Task<DateTime?> PaceAsync(long entryId, QueueMember member, CancellationToken cancellationToken = default)
    {
        var nowUtc = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var difficulty = await db.QueueEntries.Where(member.Owns()).Where(e => e.Id == entryId && e.ProofPending)
            .Select(e => (int?)e.ProofDifficulty).FirstOrDefaultAsync(cancellationToken);
        if (difficulty is not { } bits)
        {
            return null;
        }

        var countsFrom = nowUtc + ProofOfWorkRules.PacedWait(options.Value, bits);
        var paced = await db.QueueEntries.Where(e => e.Id == entryId && e.ProofPending && e.ProofDifficulty == bits)
            .ExecuteUpdateAsync(e => e.SetProperty(x => x.ProofPending, false).SetProperty(x => x.ProofChallenge, (string?)null)
                .SetProperty(x => x.CountsFromUtc, countsFrom), cancellationToken);
        return paced == 1 ? countsFrom : null;
    }
}

using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace BookingPortal.Infrastructure.Identity;

/// <summary>What became of a try to create the first admin through a setup link.</summary>
public sealed record FirstAdminResult(bool Succeeded, bool LinkRefused, IReadOnlyList<string> Errors)
{
    public static readonly FirstAdminResult Created = new(true, false, []);
    public static readonly FirstAdminResult Refused = new(false, true, []);

    public static FirstAdminResult Invalid(IEnumerable<IdentityError> errors) => new(false, false, errors.Select(e => e.Description).ToList());
}

/// <summary>
/// The one-time setup link for the first admin of a real install (beside `admin create`): a
/// 256-bit random token that only the console sees, stored as its SHA-256, valid for an hour and
/// for one use, and refused once any admin exists. Using it is one conditional update (unused, not
/// expired, no admin yet), so two tabs posting the same link cannot both create an admin.
/// </summary>
public sealed class FirstAdminSetup(IDbContextFactory<BookingDbContext> dbFactory, UserManager<ApplicationUser> users, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    public const string PagePath = "Account/FirstAdmin";

    /// <returns>A new token, or null when an admin exists already (no link is needed).</returns>
    public async Task<string?> IssueAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await AdminExists(db).AnyAsync(cancellationToken))
        {
            return null;
        }

        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var nowUtc = time.GetUtcNow().UtcDateTime;
        db.SetupTokens.Add(new SetupToken { Hash = Hash(token), CreatedAtUtc = nowUtc, ExpiresAtUtc = nowUtc + Lifetime });
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    /// <summary>Whether the page may show its form: the link is unused, unexpired, and no admin exists.</summary>
    public async Task<bool> IsUsableAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token))
        {
            return false;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Usable(db, Hash(token), time.GetUtcNow().UtcDateTime).AnyAsync(cancellationToken);
    }

    /// <summary>
    /// Checks the name, address and password by Identity's rules first (a typo keeps the link
    /// usable), then spends the link and creates the admin; should the creation still fail, the link
    /// is given back.
    /// </summary>
    public async Task<FirstAdminResult> CreateAdminAsync(string? token, string displayName, string email, string password, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token))
        {
            return FirstAdminResult.Refused;
        }

        var admin = AdminCommand.NewAdmin(email, displayName);
        if (await ValidateAsync(admin, password) is { Count: > 0 } errors)
        {
            return FirstAdminResult.Invalid(errors);
        }

        var hash = Hash(token);
        var usedAtUtc = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await Usable(db, hash, usedAtUtc).ExecuteUpdateAsync(t => t.SetProperty(x => x.UsedAtUtc, usedAtUtc), cancellationToken) != 1)
        {
            return FirstAdminResult.Refused;
        }

        var created = await AdminCommand.CreateAdminAsync(users, admin, password);
        if (!created.Succeeded)
        {
            await db.SetupTokens.Where(t => t.Hash == hash).ExecuteUpdateAsync(t => t.SetProperty(x => x.UsedAtUtc, (DateTime?)null), cancellationToken);
            return FirstAdminResult.Invalid(created.Errors);
        }

        // Other links printed by other instances or earlier starts are of no use any more.
        await db.SetupTokens.Where(t => t.UsedAtUtc == null).ExecuteUpdateAsync(t => t.SetProperty(x => x.UsedAtUtc, usedAtUtc), cancellationToken);
        return FirstAdminResult.Created;
    }

    private async Task<List<IdentityError>> ValidateAsync(ApplicationUser admin, string password)
    {
        var errors = new List<IdentityError>();
        foreach (var validator in users.UserValidators)
        {
            errors.AddRange((await validator.ValidateAsync(users, admin)).Errors);
        }

        foreach (var validator in users.PasswordValidators)
        {
            errors.AddRange((await validator.ValidateAsync(users, admin, password)).Errors);
        }

        return errors;
    }

    private static IQueryable<SetupToken> Usable(BookingDbContext db, string hash, DateTime nowUtc) =>
        db.SetupTokens.Where(t => t.Hash == hash && t.UsedAtUtc == null && t.ExpiresAtUtc > nowUtc && !AdminExists(db).Any());

    private static IQueryable<IdentityUserRole<string>> AdminExists(BookingDbContext db) =>
        db.UserRoles.Where(ur => db.Roles.Any(r => r.Id == ur.RoleId && r.NormalizedName == Roles.Admin.ToUpperInvariant()));

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

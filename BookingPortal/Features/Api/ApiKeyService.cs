namespace BookingPortal.Features.Api;

/// <summary>A key as its owner sees it in their profile: never the key itself, which is shown once.</summary>
public sealed record ApiKeyRow(long Id, string Name, string Prefix, ApiScopes Scopes, DateTime CreatedAtUtc, DateTime? LastUsedAtUtc, DateTime? RevokedAtUtc);

/// <summary>A freshly created key: <see cref="Secret"/> exists only in this answer.</summary>
public sealed record CreatedApiKey(ApiKeyRow Key, string Secret);

/// <summary>Why a key was not made. The profile page puts it in the reader's words (<see cref="ApiKeyText"/>).</summary>
public enum ApiKeyRefusal
{
    NameMissing,
    NoScope,
    AdminScopeForStaffOnly,
    TooManyKeys,

    /// <summary>The same form already made a key (<see cref="ApiKeyProblem.KeyName"/>): a double click, a browser's resend.</summary>
    FormSentTwice,
    FormOutOfDate,
}

/// <summary>A refusal beside the form field it concerns.</summary>
public sealed record ApiKeyProblem(string Field, ApiKeyRefusal Refusal, string? KeyName = null);

/// <summary>Who an API request acts as, found from its key.</summary>
public sealed record ApiCaller(long KeyId, string OwnerId, ApiScopes Scopes, bool IsStaff);

/// <summary>Creates, lists, revokes and recognises personal API keys (stored as SHA-256 hashes).</summary>
[SingletonService]
public sealed class ApiKeyService(IDbContextFactory<BookingDbContext> dbFactory, TimeProvider time)
{
    /// <summary>Marks keys as ours in logs and secret scanners; the rest is 32 random bytes.</summary>
    public const string KeyMarker = "bpk_";
    public const int MaxKeysPerOwner = 20;
    private const int PrefixLength = 12;

    public async Task<IReadOnlyList<ApiKeyRow>> ListAsync(string ownerId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ApiKeys.AsNoTracking()
            .Where(k => k.OwnerId == ownerId)
            .OrderByDescending(k => k.CreatedAtUtc)
            .Select(k => new ApiKeyRow(k.Id, k.Name, k.Prefix, k.Scopes, k.CreatedAtUtc, k.LastUsedAtUtc, k.RevokedAtUtc))
            .ToListAsync(cancellationToken);
    }

    /// <summary>A fresh token for one profile form: sending that form again cannot make a second key.</summary>
    public static string NewFormToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(ApiKey.FormTokenLength / 2));

    /// <summary>Creates a key with the scopes asked for; the admin scope needs a staff owner.</summary>
    /// <param name="formToken">The form's one-time token (<see cref="NewFormToken"/>); a second key with it is refused.</param>
    /// <returns>The key, or the problems (by field name) that refused it.</returns>
    public async Task<(CreatedApiKey? Created, IReadOnlyList<ApiKeyProblem> Errors)> CreateAsync(
        string ownerId, string? name, ApiScopes scopes, string? formToken = null, CancellationToken cancellationToken = default)
    {
        if (formToken is { Length: not ApiKey.FormTokenLength })
        {
            return (null, [new ApiKeyProblem("Name", ApiKeyRefusal.FormOutOfDate)]);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await AlreadySentAsync(db, ownerId, formToken, cancellationToken) is { } sent)
        {
            return (null, [sent]);
        }

        var errors = await RefusalsAsync(db, ownerId, name, scopes, cancellationToken);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var (key, secret) = NewKey(ownerId, name!.Trim(), scopes, formToken);
        db.ApiKeys.Add(key);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException failure) when (formToken is not null && !cancellationToken.IsCancellationRequested)
        {
            // Both sendings of one form passed the check at once; the unique index let the first in.
            await using var fresh = await dbFactory.CreateDbContextAsync(cancellationToken);
            return (null, [await AlreadySentAsync(fresh, ownerId, formToken, cancellationToken) ?? throw new InvalidOperationException("The key could not be saved.", failure)]);
        }

        return (new CreatedApiKey(new ApiKeyRow(key.Id, key.Name, key.Prefix, key.Scopes, key.CreatedAtUtc, null, null), secret), []);
    }

    private (ApiKey Key, string Secret) NewKey(string ownerId, string name, ApiScopes scopes, string? formToken)
    {
        var secret = KeyMarker + Base64Url(RandomNumberGenerator.GetBytes(32));
        return (new ApiKey
        {
            OwnerId = ownerId,
            Name = name,
            Prefix = secret[..PrefixLength],
            Hash = HashOf(secret),
            Scopes = scopes,
            CreatedAtUtc = time.GetUtcNow().UtcDateTime,
            FormToken = formToken,
        }, secret);
    }

    /// <summary>The refusal for a form that already made a key, naming that key; null when it made none.</summary>
    private static async Task<ApiKeyProblem?> AlreadySentAsync(BookingDbContext db, string ownerId, string? formToken, CancellationToken cancellationToken)
    {
        if (formToken is null)
        {
            return null;
        }

        var made = await db.ApiKeys.Where(k => k.OwnerId == ownerId && k.FormToken == formToken).Select(k => k.Name).FirstOrDefaultAsync(cancellationToken);
        return made is null ? null : new ApiKeyProblem("Name", ApiKeyRefusal.FormSentTwice, made);
    }

    /// <summary>Why a key with this name and these scopes cannot be created for the owner, by field.</summary>
    private static async Task<List<ApiKeyProblem>> RefusalsAsync(BookingDbContext db, string ownerId, string? name, ApiScopes scopes, CancellationToken cancellationToken)
    {
        var isStaff = await Roles.IsStaffAsync(db, ownerId, cancellationToken);
        var errors = new List<ApiKeyProblem>();
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100)
        {
            errors.Add(new ApiKeyProblem("Name", ApiKeyRefusal.NameMissing));
        }

        if (scopes == ApiScopes.None || (scopes & ~(ApiScopes.Read | ApiScopes.Book | ApiScopes.Admin)) != 0)
        {
            errors.Add(new ApiKeyProblem("Scopes", ApiKeyRefusal.NoScope));
        }
        else if (scopes.HasFlag(ApiScopes.Admin) && !isStaff)
        {
            errors.Add(new ApiKeyProblem("Scopes", ApiKeyRefusal.AdminScopeForStaffOnly));
        }

        if (await db.ApiKeys.CountAsync(k => k.OwnerId == ownerId && k.RevokedAtUtc == null, cancellationToken) >= MaxKeysPerOwner)
        {
            errors.Add(new ApiKeyProblem("Name", ApiKeyRefusal.TooManyKeys));
        }

        return errors;
    }

    /// <returns>False when the owner has no such active key.</returns>
    public async Task<bool> RevokeAsync(string ownerId, long keyId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var nowUtc = time.GetUtcNow().UtcDateTime;
        return await db.ApiKeys
            .Where(k => k.Id == keyId && k.OwnerId == ownerId && k.RevokedAtUtc == null)
            .ExecuteUpdateAsync(k => k.SetProperty(x => x.RevokedAtUtc, nowUtc), cancellationToken) == 1;
    }

    /// <summary>
    /// The caller a presented key stands for, or null for an unknown or revoked key, or one whose account is closed:
    /// closing removes the account's keys, but a second device's cookie (checked again only after 30 minutes) could
    /// still make one after that, and it read the closed account's bookings.
    /// </summary>
    public async Task<ApiCaller?> AuthenticateAsync(string presented, CancellationToken cancellationToken = default)
    {
        if (!presented.StartsWith(KeyMarker, StringComparison.Ordinal) || presented.Length > 100)
        {
            return null;
        }

        var hash = HashOf(presented);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var key = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(
            k => k.Hash == hash && k.RevokedAtUtc == null && db.Users.Any(u => u.Id == k.OwnerId && u.DeletedAtUtc == null), cancellationToken);
        if (key is null)
        {
            return null;
        }

        // A staff member who lost the role keeps a key that can only do what a customer can.
        var isStaff = await Roles.IsStaffAsync(db, key.OwnerId, cancellationToken);
        var scopes = isStaff ? key.Scopes : key.Scopes & ~ApiScopes.Admin;
        var nowUtc = time.GetUtcNow().UtcDateTime;
        if (key.LastUsedAtUtc is null || nowUtc - key.LastUsedAtUtc > TimeSpan.FromMinutes(1))
        {
            await db.ApiKeys.Where(k => k.Id == key.Id).ExecuteUpdateAsync(k => k.SetProperty(x => x.LastUsedAtUtc, nowUtc), cancellationToken);
        }

        return new ApiCaller(key.Id, key.OwnerId, scopes, isStaff);
    }

    private static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

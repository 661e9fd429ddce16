using BookingPortal.Features.Audit;
using BookingPortal.Features.Localization;
using BookingPortal.Features.Staff;
using BookingPortal.Features.Webhooks;

namespace BookingPortal.Features.Practitioners;

/// <summary>
/// Busy time from a practitioner's own calendar (the .ics address Google or Outlook publishes): the address is
/// checked like a webhook's (https, public addresses only), and fetched with the same guarded client, which checks
/// every address it connects to again; each read replaces that practitioner's busy periods in one transaction.
/// </summary>
[ScopedService]
public sealed class BusyFeedService(
    IDbContextFactory<BookingDbContext> dbFactory, IHttpClientFactory clients, WebhookUrlPolicy urls, BusyFeedStatus status,
    AuditLog audit, TimeProvider time, IStringLocalizer<PractitionersText> text, ILogger<BusyFeedService> logger)
{
    public const string ClientName = "PractitionerBusyFeeds";
    public const string Source = "ics-feed";
    public const int MaxFeedBytes = 2 * 1024 * 1024;
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(120);

    /// <summary>What staff see of a saved address: where it points, never the secret in it; null when there is none.</summary>
    public static string? HostOf(string? address) =>
        address is null ? null : Uri.TryCreate(address, UriKind.Absolute, out var uri) ? uri.Host : "?";

    /// <summary>Sets or (with an empty address) removes the feed; a new address is read at once.</summary>
    public async Task<SaveResult> SetUrlAsync(StaffActor actor, int practitionerId, string? url, CancellationToken cancellationToken = default)
    {
        actor.EnsureStaff();
        // Calendar apps hand out webcal:// addresses; they are https underneath.
        var address = string.IsNullOrWhiteSpace(url) ? null : System.Text.RegularExpressions.Regex.Replace(url.Trim(), "^webcals?://", "https://", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        if (address is not null && await urls.CheckAsync(address, cancellationToken) is { } problem)
        {
            return SaveResult.Invalid([new FieldError("ExternalBusyFeedUrl", text["This calendar address cannot be used: {0}", FieldErrorText.For(problem, text)])]);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var changed = await db.Practitioners.Where(p => p.Id == practitionerId)
            .ExecuteUpdateAsync(p => p.SetProperty(x => x.ExternalBusyFeedUrl, address), cancellationToken);
        if (address is null)
        {
            await db.PractitionerBusyPeriods.Where(b => b.PractitionerId == practitionerId && b.Source == Source).ExecuteDeleteAsync(cancellationToken);
        }

        audit.Record(db, actor, "practitioner.busy_feed_set", $"practitioner {practitionerId}", address is null ? "removed" : "set");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (changed == 1 && address is not null)
        {
            await RefreshAsync(practitionerId, address, cancellationToken);
        }

        return new SaveResult(practitionerId, []);
    }

    /// <summary>The job's work: every active practitioner with a feed, one after another.</summary>
    public async Task RefreshAllAsync(CancellationToken cancellationToken = default)
    {
        List<(int Id, string Url)> feeds;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            feeds = (await db.Practitioners.AsNoTracking().Where(p => p.IsActive && p.ExternalBusyFeedUrl != null)
                .Select(p => new { p.Id, p.ExternalBusyFeedUrl }).ToListAsync(cancellationToken))
                .Select(p => (p.Id, p.ExternalBusyFeedUrl!)).ToList();
        }

        foreach (var (id, url) in feeds)
        {
            await RefreshAsync(id, url, cancellationToken);
        }
    }

    /// <returns>The read's outcome; a failed read keeps the periods of the last good one.</returns>
    public async Task<BusyFeedRead> RefreshAsync(int practitionerId, string url, CancellationToken cancellationToken = default)
    {
        var nowUtc = time.GetUtcNow().UtcDateTime;
        BusyFeedRead read;
        try
        {
            var ics = await FetchAsync(url, cancellationToken);
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var zone = TimeZoneCache.Find(await PractitionerZone.OfAsync(db, practitionerId, cancellationToken));
            var periods = BusyFeedParser.Parse(ics, nowUtc.AddDays(-1), nowUtc + Horizon, zone);
            read = periods is null
                ? new BusyFeedRead(nowUtc, 0, text["The address did not answer with a calendar (.ics)."])
                : new BusyFeedRead(nowUtc, await ReplaceAsync(db, practitionerId, url, periods, cancellationToken), null);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidDataException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Reading practitioner {PractitionerId}'s outside calendar failed: {Error}", practitionerId, e.Message);
            read = new BusyFeedRead(nowUtc, 0, text["The calendar could not be read: {0}", e.Message]);
        }

        status.Record(practitionerId, read);
        return read;
    }

    private async Task<string> FetchAsync(string url, CancellationToken cancellationToken)
    {
        using var response = await clients.CreateClient(ClientName).GetAsync(url, HttpCompletionOption.ResponseContentRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{(int)response.StatusCode} {response.ReasonPhrase}");
        }

        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    /// <summary>
    /// Only while <paramref name="url"/> is still the practitioner's feed, checked holding their row: a read that ends after
    /// staff disconnected the calendar (or gave another address) would otherwise put back periods nothing would clear again.
    /// </summary>
    private static async Task<int> ReplaceAsync(BookingDbContext db, int practitionerId, string url, IReadOnlyList<BusyPeriod> periods, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.Practitioners.Where(p => p.Id == practitionerId && p.ExternalBusyFeedUrl == url)
                .ExecuteUpdateAsync(p => p.SetProperty(x => x.LockVersion, x => x.LockVersion + 1), cancellationToken) == 0)
        {
            return 0;
        }

        await db.PractitionerBusyPeriods.Where(b => b.PractitionerId == practitionerId && b.Source == Source).ExecuteDeleteAsync(cancellationToken);
        db.PractitionerBusyPeriods.AddRange(periods.Select(p => new PractitionerBusyPeriod { PractitionerId = practitionerId, StartUtc = p.StartUtc, EndUtc = p.EndUtc, Source = Source }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return periods.Count;
    }
}

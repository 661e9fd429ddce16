using System.Diagnostics.Metrics;

namespace BookingPortal.Features.Notifications;

/// <summary>
/// Messages waiting and failed, per channel: the outbox backing up is the first sign that a
/// provider is down. A scrape reads the last count and, when it is older than
/// <see cref="MaxAge"/>, starts one grouped count on the (Status, NextAttemptAtUtc) index in the
/// background, so scrapers never wait for the database and never load it more than once per interval.
/// </summary>
public sealed class OutboxMetrics : IHostedService
{
    public const string MessagesName = "bookingportal.outbox.messages";
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(15);

    private readonly IDbContextFactory<BookingDbContext> dbFactory;
    private readonly TimeProvider time;
    private readonly ILogger<OutboxMetrics> logger;
    private IReadOnlyList<Measurement<int>> last = [];
    private DateTimeOffset countedAt = DateTimeOffset.MinValue;
    private int counting;

    public OutboxMetrics(IMeterFactory meters, IDbContextFactory<BookingDbContext> dbFactory, TimeProvider time, ILogger<OutboxMetrics> logger)
    {
        (this.dbFactory, this.time, this.logger) = (dbFactory, time, logger);
        meters.Create("BookingPortal.Notifications").CreateObservableGauge(MessagesName, Observe, "{message}", "Outbox messages pending or failed, per channel.");
    }

    public Task StartAsync(CancellationToken cancellationToken) => RefreshAsync();

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private IEnumerable<Measurement<int>> Observe()
    {
        if (time.GetUtcNow() - countedAt > MaxAge && Interlocked.Exchange(ref counting, 1) == 0)
        {
            _ = Task.Run(RefreshAsync);
        }

        return last;
    }

    private async Task RefreshAsync()
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            var counts = await db.OutboxMessages.Where(m => m.Status == OutboxStatus.Pending)
                .Concat(db.OutboxMessages.Where(OutboxMessage.FailedToRetry))
                .GroupBy(m => new { m.Channel, m.Status })
                .Select(g => new { g.Key.Channel, g.Key.Status, Count = g.Count() })
                .ToListAsync();
            // Every channel and state appears, zero included, so a drained outbox reads 0 rather than vanishing.
            last = Enum.GetValues<NotificationChannel>()
                .SelectMany(channel => new[] { OutboxStatus.Pending, OutboxStatus.Failed }.Select(status => new Measurement<int>(
                    counts.Where(c => c.Channel == channel && c.Status == status).Sum(c => c.Count),
                    new("channel", channel.ToString()), new("status", status.ToString()))))
                .ToList();
            countedAt = time.GetUtcNow();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not count the outbox for the metrics; the last count stands.");
        }
        finally
        {
            Interlocked.Exchange(ref counting, 0);
        }
    }
}

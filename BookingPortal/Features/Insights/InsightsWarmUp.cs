using System.Diagnostics;
using BookingPortal.Features.Insights.Components;
using BookingPortal.Features.Staff;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace BookingPortal.Features.Insights;

public enum InsightsWarmUpOutcome
{
    Off,
    Warmed,
    GaveUp,
    Stopped,
}

/// <summary>
/// The first Insights page after a start took over a second more than the next ones: EF Core compiling its queries,
/// the JIT compiling EF Core's query pipeline, MudBlazor's charts and the pages' own code, and the database's first
/// plans (benchmarks/RESULTS.md, "cold first load"). Once the portal has started, this does that work once, off any
/// request: it asks for each page's figures the way the page does and renders their charts, then drops them (nothing is
/// kept, so no one is ever shown these figures). Readiness does not wait for it: the portal serves correctly without it,
/// only the first Insights page is slower. A slow or failing database makes it log and give up, never stop the portal.
/// </summary>
[SingletonService]
public sealed class InsightsWarmUp(
    IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, IOptions<InsightsWarmUpOptions> options, ILoggerFactory loggers) : BackgroundService
{
    /// <summary>The weeks the trend and demand pages show when they open.</summary>
    private const int WeeksShownFirst = 12;

    private static readonly StaffActor WarmUpActor = new("insights-warm-up", "insights-warm-up", IsStaff: true, IsAdmin: false);
    private readonly TaskCompletionSource<InsightsWarmUpOutcome> finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ILogger logger = loggers.CreateLogger<InsightsWarmUp>();

    /// <summary>Completes when the warm-up has run, given up, or was never to run.</summary>
    public Task<InsightsWarmUpOutcome> Finished => finished.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            finished.TrySetResult(InsightsWarmUpOutcome.Off);
            return;
        }

        try
        {
            await WhenStartedAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            finished.TrySetResult(InsightsWarmUpOutcome.Stopped);
            return;
        }

        finished.TrySetResult(await RunAsync(stoppingToken));
    }

    /// <summary>A portal stopped before this ran at all (a host may then never call <see cref="ExecuteAsync"/>) has nothing to wait for.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        finished.TrySetResult(InsightsWarmUpOutcome.Stopped);
    }

    /// <summary>After start-up, so the portal takes requests (and reports ready) without waiting for this.</summary>
    private async Task WhenStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);
    }

    internal async Task<InsightsWarmUpOutcome> RunAsync(CancellationToken stoppingToken)
    {
        var watch = Stopwatch.StartNew();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        limit.CancelAfter(options.Value.Timeout);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var charts = await WarmAsync(scope.ServiceProvider, limit.Token);
            logger.LogInformation("Insights warmed up in {Milliseconds} ms ({Charts} charts drawn and dropped).", watch.ElapsedMilliseconds, charts);
            return InsightsWarmUpOutcome.Warmed;
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            return InsightsWarmUpOutcome.Stopped;
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Insights warm-up gave up after {Milliseconds} ms (limit {Limit}); the portal runs on, the first Insights page will be slower.",
                watch.ElapsedMilliseconds, options.Value.Timeout);
            return InsightsWarmUpOutcome.GaveUp;
        }
    }

    /// <summary>Each page's figures as the page opens them (the first service by name, the latest opening), then their charts drawn.</summary>
    private async Task<int> WarmAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var text = services.GetRequiredService<IStringLocalizer<InsightsText>>();
        var choices = services.GetRequiredService<InsightsChoices>();
        var serviceId = (await choices.ServicesAsync(WarmUpActor, cancellationToken)).FirstOrDefault()?.Id ?? 0;
        var figures = new List<ChartFigure>();
        if (await services.GetRequiredService<BookingTrendsQueries>().GetAsync(WarmUpActor, serviceId, WeeksShownFirst, cancellationToken) is { } trends)
        {
            figures.AddRange(new TrendCharts(text).For(trends));
        }

        if (await services.GetRequiredService<DemandQueries>().GetAsync(WarmUpActor, serviceId, WeeksShownFirst, cancellationToken) is { } demand)
        {
            figures.AddRange(new DemandCharts(text).For(demand));
        }

        var latest = (await choices.OpeningsAsync(WarmUpActor, cancellationToken)).FirstOrDefault();
        if (latest is not null && await services.GetRequiredService<OpeningInsightsQueries>().GetAsync(WarmUpActor, latest.OpeningId, cancellationToken) is { } opening)
        {
            figures.AddRange(new OpeningCharts(text).For(opening));
        }

        await DrawAsync(services, figures, cancellationToken);
        return figures.Count;
    }

    private async Task DrawAsync(IServiceProvider services, IReadOnlyList<ChartFigure> figures, CancellationToken cancellationToken)
    {
        await using var renderer = new HtmlRenderer(services, loggers);
        foreach (var figure in figures)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await renderer.Dispatcher.InvokeAsync(async () =>
                (await renderer.RenderComponentAsync<InsightsChart>(ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(InsightsChart.Figure)] = figure }))).ToHtmlString());
        }
    }
}

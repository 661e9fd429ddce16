using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BookingPortal.Infrastructure.Telemetry;

/// <summary>
/// Times every SQL command EF Core runs, on every provider (SQLite has no tracing of its own), from
/// EF Core's diagnostic events: the database's latency as the portal feels it.
/// </summary>
public sealed class DatabaseCommandMetrics : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
{
    public static readonly Meter Meter = new("BookingPortal.Database");

    public const string DurationName = "bookingportal.db.command.duration";

    private static readonly Histogram<double> Duration = Meter.CreateHistogram(DurationName, "s", "Time of one SQL command, as EF Core measured it.", advice: SecondsBuckets.Advice);

    private static int subscribed;

    /// <summary>Subscribes once per process: the diagnostic events are process-wide.</summary>
    public static void SubscribeOnce()
    {
        if (Interlocked.Exchange(ref subscribed, 1) == 0)
        {
            DiagnosticListener.AllListeners.Subscribe(new DatabaseCommandMetrics());
        }
    }

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
        {
            listener.Subscribe(this, name => name == RelationalEventId.CommandExecuted.Name || name == RelationalEventId.CommandError.Name);
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Value is CommandEndEventData command)
        {
            Duration.Record(command.Duration.TotalSeconds, new KeyValuePair<string, object?>("failed", value.Key == RelationalEventId.CommandError.Name));
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }
}

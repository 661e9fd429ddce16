using System.Diagnostics;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace InsightsBenchmark;

/// <summary>
/// Splits a page load into EF Core's own work and the database's, from EF Core's DiagnosticSource events: query
/// compilation (from "compiling query" to its first command being sent: translation, SQL generation and compiling the
/// shaper), SQL execution (each command until it returns its first row) and reading (readers open after that). Only the calls made in a flow marked
/// with <see cref="Measure"/> count, so a warm-up running at the same time is not mixed in.
/// </summary>
internal sealed class EfTimings : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
{
    private static readonly AsyncLocal<bool> Measured = new();
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly Lock gate = new();
    private TimeSpan? compilingSince;

    public TimeSpan Compile { get; private set; }

    public TimeSpan Sql { get; private set; }

    /// <summary>How long readers were open after their command returned: the rows streamed and materialised.</summary>
    public TimeSpan Reading { get; private set; }

    public int Compilations { get; private set; }

    public int Commands { get; private set; }

    /// <summary>What was counted so far, for a caller that goes on measuring.</summary>
    public (TimeSpan Compile, TimeSpan Sql, TimeSpan Reading, int Compilations, int Commands) Snapshot()
    {
        lock (gate)
        {
            return (Compile, Sql, Reading, Compilations, Commands);
        }
    }

    public static EfTimings Listen()
    {
        var timings = new EfTimings();
        DiagnosticListener.AllListeners.Subscribe(timings);
        return timings;
    }

    /// <summary>Counts what this flow (and what it awaits) does from now on; the counts start again from zero.</summary>
    public void Measure()
    {
        Measured.Value = true;
        lock (gate)
        {
            (Compile, Sql, Reading, Compilations, Commands, compilingSince) = (TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, 0, 0, null);
        }
    }

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == "Microsoft.EntityFrameworkCore")
        {
            value.Subscribe(this);
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (!Measured.Value)
        {
            return;
        }

        lock (gate)
        {
            if (value.Key == CoreEventId.QueryCompilationStarting.Name)
            {
                compilingSince = clock.Elapsed;
                Compilations++;
            }
            else if (value.Key == RelationalEventId.CommandExecuting.Name && compilingSince is { } since)
            {
                Compile += clock.Elapsed - since;
                compilingSince = null;
            }
            else if (value.Key == RelationalEventId.CommandExecuted.Name && value.Value is CommandExecutedEventData executed)
            {
                Sql += executed.Duration;
                Commands++;
            }
            else if (value.Key == RelationalEventId.DataReaderDisposing.Name && value.Value is DataReaderDisposingEventData reader)
            {
                Reading += reader.Duration;
            }
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }
}

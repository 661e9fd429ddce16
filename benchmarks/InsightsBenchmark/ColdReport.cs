using BookingPortal.Data;

namespace InsightsBenchmark;

/// <summary>The --cold run's section of RESULTS.md, with the machine's load average before and after (the machine is shared).</summary>
internal static class ColdReport
{
    public static async Task AppendAsync(BenchmarkOptions options, string[] args, List<(DatabaseProvider Provider, string Connection, int ServiceId, long OpeningId)> databases, string loadBefore)
    {
        var rows = new List<string>();
        foreach (var (provider, connection, serviceId, openingId) in databases)
        {
            rows.AddRange(await ColdStart.RunAsync(provider, connection, serviceId, openingId));
        }

        var loadAfter = await File.ReadAllTextAsync("/proc/loadavg");
        var report = $"""

            ## Insights, cold first load{options.LabelSuffix}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC

            Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; the app hosted in a fresh benchmark process per row (Release), PostgreSQL from `tools/with-postgres.sh`. `cat /proc/loadavg` before: `{loadBefore.Trim()}`, after: `{loadAfter.Trim()}`.
            Command: `tools/with-postgres.sh dotnet run -c Release --project benchmarks/InsightsBenchmark -- {string.Join(' ', args)}`

            The history of the Insights rows above (200,000 appointments). Each row is a new process: start-up = the portal built and started (migrations checked, EF Core's model built, hosted services started); then one page as a staff member opens it first — its choices, its figures, its charts' series and tables (first load) and its charts' markup (first render; MudBlazor's SVG via HtmlRenderer, the circuit itself not included) — then the same again (second, warm). EF compile = from "compiling query" to its first command (translation, SQL generation, shaper), with the number of queries compiled; SQL = each command until it returns (first row), with the number of commands; reading = readers open after that (rows streamed and materialised); rest = the remainder of the first load (JIT of the app's and libraries' code, connections, building the series). Goal: first load + render under a second.

            | database | page | start-up | waited for warm-up | first load + render | first load | EF compile (queries) | SQL (commands) | reading | rest | first render | second load + render |
            | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
            {string.Join('\n', rows)}
            """;
        var resultsFile = Path.Combine(Benchmark.RepositoryRoot(), "benchmarks", "RESULTS.md");
        await File.AppendAllTextAsync(resultsFile, report + "\n");
        Console.WriteLine($"Appended to {resultsFile}");
    }
}

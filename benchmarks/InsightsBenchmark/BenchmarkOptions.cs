namespace InsightsBenchmark;

/// <summary>
/// --reuse NAME keeps the databases (a SQLite file in the temp folder, a PostgreSQL database in the running cluster) and seeds
/// them only when empty; --seed-only stops after seeding; --label TEXT names the run in RESULTS.md. Together they time a build
/// before and after a change on the very same rows, back to back, in one tools/with-postgres.sh session. --cold times the first
/// load of each page in a freshly started portal instead (see ColdStart).
/// </summary>
internal sealed record BenchmarkOptions(string? Reuse, bool SeedOnly, string? Label, bool Cold)
{
    public string LabelSuffix => Label is null ? "" : $" ({Label})";

    public static BenchmarkOptions Parse(string[] args)
    {
        string? Value(string name)
        {
            var at = Array.IndexOf(args, name);
            return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
        }

        var reuse = Value("--reuse");
        if (reuse is not null && !reuse.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException("--reuse takes letters and digits only (it names a file and a database).");
        }

        return new BenchmarkOptions(reuse, args.Contains("--seed-only"), Value("--label"), args.Contains("--cold"));
    }
}

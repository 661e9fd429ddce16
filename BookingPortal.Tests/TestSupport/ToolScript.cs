namespace BookingPortal.Tests.TestSupport;

/// <summary>Runs one of the operator's scripts under tools/ as an operator would, from the repository's root.</summary>
public static class ToolScript
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    public sealed record Run(int ExitCode, string Output, string Errors)
    {
        public override string ToString() => $"exit {ExitCode}\n{Output}\n{Errors}";
    }

    /// <summary>Starts the script before it returns (so a test can act while it runs), and ends it past a generous limit.</summary>
    public static async Task<Run> RunAsync(string script, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(RepositoryRoot.Path, "tools", script))
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryRoot.Path,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"tools/{script} ran past {Limit}:\n{await output}\n{await errors}");
        }

        return new Run(process.ExitCode, await output, await errors);
    }
}

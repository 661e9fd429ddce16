namespace BookingPortal.Tests.EndToEnd;

/// <summary>
/// The `dotnet publish -c Release` output the deployment tests run. ./test.sh publishes once and
/// names the folder in <see cref="VariableName"/>; a run outside it publishes here, once per test
/// run (a minute or two), rather than test a stale or missing artifact.
/// </summary>
public static class PublishedBuild
{
    public const string VariableName = "BOOKINGPORTAL_PUBLISHED";
    private static readonly Lazy<Task<string>> Folder = new(FindOrPublishAsync);

    public static Task<string> FolderAsync() => Folder.Value;

    private static async Task<string> FindOrPublishAsync()
    {
        if (Environment.GetEnvironmentVariable(VariableName) is { Length: > 0 } given)
        {
            return File.Exists(Path.Combine(given, "BookingPortal.dll"))
                ? given
                : throw new InvalidOperationException($"{VariableName} names {given}, which holds no BookingPortal.dll: ./test.sh publishes there before the tests.");
        }

        var folder = Path.Combine(RepositoryRoot.Path, "artifacts", "test-publish");
        var publish = new ProcessStartInfo("dotnet") { WorkingDirectory = RepositoryRoot.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "publish", "BookingPortal", "-c", "Release", "-o", folder, "-nologo", "-clp:ErrorsOnly" })
        {
            publish.ArgumentList.Add(argument);
        }

        using var process = Process.Start(publish)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0
            ? folder
            : throw new InvalidOperationException($"dotnet publish failed ({process.ExitCode}):\n{await output}\n{await errors}");
    }
}

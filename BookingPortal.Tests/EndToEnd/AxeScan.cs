using System.Reflection;

namespace BookingPortal.Tests.EndToEnd;

/// <summary>
/// Runs axe-core (the newest release, which the test project fetches from the npm registry: see its csproj) in the
/// page itself. Deque's Playwright wrapper runs axe per frame and then finishes the run in a new browser page it opens
/// for each scan: the isolation that cross-origin frames need, and 2–3.5 s of each 2.3–3.7 s scan on the Insights
/// pages, where axe itself took 0.2–0.35 s. The portal's pages have no frames, and a scan fails if one appears, so nothing goes unscanned.
/// </summary>
internal static class AxeScan
{
    private static readonly Lazy<string> Axe = new(() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "axe.min.js")));

    private static readonly string Version = typeof(AxeScan).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "AxeCoreVersion").Value!;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public sealed record Violation(string Id, string Impact, string Help, IReadOnlyList<string> Nodes);

    /// <param name="Passes">How many rules found something to check and passed it.</param>
    public sealed record Result(int Passes, IReadOnlyList<Violation> Violations);

    /// <param name="alsoEnabled">Rules axe leaves off by default, to run as well.</param>
    public static async Task<Result> RunAsync(IPage page, IReadOnlyCollection<string> alsoEnabled)
    {
        page.Frames.Should().ContainSingle("a frame would need Deque's isolated run to be scanned");
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe?.run === 'function'"))
        {
            // A navigation starts a new window, so the script goes in again after each one.
            await page.EvaluateAsync($"() => {{ {Axe.Value} }}");
            (await page.EvaluateAsync<string>("() => axe.version")).Should().Be(Version, "the scan runs the release the test project fetched");
        }

        var json = await page.EvaluateAsync<string>("""
            async rules => {
              const result = await axe.run(document, {
                resultTypes: ['violations'],
                rules: Object.fromEntries(rules.map(id => [id, { enabled: true }])),
              });
              return JSON.stringify({
                passes: result.passes.length,
                violations: result.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.html) })),
              });
            }
            """, alsoEnabled);
        return JsonSerializer.Deserialize<Result>(json, Json)!;
    }
}

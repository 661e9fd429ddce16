using System.Globalization;
using BookingPortal.Features.Queue;
using Microsoft.Playwright;

// Measures the waiting room's proof of work where it runs: the portal's own worker script
// (wwwroot/js/proof-of-work-worker.js) in this machine's headless Chromium, served from a
// localhost origin (Web Crypto needs a secure context), at each difficulty. Then prices 1,000
// joins from one address against 1,000 people on 1,000 networks with the portal's own rules.
// Usage: dotnet run -c Release --project benchmarks/ProofOfWorkBenchmark [trials per difficulty, default 8]
var trials = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 8;
var scripts = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../BookingPortal/wwwroot/js"));
using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ["--no-sandbox", "--disable-gpu"] });
var page = await browser.NewPageAsync();
await page.RouteAsync("http://localhost/**", route => route.FulfillAsync(route.Request.Url.EndsWith(".js", StringComparison.Ordinal)
    ? new() { ContentType = "text/javascript", Path = Path.Combine(scripts, Path.GetFileName(new Uri(route.Request.Url).AbsolutePath)) }
    : new() { ContentType = "text/html", Body = "<!doctype html><title>pow</title>" }));
await page.GotoAsync("http://localhost/");

Console.WriteLine($"Chromium {browser.Version}, {Environment.ProcessorCount} cores, {trials} challenges per difficulty");
Console.WriteLine("| Difficulty (bits) | Mean solve (s) | Median (s) | Max (s) | Hashes/s |");
Console.WriteLine("|---|---|---|---|---|");
var hashesPerSecond = new List<double>();

foreach (var difficulty in new[] { 12, 14, 16, 18, 20 })
{
    var runs = new List<(double Seconds, double Hashes)>();
    for (var i = 0; i < trials; i++)
    {
        var result = await page.EvaluateAsync<SolveResult>(
            "async ([c, d]) => { const m = await import('/js/proof-of-work.js'); return await m.solve(c, d); }",
            new object[] { ProofOfWorkRules.NewChallenge(), difficulty });
        runs.Add((result.Milliseconds / 1000, result.Hashes));
    }

    var seconds = runs.Select(r => r.Seconds).Order().ToList();

    hashesPerSecond.Add(runs.Sum(r => r.Hashes) / runs.Sum(r => r.Seconds));
    Console.WriteLine($"| {difficulty} | {seconds.Average():0.000} | {seconds[seconds.Count / 2]:0.000} | {seconds[^1]:0.000} | {hashesPerSecond[^1]:N0} |");
}

// Expected work is 2^difficulty hashes; price it at the rate this Chromium reached.
var rate = hashesPerSecond.Average();
var options = new ProofOfWorkOptions();
double Work(int difficulty) => Math.Pow(2, difficulty);
var oneNetwork = Enumerable.Range(0, 1_000).Sum(k => Work(ProofOfWorkRules.Difficulty(options, k, k)));
var manyNetworks = Enumerable.Range(0, 1_000).Sum(k => Work(ProofOfWorkRules.Difficulty(options, 0, k)));
Console.WriteLine();
Console.WriteLine($"1,000 joins from one address: {oneNetwork / rate / 60:0.0} min of one Chromium core ({oneNetwork:N0} hashes); "
    + $"1,000 people on their own networks: {manyNetworks / rate / 1000:0.00} s each. Cost multiplier per join: {oneNetwork / manyNetworks:0}x. "
    + $"The last of the 1,000 joins alone asks {ProofOfWorkRules.Difficulty(options, 999, 999)} bits (~{Work(ProofOfWorkRules.Difficulty(options, 999, 999)) / rate / 60:0.0} min).");

internal sealed class SolveResult
{
    public string Nonce { get; set; } = "";
    public double Hashes { get; set; }
    public double Milliseconds { get; set; }
}

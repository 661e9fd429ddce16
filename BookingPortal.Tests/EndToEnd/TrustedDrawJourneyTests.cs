namespace BookingPortal.Tests.EndToEnd;

/// <summary>
/// A customer joins before an opening whose release asks for a proof of work: the browser solves it, the
/// draw page shows the commitment, they rank two times, the opening admits them and books the first still free
/// (straight on to the confirmation), and tools/VerifyDraw checks the published draw against the commitment seen
/// before the opening.
/// </summary>
public class TrustedDrawJourneyTests(BrowserFixture browser, ClockPortalFixture clock) : EndToEndTest
{
    [Fact]
    public async Task Join_early_solve_the_challenge_see_the_commitment_rank_two_times_be_booked_at_admission_and_verify_the_draw()
    {
        var portal = await clock.PortalAsync();
        var opensAt = clock.Now.AddHours(1);
        var serviceId = await QueueJourneyTests.CreateQueuedServiceAsync(portal, opensAt);
        await using (var db = portal.OpenDatabase())
        {
            await db.Releases.Where(r => r.ServiceId == serviceId).ExecuteUpdateAsync(r => r.SetProperty(x => x.RequireProofOfWork, true));
        }

        var page = await browser.NewSignedInPageAsync(DemoSeeder.CustomerEmail, DemoSeeder.CustomerPassword, $"services/{serviceId}/book", portal: portal);
        await page.GetByRole(AriaRole.Button, new() { Name = "Join the waiting room" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=proof-of-work]")).ToHaveAttributeAsync("data-state", "Counted", new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("[data-testid=draw-receipt]")).ToContainTextAsync("drawn at the opening");

        var drawPage = await browser.NewPageAsync(portal: portal);
        await drawPage.GotoAsync($"services/{serviceId}/draw");
        var commitment = await drawPage.Locator("[data-testid=draw-commitment]").InnerTextAsync();
        commitment.Should().MatchRegex("^[0-9a-f]{64}$");
        await BrowserFixture.ScreenshotAsync(drawPage, "44-draw-commitment");

        var (taken, second) = await RankTwoTimesAsync(page);
        await using (var db = portal.OpenDatabase())
        {
            // The first choice sells out before the turn: admission books the second.
            await db.SlotInventories.Where(i => i.ServiceId == serviceId && i.StartUtc == taken).ExecuteUpdateAsync(i => i.SetProperty(x => x.Booked, x => x.Capacity));
        }

        await clock.MoveClockAsync(opensAt.AddSeconds(1));
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/bookings/[A-Z0-9-]+$"), new() { Timeout = 15_000 });
        await using (var db = portal.OpenDatabase())
        {
            (await db.Bookings.SingleAsync(b => b.ServiceId == serviceId)).StartUtc.Should().Be(second, "booked at admission into the first free choice");
        }

        var document = Path.Combine(Path.GetTempPath(), $"draw-{Guid.NewGuid():N}.json");
        var openingId = await OpeningIdAsync(portal, serviceId);
        await File.WriteAllTextAsync(document, await (await drawPage.APIRequest.GetAsync($"api/v1/draws/{openingId}")).TextAsync());
        var (exitCode, output) = await VerifyDrawAsync(document, commitment);
        output.Should().Contain("Verified: the seed matches the commitment").And.Contain("1 drawn places");
        exitCode.Should().Be(0);
    }

    /// <summary>Ranks the sixth and seventh times on offer (hours after the opening) and saves them; returns them.</summary>
    private static async Task<(DateTime First, DateTime Second)> RankTwoTimesAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Rank up to five times" }).ClickAsync();
        await page.Locator("[data-testid=ranked-choice-0]").SelectOptionAsync(new SelectOptionValue { Index = 6 });
        await page.Locator("[data-testid=ranked-choice-1]").SelectOptionAsync(new SelectOptionValue { Index = 7 });
        await page.Locator("[data-testid=save-ranked-choices]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=ranked-choices-saved]")).ToBeVisibleAsync();
        var chosen = new List<DateTime>();
        foreach (var rank in new[] { 0, 1 })
        {
            var value = await page.Locator($"[data-testid=ranked-choice-{rank}]").InputValueAsync();
            chosen.Add(DateTime.Parse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal));
        }

        return (chosen[0], chosen[1]);
    }

    private static async Task<long> OpeningIdAsync(PortalProcess portal, int serviceId)
    {
        await using var db = portal.OpenDatabase();
        return await db.ReleaseOpenings.Where(o => db.Releases.Any(r => r.Id == o.ReleaseId && r.ServiceId == serviceId)).Select(o => o.Id).SingleAsync();
    }

    /// <summary>Runs the verifier as someone outside would: the built tool, the downloaded document, the commitment they saw.</summary>
    private static async Task<(int ExitCode, string Output)> VerifyDrawAsync(string document, string commitment)
    {
        var tool = PortalProcess.BuiltAssembly(Path.Combine("tools", "VerifyDraw"), "VerifyDraw");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { tool, document, "--commitment", commitment })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output);
    }
}

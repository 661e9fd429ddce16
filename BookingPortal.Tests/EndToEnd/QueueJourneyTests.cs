namespace BookingPortal.Tests.EndToEnd;

/// <summary>
/// Two customers in two browsers wait for a release on the shared portal whose clock the journeys move
/// (POST /testing/clock), so opening and the end of a turn come without waiting for them.
/// </summary>
public class QueueJourneyTests(BrowserFixture browser, ClockPortalFixture clock) : EndToEndTest
{
    [Fact]
    public async Task Two_customers_queue_for_a_release_see_their_places_live_one_books_and_the_other_lets_the_turn_lapse()
    {
        var portal = await clock.PortalAsync();
        var opensAt = clock.Now.AddHours(1);
        var serviceId = await CreateQueuedServiceAsync(portal, opensAt);
        var first = await browser.NewPageAsync(width: 390, height: 844, portal: portal);
        await BrowserFixture.SignInAsync(first, DemoSeeder.CustomerEmail, DemoSeeder.CustomerPassword);
        var second = await browser.NewPageAsync(width: 390, height: 844, portal: portal);
        await BrowserFixture.RegisterAsync(second, $"queue-{Guid.NewGuid():N}@example.com");

        // The waiting room's states are scanned here, where the clock brings each of them: the shared portal shows
        // them only if its tests run during a real opening.
        var accessibility = new List<string>();
        var console = new System.Collections.Concurrent.ConcurrentQueue<string>();
        first.Console += (_, m) => console.Enqueue($"first {m.Type}: {m.Text}");
        second.Console += (_, m) => console.Enqueue($"second {m.Type}: {m.Text}");
        foreach (var page in new[] { first, second })
        {
            await BrowserFixture.OpenInteractiveAsync(page, $"services/{serviceId}/book");
            await Assertions.Expect(page.Locator("[data-testid=waiting-room]")).ToHaveAttributeAsync("data-stage", "NotOpenYet");
            if (page == first)
            {
                await AccessibilityTests.ScanAsync(page, "waiting-room-not-open", accessibility);
            }

            await page.GetByTestId("turn-by-email").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Join the waiting room" }).ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=joined-early]")).ToBeVisibleAsync();
        }

        await AccessibilityTests.ScanAsync(first, "waiting-room-joined-early", accessibility);

        // "Tell me when it's my turn", ticked before joining, is kept on the place: a reload still shows it.
        await first.ReloadAsync();
        await BrowserFixture.WaitForInteractiveAsync(first);
        await Assertions.Expect(first.GetByTestId("turn-by-email")).ToBeCheckedAsync();

        await BrowserFixture.ScreenshotAsync(first, "40-queue-joined-early");
        await clock.MoveClockAsync(opensAt.AddSeconds(1));

        // One is drawn first and let in (one at a time); the other's place arrives live, without a reload.
        var firstIn = first.Locator("[data-testid=admitted]").WaitForAsync(new() { Timeout = 15_000 });
        var secondIn = second.Locator("[data-testid=admitted]").WaitForAsync(new() { Timeout = 15_000 });
        var (lucky, waiting) = await Task.WhenAny(firstIn, secondIn) == firstIn ? (first, second) : (second, first);
        await Task.WhenAny(firstIn, secondIn).Unwrap();
        try
        {
            await Assertions.Expect(waiting.Locator("[data-testid=queue-position]")).ToContainTextAsync("Your place: 1", new() { Timeout = 15_000 });
        }
        catch (PlaywrightException)
        {
            await BrowserFixture.ScreenshotAsync(waiting, "debug-waiting");
            await BrowserFixture.ScreenshotAsync(lucky, "debug-lucky");
            await File.WriteAllTextAsync(Path.Combine(BrowserFixture.ScreenshotFolder, "debug-portal.log"), portal.Output + "\n---- browser console ----\n" + string.Join("\n", console) + $"\nwaiting is {(waiting == first ? "first" : "second")}");
            throw;
        }
        await BrowserFixture.ScreenshotAsync(waiting, "41-queue-waiting");
        await AccessibilityTests.ScanAsync(waiting, "waiting-room-in-line", accessibility);
        await AccessibilityTests.ScanAsync(lucky, "waiting-room-admitted", accessibility);

        // Tomorrow, so no slot can have passed while the clock was moved.
        await DatePicker.PickAnotherDayAsync(lucky);
        await lucky.Locator("button.slot-button:not([disabled])").First.ClickAsync();
        await lucky.GetByRole(AriaRole.Button, new() { Name = "Book", Exact = true }).ClickAsync();
        await BrowserFixture.WaitForAddressAsync(lucky, "**/bookings/*");

        // The booking frees the turn: the second customer is let in live, then lets the ten minutes lapse.
        await clock.MoveClockAsync(opensAt.AddSeconds(5));
        await Assertions.Expect(waiting.Locator("[data-testid=admitted]")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        // Focus goes on from what replaced the part the customer was on: the banner at the turn, "Join again" at its end.
        await Assertions.Expect(waiting.GetByTestId("admitted-message")).ToBeFocusedAsync();
        await clock.MoveClockAsync(opensAt.AddMinutes(12));
        await Assertions.Expect(waiting.Locator("[data-testid=expired]")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(waiting.GetByRole(AriaRole.Button, new() { Name = "Join again" })).ToBeFocusedAsync();
        await BrowserFixture.ScreenshotAsync(waiting, "42-queue-turn-lapsed");
        await AccessibilityTests.ScanAsync(waiting, "waiting-room-turn-lapsed", accessibility);
        string.Join(Environment.NewLine, accessibility).Should().BeEmpty();
    }

    [Fact]
    public async Task A_visitor_waits_without_an_account_signs_in_when_the_turn_comes_and_books_on_the_same_turn()
    {
        var portal = await clock.PortalAsync();
        var opensAt = clock.Now.AddHours(1);
        var serviceId = await CreateQueuedServiceAsync(portal, opensAt, requireAuthentication: false);
        await clock.MoveClockAsync(opensAt.AddSeconds(1));
        var page = await browser.NewPageAsync(width: 390, height: 844, portal: portal);

        await BrowserFixture.OpenInteractiveAsync(page, $"services/{serviceId}/book");
        await page.GetByRole(AriaRole.Button, new() { Name = "Join the line" }).ClickAsync();
        await clock.MoveClockAsync(opensAt.AddSeconds(3));
        await Assertions.Expect(page.Locator("[data-testid=visitor-sign-in]")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("[data-testid=admitted]")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await BrowserFixture.ScreenshotAsync(page, "43-queue-visitor-turn");

        await page.Locator("[data-testid=visitor-sign-in]").GetByRole(AriaRole.Link, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByLabel("Email").FillAsync(DemoSeeder.CustomerEmail);
        await page.GetByLabel("Password").FillAsync(DemoSeeder.CustomerPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();

        // Back on the booking page, signed in, with the turn the visitor earned.
        await BrowserFixture.WaitForAddressAsync(page, $"**/services/{serviceId}/book", 30_000);
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.Locator("[data-testid=admitted]")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await DatePicker.PickAnotherDayAsync(page);
        await page.Locator("button.slot-button:not([disabled])").First.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Book", Exact = true }).ClickAsync();
        await BrowserFixture.WaitForAddressAsync(page, "**/bookings/*");
    }

    /// <summary>A service bookable at any hour, behind a one-off release that lets one person in at a time for ten minutes.</summary>
    internal static async Task<int> CreateQueuedServiceAsync(PortalProcess portal, DateTime opensAtUtc, bool requireAuthentication = true)
    {
        await using var db = portal.OpenDatabase();
        var service = new Service
        {
            Name = $"Queue test {Guid.NewGuid():N}"[..18],
            DurationMinutes = 60,
            Price = 50m,
            Address = "1 Queue Street",
            TimeZoneId = "America/New_York",
            AvailableDays = DaysOfWeekMask.All,
            MinAdvanceBookingHours = 0,
            TimeSlots = Enumerable.Range(0, 23).Select(h => new TimeSlotTemplate { Days = DaysOfWeekMask.All, Start = new TimeOnly(h, 0), End = new TimeOnly(h + 1, 0), Capacity = 5 }).ToList(),
        };
        db.Services.Add(service);
        await db.SaveChangesAsync();
        db.Releases.Add(new Release
        {
            ServiceId = service.Id,
            Name = "One-off",
            OpensAtUtc = opensAtUtc,
            MaxConcurrentAdmissions = 1,
            AdmissionRatePerMinute = 60,
            AdmissionWindowSeconds = 600,
            RequireAuthentication = requireAuthentication,
        });
        await db.SaveChangesAsync();
        return service.Id;
    }
}

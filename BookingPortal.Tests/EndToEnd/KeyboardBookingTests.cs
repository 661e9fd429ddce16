namespace BookingPortal.Tests.EndToEnd;

/// <summary>A customer who cannot use a pointer registers and books with the keyboard alone: Tab, typing, Enter.</summary>
public class KeyboardBookingTests(BrowserFixture browser) : EndToEndTest
{
    private const int MaxTabs = 80;

    [Fact]
    public async Task A_customer_registers_and_books_with_the_keyboard_only_and_a_failed_submit_focuses_the_first_error()
    {
        var page = await browser.NewPageAsync(360, 640);
        var email = $"keys-{Guid.NewGuid():N}@example.com";

        await page.GotoAsync("Account/Register");
        await TabToAsync(page, "el => el.id === 'Input.Email'");
        await page.Keyboard.TypeAsync(email);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("E2e#Password2026");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("Not#TheSame2026");
        await page.Keyboard.PressAsync("Enter");

        // The form comes back with the mismatch; focus is on the field to fix.
        await page.Locator("#Input\\.ConfirmPassword[aria-invalid=true]").WaitForAsync();
        (await FocusMovesToAsync(page, "Input.ConfirmPassword")).Should().BeTrue("focus goes to the field to fix");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("E2e#Password2026");
        await page.Keyboard.PressAsync("Shift+Tab");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("E2e#Password2026");
        await page.Keyboard.PressAsync("Enter");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).WaitForAsync();

        await BrowserFixture.OpenInteractiveAsync(page, "services/1/book");
        var firstDay = await page.Locator("[data-testid=selected-date]").TextContentAsync();
        if (await page.Locator(DatePicker.DayWithFreeTime).CountAsync() == 0)
        {
            // The selected day is the month's last with a free time: turn the page as a keyboard user would.
            await TabToAsync(page, $"el => el.matches('{DatePicker.NextMonth}')");
            await DatePicker.TurnAsync(page, () => page.Keyboard.PressAsync("Enter"));
        }

        await TabToAsync(page, $"el => el.matches('{DatePicker.DayWithFreeTime}')");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("[data-testid=selected-date]")).Not.ToHaveTextAsync(firstDay!);
        await TabToAsync(page, "el => el.matches('button.slot-button:not([disabled])')");
        await page.Keyboard.PressAsync("Enter");
        await TabToAsync(page, "el => el.tagName === 'BUTTON' && el.textContent.trim() === 'Book'");
        await BrowserFixture.ScreenshotAsync(page, "keyboard-booking-summary");
        await page.Keyboard.PressAsync("Enter");

        await BrowserFixture.WaitForAddressAsync(page, "**/bookings/*");
        await Assertions.Expect(page.Locator("[data-testid=confirmation-number]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$"));
    }

    /// <summary>Presses Tab until the focused element satisfies the predicate (a JavaScript function of the element).</summary>
    private static async Task TabToAsync(IPage page, string predicate)
    {
        for (var tabs = 0; tabs < MaxTabs; tabs++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>($"() => {{ const el = document.activeElement; return !!el && ({predicate})(el); }}"))
            {
                return;
            }
        }

        throw new InvalidOperationException($"{MaxTabs} presses of Tab never reached an element where {predicate}");
    }

    /// <summary>The page's script moves focus once the document has loaded, a moment after the field is in the DOM: wait for it.</summary>
    private static async Task<bool> FocusMovesToAsync(IPage page, string elementId)
    {
        try
        {
            await page.WaitForFunctionAsync("id => document.activeElement?.id === id", elementId, new() { Timeout = 10_000 });
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}

namespace BookingPortal.Tests.EndToEnd;

/// <summary>
/// The portal works under its Content-Security-Policy in Chromium (the fixture fails the run on any
/// violation from any test), and the policy does stop what it is there to stop.
/// </summary>
public class ContentSecurityPolicyTests(BrowserFixture browser) : EndToEndTest
{
    [Fact]
    public async Task The_circuit_MudBlazor_and_the_passkey_page_run_without_a_violation()
    {
        var page = await browser.NewSignedInPageAsync(DemoSeeder.CustomerEmail, DemoSeeder.CustomerPassword, "services/1/book");
        await page.Locator("button.slot-button:not([disabled])").First.WaitForAsync();
        await DatePicker.PickAnotherDayAsync(page);
        await page.GotoAsync("Account/Manage/Passkeys");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        (await page.EvaluateAsync<bool>("() => customElements.get('passkey-submit') !== undefined")).Should().BeTrue("the passkey module loaded");
        browser.CspViolations.Should().BeEmpty();
    }

    [Fact]
    public async Task An_injected_inline_script_is_blocked_and_reported()
    {
        var violations = new List<string>();
        var page = await browser.NewPageAsync(cspViolations: violations);
        await page.GotoAsync("services");

        await page.EvaluateAsync("""
            () => {
                const injected = document.createElement('script');
                injected.textContent = 'window.injectedRan = true';
                document.body.appendChild(injected);
            }
            """);

        (await Poll.UntilAsync(() => Task.FromResult(violations.Count > 0), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(50))).Should().BeTrue();
        violations.Should().ContainSingle().Which.Should().StartWith("script-src-elem inline");
        (await page.EvaluateAsync<bool>("() => window.injectedRan === true")).Should().BeFalse();
    }
}

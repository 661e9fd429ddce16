using BookingPortal.Features.Booking.Pages;
using Microsoft.AspNetCore.Components;

namespace BookingPortal.Tests.Components.Booking;

/// <summary>The book page over the portal's own services, signed in as a customer, live as in a circuit.</summary>
public sealed class BookPageRefusalFocusTests : LiveComponentSuite
{
    private Service service = null!;
    private SlotAvailability slot = null!;

    protected override async Task ArrangeAsync()
    {
        IReadOnlyList<SlotAvailability> slots;
        (service, slots) = await factory.SimpleConsultationAndSlotsAsync();
        slot = slots[0];
        // Someone else holds a seat already, so the slot's counter is there to fill later.
        await factory.BookAsNewCustomerAsync(service.Id, slot.StartUtc);
        var customer = (await factory.CreateCustomersAsync(1))[0];
        bunit.Services.AddScoped<BookingPortal.Components.Shared.DocumentTitleTracker>();
        bunit.AddAuthorization().SetAuthorized("customer").SetRoles(Roles.Customer).SetClaims(new Claim(PortalClaims.UserIdType, customer));
    }

    /// <summary>
    /// WCAG 2.4.3/4.1.3: the time picked fills up (on another instance, say, whose bookings this page does not hear of)
    /// before Book is pressed. The refusal takes the summary and its Book button away; focus goes to the refusal shown in
    /// their place, not to the page's body.
    /// </summary>
    [Fact]
    public async Task A_time_taken_meanwhile_is_refused_and_focus_goes_to_the_refusal_not_to_the_page()
    {
        bunit.Services.GetRequiredService<NavigationManager>().NavigateTo($"services/{service.Id}/book");
        var page = bunit.Render<BookPage>(p => p.Add(x => x.ServiceId, service.Id));
        page.WaitForAssertion(() => page.FindAll("button.slot-button:not([disabled])").Should().NotBeEmpty());
        await page.FindAll("button.slot-button:not([disabled])")[0].ClickAsync(new());
        page.WaitForAssertion(() => page.FindAll("button").Should().Contain(b => b.TextContent.Trim() == "Book"));
        await FillAsync();

        await page.FindAll("button").Single(b => b.TextContent.Trim() == "Book").ClickAsync(new());

        page.WaitForAssertion(() => page.Markup.Should().Contain("Sorry, that time was just taken. Please choose another time."));
        page.FindAll("button").Should().NotContain(b => b.TextContent.Trim() == "Book", "the summary went with the time");
        page.WaitForAssertion(() => Focused().Should().NotBeEmpty("focus must not fall to the page's body")
            .And.Subject.Last().Should().Be(page.Find("[data-testid=booking-refusal]").GetAttribute("blazor:elementReference")));
        page.Find("[data-testid=booking-refusal]").GetAttribute("tabindex").Should().Be("-1");
        page.Find("[data-testid=booking-refusal] [role=alert]").TextContent.Should().Contain("just taken");
    }

    /// <summary>The seats taken as a booking elsewhere takes them: the counter full, and no word to this page.</summary>
    private async Task FillAsync()
    {
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var filled = await db.SlotInventories.Where(s => s.ServiceId == service.Id && s.StartUtc == slot.StartUtc)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Booked, i => i.Capacity));
        filled.Should().Be(1);
    }

    private List<string?> Focused() =>
        bunit.JSInterop.Invocations.Where(i => i.Identifier == "Blazor._internal.domWrapper.focus")
            .Select(i => i.Arguments[0].Should().BeOfType<ElementReference>().Subject.Id).ToList<string?>();
}

namespace BookingPortal.Tests.EndToEnd;

/// <summary>Staff give a practitioner time off over a booking and hand the booking to a colleague, on the shared portal.</summary>
public class TimeOffJourneyTests(BrowserFixture browser) : EndToEndTest
{
    [Fact]
    public async Task Staff_add_time_off_over_a_booking_and_reassign_it_to_a_free_colleague()
    {
        var (away, number, day) = await ArrangeAsync();
        var staff = await browser.NewSignedInPageAsync(DemoSeeder.StaffEmail, DemoSeeder.StaffPassword, $"admin/practitioners/{away}");

        await OpenTabAsync(staff, "Time off and extra hours", staff.GetByLabel("First day"));
        await staff.GetByLabel("First day").FillAsync(day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await staff.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        var affected = staff.Locator("[data-testid=affected-booking]", new() { HasText = number });
        await Assertions.Expect(affected).ToBeVisibleAsync();
        await affected.GetByRole(AriaRole.Combobox, new() { Name = "Give to" }).ClickAsync();
        await staff.GetByText("Dr Journey Colleague", new() { Exact = true }).ClickAsync();
        await affected.GetByRole(AriaRole.Button, new() { Name = "Reassign and tell the customer" }).ClickAsync();
        await Assertions.Expect(staff.Locator("[data-testid=affected-bookings]")).ToContainTextAsync("None left");
        await BrowserFixture.ScreenshotAsync(staff, "40-time-off-reassigned");

        await using var db = browser.Portal.OpenDatabase();
        var booking = await db.Bookings.AsNoTracking().SingleAsync(b => b.ConfirmationNumber == number);
        (await db.Practitioners.AsNoTracking().SingleAsync(p => p.Id == booking.PractitionerId)).DisplayName.Should().Be("Dr Journey Colleague");
        (await db.OutboxMessages.AsNoTracking().CountAsync(m => m.BookingId == booking.Id && m.Kind == NotificationKind.PractitionerChanged)).Should().Be(1);
    }

    /// <summary>
    /// Taps a tab until its panel shows, as a person would tap again: a tap in the moment after the circuit starts can be
    /// lost (the page renders again from its skeleton as it reloads the practitioner; see the closing notes), and one clean
    /// run lost it. Three taps at most, so a tab that never opens still fails.
    /// </summary>
    private static async Task OpenTabAsync(IPage page, string tab, ILocator panelField)
    {
        for (var tap = 1; ; tap++)
        {
            await page.GetByText(tab, new() { Exact = true }).ClickAsync();
            try
            {
                await panelField.WaitForAsync(new() { Timeout = tap < 3 ? 5_000 : 20_000 });
                return;
            }
            catch (TimeoutException) when (tap < 3)
            {
            }
        }
    }

    /// <summary>
    /// A service of its own in practitioner mode (so the other journeys' services are untouched), two practitioners
    /// (the colleague works every day), and a confirmed booking of the demo customer with the first, three days ahead.
    /// </summary>
    private async Task<(int Away, string Number, DateOnly Day)> ArrangeAsync()
    {
        await using var db = browser.Portal.OpenDatabase();
        var service = await db.Services.AsNoTracking().Include(s => s.TimeSlots).SingleAsync(s => s.Name == DemoSeeder.ConsultationName);
        service.Id = 0;
        service.Name = $"Time off journey {Guid.NewGuid():N}"[..24];
        service.BooksPractitioners = true;
        service.TimeSlots.ForEach(t => (t.Id, t.ServiceId) = (0, 0));
        db.Services.Add(service);
        await db.SaveChangesAsync();
        var away = new Practitioner { DisplayName = "Dr Journey Away", Services = [new PractitionerService { ServiceId = service.Id }] };
        var colleague = new Practitioner
        {
            DisplayName = "Dr Journey Colleague", Services = [new PractitionerService { ServiceId = service.Id }],
            Hours = Enum.GetValues<DayOfWeek>().Select(d => new WorkingHours { Day = d, Start = new(0, 0), End = new(23, 59) }).ToList(),
        };
        db.Practitioners.AddRange(away, colleague);
        await db.SaveChangesAsync();

        var start = DateTime.UtcNow.Date.AddDays(3).AddHours(15);
        var slot = new SlotInventory { ServiceId = service.Id, StartUtc = start, EndUtc = start.AddHours(1), Capacity = 5, Booked = 1 };
        db.SlotInventories.Add(slot);
        await db.SaveChangesAsync();
        var customerId = await db.Users.Where(u => u.Email == DemoSeeder.CustomerEmail).Select(u => u.Id).SingleAsync();
        var number = ConfirmationNumber.New();
        db.Bookings.Add(new Booking
        {
            ConfirmationNumber = number, CustomerId = customerId, ServiceId = service.Id, SlotInventoryId = slot.Id, StartUtc = start, EndUtc = start.AddHours(1),
            Status = BookingStatus.Confirmed, CreatedAtUtc = DateTime.UtcNow, ConfirmedAtUtc = DateTime.UtcNow, Price = service.Price, DepositAmount = 0,
            Currency = service.Currency, IdempotencyKey = Guid.NewGuid().ToString(), PractitionerId = away.Id,
        });
        await db.SaveChangesAsync();
        return (away.Id, number, DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(start, service.TimeZone)));
    }
}

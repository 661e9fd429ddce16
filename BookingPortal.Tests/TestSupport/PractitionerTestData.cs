namespace BookingPortal.Tests.TestSupport;

/// <summary>Practitioners made through the staff service, and bookings given to them.</summary>
public static class PractitionerTestData
{
    public static async Task<int> CreatePractitionerAsync(this PortalFactory factory, string name, int serviceId, string? userId = null)
    {
        var result = await factory.Get<PractitionerAdminService>().SaveProfileAsync(await factory.StaffAsync(), null,
            new PractitionerDraft { DisplayName = name, Title = "Specialist", Languages = "en,es", ServiceIds = [serviceId], UserId = userId });
        result.Errors.Should().BeEmpty();
        return result.Id!.Value;
    }

    /// <summary>The practitioner works 06:00 to 22:00 every day, so any slot of a test is within their hours.</summary>
    public static async Task WorkingAllDayAsync(this PortalFactory factory, int practitioner) =>
        await factory.Get<PractitionerAdminService>().SaveHoursAsync(await factory.StaffAsync(), practitioner,
            Enum.GetValues<DayOfWeek>().Select(d => new HoursDraft { Day = d, Start = new(6, 0), End = new(22, 0) }).ToList());

    /// <summary>Gives a booking to a practitioner directly, whichever way the booking path chose, so each test knows whose it is.</summary>
    public static async Task AssignAsync(this PortalFactory factory, Guid bookingId, int practitionerId)
    {
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        await db.Bookings.Where(b => b.Id == bookingId).ExecuteUpdateAsync(b => b.SetProperty(x => x.PractitionerId, practitionerId));
    }
}

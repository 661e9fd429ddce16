namespace BookingPortal.Tests.TestSupport;

/// <summary>The confirmed booking the message and calendar tests write about: an hour's consultation in Boston, on New York time.</summary>
public static class SampleBooking
{
    public const string Zone = "America/New_York";

    /// <summary>Monday 9 March 2026, 10:00 AM in New York (daylight time since the day before).</summary>
    public static readonly DateTime MondayUtc = new(2026, 3, 9, 14, 0, 0, DateTimeKind.Utc);

    public static BookingView View() => At(MondayUtc);

    public static BookingView At(DateTime startUtc)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(Zone);
        var endUtc = startUtc.AddHours(1);
        return new BookingView(
            Guid.Parse("0194a8e0-0000-7000-8000-000000000001"), "ABCD-2345", "customer-1", 1, "Specialist Consultation", BookingStatus.Confirmed,
            startUtc, endUtc, TimeZoneInfo.ConvertTime(new DateTimeOffset(startUtc), zone), TimeZoneInfo.ConvertTime(new DateTimeOffset(endUtc), zone),
            Zone, 60, LocationKind.InPerson, "12 Harbour Street, Boston", null, 200m, 50m, "USD", new DateTime(2026, 3, 2, 12, 0, 0, DateTimeKind.Utc));
    }
}

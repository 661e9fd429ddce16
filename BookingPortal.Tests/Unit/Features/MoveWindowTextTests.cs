namespace BookingPortal.Tests.Unit.Features;

/// <summary>What the Change time page says about the cutoff: local time of the service with its zone named, in the customer's language.</summary>
public class MoveWindowTextTests
{
    // Wednesday 11 March 2026, 10:00 in New York (EDT from 8 March): the cutoff is Monday 9 March, 10:00.
    private static readonly DateTime Start = new(2026, 3, 11, 14, 0, 0, DateTimeKind.Utc);

    private static BookingView Booking() => new(
        Guid.NewGuid(), "ABCD-EFGH", "customer", 1, "Consultation", BookingStatus.Confirmed, Start, Start.AddHours(1),
        new DateTimeOffset(2026, 3, 11, 10, 0, 0, TimeSpan.FromHours(-4)), new DateTimeOffset(2026, 3, 11, 11, 0, 0, TimeSpan.FromHours(-4)),
        "America/New_York", 60, LocationKind.InPerson, "1 Main Street", null, 200m, 50m, "USD", Start.AddDays(-10))
    {
        ChangesAllowedUntilHours = 48,
    };

    [Fact]
    public void Before_the_cutoff_the_customer_is_told_until_when_in_the_services_local_time()
    {
        var note = MoveWindowText.For(Booking(), Start.AddHours(-48), actsForCustomer: false, Localization.PortalText(), System.Globalization.CultureInfo.GetCultureInfo("en-US"));

        note.CanMove.Should().BeTrue();
        note.Text.Should().Be("Changes are possible until Monday 9 March 2026, 10:00 AM New York time (America/New_York); after that please contact reception.");
    }

    [Fact]
    public void After_the_cutoff_the_customer_is_not_offered_the_change_and_told_why_but_staff_still_are()
    {
        var now = Start.AddHours(-48).AddTicks(1);

        var customer = MoveWindowText.For(Booking(), now, actsForCustomer: false, Localization.PortalText(), System.Globalization.CultureInfo.GetCultureInfo("en-US"));
        var staff = MoveWindowText.For(Booking(), now, actsForCustomer: true, Localization.PortalText(), System.Globalization.CultureInfo.GetCultureInfo("en-US"));

        customer.CanMove.Should().BeFalse();
        customer.Text.Should().Be("Changes were possible until Monday 9 March 2026, 10:00 AM New York time (America/New_York), so this booking can no longer be moved online. Please contact reception to change it.");
        staff.CanMove.Should().BeTrue();
    }

    [Fact]
    public void In_Spanish_the_note_is_in_Spanish()
    {
        using var spanish = Localization.InCulture("es-ES");

        var note = MoveWindowText.For(Booking(), Start.AddDays(-5), actsForCustomer: false, Localization.PortalText(), System.Globalization.CultureInfo.CurrentCulture);

        note.Text.Should().StartWith("Puede cambiar la hora hasta el ").And.Contain("10:00 hora de New York (America/New_York)");
    }
}

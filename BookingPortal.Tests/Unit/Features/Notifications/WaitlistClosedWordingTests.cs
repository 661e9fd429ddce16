namespace BookingPortal.Tests.Unit.Features.Notifications;

/// <summary>The archive message says "your place" for one day waited for and "your places" for several, in both languages.</summary>
public sealed class WaitlistClosedWordingTests
{
    private static readonly Uri Portal = new("https://portal.example.test/");

    [Theory]
    [InlineData("en", "so your place on its waitlist for Mon 9 Mar 2026 has ended.")]
    [InlineData("es", "así que su lugar en la lista de espera del {0} ha terminado.")]
    public void One_day_waited_for_is_one_place(string language, string expected)
    {
        var message = Compose(language, days: 1);

        message.Text.Should().Contain(Dated(expected, language, 1));
        message.Sms.Should().Contain(Dated(expected, language, 1));
    }

    [Theory]
    [InlineData("en", "so your places on its waitlist for Mon 9 Mar 2026 and Tue 10 Mar 2026 have ended.")]
    [InlineData("es", "así que sus lugares en la lista de espera de los días {0} y {1} han terminado.")]
    public void Several_days_waited_for_are_several_places(string language, string expected)
    {
        var message = Compose(language, days: 2);

        message.Text.Should().Contain(Dated(expected, language, 2)).And.NotContain("your place ").And.NotContain("su lugar");
        message.Html.Should().Contain(Dated(expected, language, 2));
        message.Sms.Should().Contain(Dated(expected, language, 2));
    }

    private static ComposedMessage Compose(string language, int days)
    {
        var facts = SampleMessage.Facts(NotificationKind.WaitlistClosed, language, "BookingPortal", Portal);
        facts = facts with { Days = [.. Enumerable.Range(0, days).Select(day => facts.Appointment.LocalStart.AddDays(day))] };
        return MessageComposer.Compose(facts, DefaultTemplates.For(NotificationKind.WaitlistClosed, language));
    }

    /// <summary>Spanish dates as the portal writes them (the culture's own abbreviations), English ones as written above.</summary>
    private static string Dated(string expected, string language, int days)
    {
        var start = SampleMessage.Facts(NotificationKind.WaitlistClosed, language, "BookingPortal", Portal).Appointment.LocalStart;
        var spanish = System.Globalization.CultureInfo.GetCultureInfo("es-ES");
        return language == "es"
            ? string.Format(System.Globalization.CultureInfo.InvariantCulture, expected, [.. Enumerable.Range(0, days).Select(d => DisplayFormat.ShortDate(start.AddDays(d), spanish))])
            : expected;
    }
}

namespace BookingPortal.Tests.Unit.Features;

public class BookingErrorTextTests
{
    private static readonly Service Consultation = DemoSeeder.DemoServices().Single(s => s.Name == DemoSeeder.ConsultationName);

    [Theory]
    [InlineData(BookingError.SlotFull)]
    [InlineData(BookingError.LimitReached)]
    [InlineData(BookingError.TooSoon)]
    [InlineData(BookingError.NotAdmitted)]
    [InlineData(BookingError.OutsideRelease)]
    [InlineData(BookingError.ChangeWindowClosed)]
    public void In_English_a_refusal_reads_as_the_domain_describes_it(BookingError error) =>
        BookingErrorText.For(error, Consultation, Localization.PortalText()).Should().Be(BookingRules.Describe(error, Consultation));

    [Fact]
    public void In_Spanish_every_refusal_is_in_Spanish()
    {
        var text = Localization.PortalText();
        var english = Enum.GetValues<BookingError>().ToDictionary(e => e, e => BookingErrorText.For(e, Consultation, text));
        using var spanish = Localization.InCulture("es-ES");

        var translated = Enum.GetValues<BookingError>().ToDictionary(e => e, e => BookingErrorText.For(e, Consultation, text));

        translated.Should().OnlyContain(pair => pair.Value != english[pair.Key]);
        translated[BookingError.LimitReached].Should().Be("Ya tiene 2 reservas próximas, el máximo permitido para este servicio. Cancele una para reservar otra.");
    }
}

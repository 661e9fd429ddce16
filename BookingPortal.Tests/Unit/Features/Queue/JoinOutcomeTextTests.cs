namespace BookingPortal.Tests.Unit.Features.Queue;

public class JoinOutcomeTextTests
{
    [Theory]
    [InlineData(JoinOutcome.TooManyAttempts, "Too many attempts. Please wait a few seconds and try again.", "Demasiados intentos. Espere unos segundos y vuelva a intentarlo.")]
    [InlineData(JoinOutcome.SignInRequired, "Please sign in to join the waiting room.", "Inicie sesión para entrar en la sala de espera.")]
    [InlineData(JoinOutcome.NoRelease, "This service has no waiting room.", "Este servicio no tiene sala de espera.")]
    public void A_refused_join_reads_in_the_customers_language(JoinOutcome outcome, string english, string spanish)
    {
        var text = Localization.PortalText();
        var inEnglish = JoinOutcomeText.For(outcome, text);
        using var inSpain = Localization.InCulture("es-ES");

        (inEnglish, JoinOutcomeText.For(outcome, text)).Should().Be((english, spanish));
    }

    [Theory]
    [InlineData(JoinOutcome.Joined)]
    [InlineData(JoinOutcome.AlreadyIn)]
    public void A_join_that_gave_a_place_needs_no_words_the_room_shows_the_place(JoinOutcome outcome) =>
        JoinOutcomeText.For(outcome, Localization.PortalText()).Should().BeNull();
}

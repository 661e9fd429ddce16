namespace BookingPortal.Tests.Unit.Features.Notifications;

/// <summary>The default "your turn" message in both languages: the service, until when the turn is kept, and the resume link.</summary>
public class YourTurnTemplateTests
{
    private static readonly Uri Portal = new("https://portal.example.test/");

    [Theory]
    [InlineData(MessageLanguage.English, "Your turn: book Specialist Consultation by 10:00", "Book now")]
    [InlineData(MessageLanguage.Spanish, "Es su turno: reserve Specialist Consultation antes de las 10:00", "Reservar ahora")]
    public void The_default_your_turn_message_says_until_when_and_links_to_the_turn(string language, string subject, string action)
    {
        var facts = SampleMessage.Facts(NotificationKind.YourTurn, language, "North Clinic", Portal);

        var message = MessageComposer.Compose(facts, DefaultTemplates.For(NotificationKind.YourTurn, language));

        message.Subject.Should().StartWith(subject);
        message.Html.Should().Contain("href=\"https://portal.example.test/your-turn?t=sample\"").And.Contain(action).And.Contain("Ana &lt;García&gt;");
        message.Text.Should().Contain($"{action}: https://portal.example.test/your-turn?t=sample");
        message.Sms.Should().Contain("https://portal.example.test/your-turn?t=sample").And.Contain("10:00");
        TemplateRules.Problems(DefaultTemplates.For(NotificationKind.YourTurn, language)).Should().BeEmpty("the defaults use only known placeholders");
    }
}

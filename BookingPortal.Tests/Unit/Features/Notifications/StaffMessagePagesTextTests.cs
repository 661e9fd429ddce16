using BookingPortal.Features.Localization;
using BookingPortal.Features.Notifications.Pages;
using Microsoft.Extensions.Localization;

namespace BookingPortal.Tests.Unit.Features.Notifications;

/// <summary>
/// Names the page scans cannot see (they come from a switch, not a T["…"] literal) read in the page's language: the messages
/// in the template editor's list, and a message's or a webhook delivery's status.
/// </summary>
public sealed class StaffMessagePagesTextTests
{
    private static readonly IStringLocalizer<MessagesText> Messages = new CachedText<MessagesText>(Localization.ResourceFiles());

    [Fact]
    public void Every_message_in_the_template_editors_list_has_a_Spanish_name()
    {
        using var spanish = Localization.InCulture("es-ES");

        DefaultTemplates.Kinds.Should().OnlyContain(kind => Translated(Messages, MessageTemplatesPage.KindName(kind)));
        Messages[MessageTemplatesPage.KindName(NotificationKind.WaitlistClosed)].Value.Should().Be("Lista de espera terminada (servicio archivado)");
    }

    [Fact]
    public void Every_outbox_status_has_a_Spanish_name_on_the_outbox_and_the_webhooks_pages_and_keeps_its_English_name()
    {
        IStringLocalizer[] pages = [Messages, Localization.PortalText()];
        var english = pages.Select(page => Enum.GetValues<OutboxStatus>().Select(status => OutboxStatusText.Of(page, status)).ToList()).ToList();
        using var spanish = Localization.InCulture("es-ES");

        english.Should().AllSatisfy(names => names.Should().Equal(Enum.GetNames<OutboxStatus>()));
        pages.Should().AllSatisfy(page => Enum.GetValues<OutboxStatus>().Select(status => OutboxStatusText.Of(page, status)).Should()
            .Equal("Pendiente", "Enviándose", "Enviado", "Con error", "Omitido"));
    }

    private static bool Translated(IStringLocalizer text, string english) => !text[english].ResourceNotFound && text[english].Value != english;
}

using BookingPortal.Features.Notifications.Templates;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace BookingPortal.Features.Notifications;

/// <summary>An e-mail ready to store: subject, HTML and plain-text parts, and the text message where one is sent.</summary>
public sealed record ComposedMessage(string Subject, string Html, string Text, string Sms);

/// <summary>
/// Renders the Razor e-mail templates to HTML outside any browser circuit. The renderer is made
/// per message, not per scope: every circuit that can book holds a composer, and few ever send.
/// </summary>
public sealed class MessageComposer(IServiceProvider services, ILoggerFactory loggerFactory)
{
    public async Task<ComposedMessage> ComposeAsync(MessageFacts facts)
    {
        await using var renderer = new HtmlRenderer(services, loggerFactory);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(NotificationEmail.Facts)] = facts });
            var output = await renderer.RenderComponentAsync<NotificationEmail>(parameters);
            return output.ToHtmlString();
        });
        return new ComposedMessage(MessageTexts.Subject(facts), html, MessageTexts.PlainText(facts), MessageTexts.Sms(facts));
    }
}

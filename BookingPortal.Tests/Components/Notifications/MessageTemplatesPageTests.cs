using BookingPortal.Features.Notifications.Pages;
using BookingPortal.Features.Notifications.Ports;
using MudBlazor;

namespace BookingPortal.Tests.Components.Notifications;

/// <summary>The message templates page over the portal's template store, signed in as staff: words being written are not lost to a switch.</summary>
public sealed class MessageTemplatesPageTests() : StaffPageSuite(typeof(MessageTemplateStore), typeof(IOptions<NotificationsOptions>))
{
    [Fact]
    public async Task Switching_language_with_unsaved_words_asks_first_and_keeps_them_unless_told_to_discard()
    {
        var dialogs = context.Render<MudDialogProvider>();
        var page = context.Render<MessageTemplatesPage>();
        page.WaitForAssertion(() => page.Find("input[data-testid=template-subject]"));
        await page.Find("input[data-testid=template-subject]").InputAsync(new() { Value = "Half-written subject" });

        await SwitchToSpanishAnsweringAsync(page, dialogs, "Keep editing");

        Value(page, "template-subject").Should().Be("Half-written subject");
        Value(page, "template-language").Should().Be(MessageLanguage.English, "the select shows the language still being edited");

        await SwitchToSpanishAnsweringAsync(page, dialogs, "Discard changes");

        page.WaitForAssertion(() => Value(page, "template-subject")
            .Should().Be(DefaultTemplates.For(NotificationKind.BookingConfirmation, MessageLanguage.Spanish).Subject));
    }

    [Fact]
    public async Task Switching_with_nothing_changed_asks_nothing()
    {
        var dialogs = context.Render<MudDialogProvider>();
        var page = context.Render<MessageTemplatesPage>();
        page.WaitForAssertion(() => page.Find("input[data-testid=template-subject]"));

        await page.InvokeAsync(() => page.FindComponents<MudSelect<string>>().Single().Instance.ValueChanged.InvokeAsync(MessageLanguage.Spanish));

        dialogs.FindAll(".mud-dialog").Should().BeEmpty();
        page.WaitForAssertion(() => Value(page, "template-subject")
            .Should().Be(DefaultTemplates.For(NotificationKind.BookingConfirmation, MessageLanguage.Spanish).Subject));
    }

    /// <summary>What a field shows: MudBlazor puts the test id on the input itself or on the select around it.</summary>
    private static string? Value(IRenderedComponent<MessageTemplatesPage> page, string testId)
    {
        var element = page.Find($"[data-testid={testId}]");
        return (element.TagName == "INPUT" ? element : element.QuerySelector("input"))?.GetAttribute("value");
    }

    /// <summary>Chooses Español as staff would; the page waits for the dialog's answer, so the switch ends when the dialog does.</summary>
    private static async Task SwitchToSpanishAnsweringAsync(IRenderedComponent<MessageTemplatesPage> page, IRenderedComponent<MudDialogProvider> dialogs, string answer)
    {
        var select = page.FindComponents<MudSelect<string>>().Single().Instance;
        var switching = page.InvokeAsync(() => select.ValueChanged.InvokeAsync(MessageLanguage.Spanish));
        dialogs.WaitForAssertion(() => dialogs.Markup.Should().Contain("Your changes to this message are not saved."));
        await dialogs.FindAll("button").Single(b => b.TextContent.Trim() == answer).ClickAsync(new());
        await switching;
    }
}

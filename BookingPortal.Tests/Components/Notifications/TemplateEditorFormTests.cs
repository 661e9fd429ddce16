using System.Globalization;
using BookingPortal.Features.Notifications.Components;
using Microsoft.Extensions.Localization;

namespace BookingPortal.Tests.Components.Notifications;

/// <summary>The template editor: problems beside their field, a preview with the sample booking, and Save only for what was previewed.</summary>
public sealed class TemplateEditorFormTests : BookingComponentsTestContext
{
    private static readonly Uri Portal = new("https://portal.example.test/");
    private readonly TemplateEditor editor = new();
    private readonly IStringLocalizer<MessagesText> text = new BookingPortal.Features.Localization.CachedText<MessagesText>(Localization.ResourceFiles());

    [Fact]
    public void An_unknown_placeholder_is_shown_beside_its_field_and_nothing_can_be_saved()
    {
        editor.Load(NotificationKind.BookingConfirmation, MessageLanguage.English, DefaultTemplates.For(NotificationKind.BookingConfirmation, MessageLanguage.English));
        var form = RenderForm();
        form.Find("[data-testid=template-save-button]").HasAttribute("disabled").Should().BeTrue("nothing was previewed yet");

        editor.Draft.Subject = "Hello {{first_name}}";
        form.Find("[data-testid=template-preview-button]").Click();
        form.Render(); // the page that owns the editor redraws after its callback; here the test does

        form.Markup.Should().Contain("Unknown placeholder: {{first_name}}. Use one of the names listed.");
        form.FindAll("[data-testid=template-preview]").Should().BeEmpty();
        form.Find("[data-testid=template-save-button]").HasAttribute("disabled").Should().BeTrue();
    }

    [Fact]
    public void On_a_Spanish_page_the_problems_beside_the_fields_are_in_Spanish()
    {
        using var spanish = Localization.InCulture("es-ES");
        editor.Load(NotificationKind.BookingConfirmation, MessageLanguage.English, DefaultTemplates.For(NotificationKind.BookingConfirmation, MessageLanguage.English));
        var form = RenderForm();

        (editor.Draft.Subject, editor.Draft.Sms) = ("Hola {{nombre}}", "");
        form.Find("[data-testid=template-preview-button]").Click();
        form.Render(); // the page that owns the editor redraws after its callback; here the test does

        form.Markup.Should().Contain("Marcador desconocido: {{nombre}}. Use uno de los nombres de la lista.").And.Contain("Obligatorio.")
            .And.NotContain("Unknown placeholder").And.NotContain("Required.");
    }

    [Fact]
    public void A_valid_draft_is_previewed_with_the_sample_booking_escaped_and_may_then_be_saved_until_it_changes_again()
    {
        editor.Load(NotificationKind.BookingConfirmation, MessageLanguage.Spanish, DefaultTemplates.For(NotificationKind.BookingConfirmation, MessageLanguage.Spanish));
        var form = RenderForm();

        form.Find("[data-testid=template-preview-button]").Click();
        form.Render(); // the page that owns the editor redraws after its callback; here the test does

        form.Find("[data-testid=preview-subject]").TextContent.Should().Be("Reservada: Specialist Consultation el lun 9 mar 2026 10:00 hora de New York (ABCD-2345)");
        form.Find("[data-testid=preview-html]").GetAttribute("srcdoc").Should().Contain("Hola, Ana &lt;García&gt;:", "the sample name's markup is escaped");
        form.Find("[data-testid=preview-html]").GetAttribute("sandbox").Should().Be("", "nothing in the preview may run");
        form.Find("[data-testid=preview-text]").TextContent.Should().StartWith("Hola, Ana <García>:");
        form.Find("[data-testid=template-save-button]").HasAttribute("disabled").Should().BeFalse();

        editor.Draft.Sms += " {{clinic}}";
        form.Render();
        form.Find("[data-testid=template-save-button]").HasAttribute("disabled").Should().BeTrue("the change has not been previewed");
    }

    [Fact]
    public void Words_are_unsaved_from_the_first_change_until_they_are_saved_or_changed_back()
    {
        editor.Load(NotificationKind.Cancellation, MessageLanguage.English, DefaultTemplates.For(NotificationKind.Cancellation, MessageLanguage.English));
        var loaded = editor.Draft.Subject;
        editor.HasUnsavedChanges.Should().BeFalse();

        editor.Draft.Subject = "Cancelled: {{service}}";
        editor.HasUnsavedChanges.Should().BeTrue();
        editor.RenderPreview(text, "Clinic", Portal).Should().BeTrue();
        editor.Saved(1);
        editor.HasUnsavedChanges.Should().BeFalse("what was saved is kept");

        editor.Draft.Subject = loaded;
        editor.HasUnsavedChanges.Should().BeTrue("the saved version is what a switch would go back to, not the default");
    }

    [Fact]
    public void The_editor_speaks_Spanish_to_Spanish_staff()
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("es-ES");
        try
        {
            editor.Load(NotificationKind.Reminder24h, MessageLanguage.English, DefaultTemplates.For(NotificationKind.Reminder24h, MessageLanguage.English));
            var form = RenderForm();

            form.Find("[data-testid=template-preview-button]").TextContent.Trim().Should().Be("Vista previa con una reserva de ejemplo");
            form.Markup.Should().Contain("Mensaje de texto").And.Contain("Guardar como versión nueva");
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    private IRenderedComponent<TemplateEditorForm> RenderForm() => Render<TemplateEditorForm>(p => p
        .Add(c => c.Editor, editor)
        .Add(c => c.OnPreview, () => editor.RenderPreview(text, "BookingPortal", Portal)));
}

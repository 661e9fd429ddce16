using BookingPortal.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using MudBlazor;

namespace BookingPortal.Tests.Components;

/// <summary>The waiting room draws MudBlazor's look with plain elements; these tests keep that look equal to the components'.</summary>
public class PlainMarkupTests : BookingComponentsTestContext
{
    [Theory]
    [InlineData(Severity.Success)]
    [InlineData(Severity.Info)]
    [InlineData(Severity.Warning)]
    [InlineData(Severity.Error)]
    [InlineData(Severity.Normal)]
    public void An_alert_is_written_as_MudAlert_writes_it(Severity severity)
    {
        var plain = Fragment(PlainMarkup.Alert(severity, Text("Your turn"), "mb-3", "turn"));
        var mud = Component<MudAlert>(b =>
        {
            b.AddComponentParameter(1, nameof(MudAlert.Severity), severity);
            b.AddComponentParameter(2, nameof(MudAlert.Class), "mb-3");
            b.AddAttribute(3, "data-testid", "turn");
            b.AddComponentParameter(4, nameof(MudAlert.ChildContent), Text("Your turn"));
        });

        plain.MarkupMatches(mud.Markup);
    }

    [Fact]
    public void An_indeterminate_progress_bar_is_written_as_MudProgressLinear_writes_it()
    {
        var plain = Fragment(b => b.AddContent(0, PlainMarkup.IndeterminateProgress("my-3")));
        var mud = Component<MudProgressLinear>(b =>
        {
            b.AddComponentParameter(1, nameof(MudProgressLinear.Indeterminate), true);
            b.AddComponentParameter(2, nameof(MudProgressLinear.Color), Color.Primary);
            b.AddComponentParameter(3, nameof(MudProgressLinear.Class), "my-3");
            b.AddAttribute(4, "aria-hidden", "true");
        });

        plain.MarkupMatches(mud.Markup);
    }

    [Theory]
    [InlineData(Variant.Filled, Color.Primary, false)]
    [InlineData(Variant.Outlined, Color.Primary, false)]
    [InlineData(Variant.Text, Color.Default, false)]
    [InlineData(Variant.Filled, Color.Primary, true)]
    public void A_button_has_the_classes_MudButton_gives_it(Variant variant, Color color, bool disabled)
    {
        var classes = PlainMarkup.ButtonClasses(variant, color);
        var plain = Fragment(b =>
        {
            b.OpenElement(0, "button");
            b.AddAttribute(1, "class", classes);
            b.AddAttribute(2, "type", "button");
            b.AddAttribute(3, "disabled", disabled);
            b.OpenElement(4, "span");
            b.AddAttribute(5, "class", "mud-button-label");
            b.AddContent(6, "Join");
            b.CloseElement();
            b.CloseElement();
        });
        var mud = Component<MudButton>(b =>
        {
            b.AddComponentParameter(1, nameof(MudButton.Variant), variant);
            b.AddComponentParameter(2, nameof(MudButton.Color), color);
            b.AddComponentParameter(3, nameof(MudButton.Disabled), disabled);
            b.AddComponentParameter(4, nameof(MudButton.ChildContent), Text("Join"));
        });

        plain.MarkupMatches(mud.Markup);
    }

    private static RenderFragment Text(string text) => b => b.AddContent(0, text);

    private IRenderedComponent<IComponent> Fragment(RenderFragment fragment) => Context.Render(fragment);

    private IRenderedComponent<IComponent> Component<TComponent>(Action<RenderTreeBuilder> parameters)
        where TComponent : IComponent => Context.Render(b =>
        {
            b.OpenComponent<TComponent>(0);
            parameters(b);
            b.CloseComponent();
        });
}

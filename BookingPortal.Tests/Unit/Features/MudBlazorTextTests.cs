using System.Resources;
using System.Xml.Linq;
using BookingPortal.Features.Localization;
using MudBlazor;
using MudBlazor.Services;

namespace BookingPortal.Tests.Unit.Features;

/// <summary>MudBlazor's own texts read in the page's language: its keys, its English, and Spanish beside it.</summary>
public sealed class MudBlazorTextTests : IAsyncDisposable
{
    private static readonly string Folder = Path.Combine(RepositoryRoot.Path, "BookingPortal", "Features", "Localization");
    private readonly BunitContext context = new();

    public MudBlazorTextTests()
    {
        // As the portal registers them: MudBlazor first, the portal's languages after.
        context.Services.AddMudServices();
        context.Services.AddPortalLocalization();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
    }

    [Fact]
    public void Each_key_is_one_of_MudBlazors_with_its_English_and_a_Spanish_text_keeping_the_placeholders()
    {
        var english = Read("MudBlazorText.resx");
        var spanish = Read("MudBlazorText.es.resx");
        var mudBlazors = new ResourceManager("MudBlazor.Resources.LanguageResource", typeof(MudLocalizer).Assembly);

        spanish.Keys.Should().BeEquivalentTo(english.Keys);
        english.Should().OnlyContain(pair => pair.Value == mudBlazors.GetString(pair.Key, System.Globalization.CultureInfo.InvariantCulture),
            "the English file is MudBlazor's own text, so a renamed key shows up here");
        spanish.Should().OnlyContain(pair => Placeholders(pair.Value).SetEquals(Placeholders(english[pair.Key])) && pair.Value != english[pair.Key]);
    }

    [Fact]
    public void A_number_fields_buttons_read_in_Spanish_on_a_Spanish_page_and_in_English_otherwise()
    {
        string[] Labels()
        {
            var field = context.Render<MudNumericField<int>>(p => p.Add(x => x.Label, "Seats"));
            return field.FindAll("button[aria-label]").Select(b => b.GetAttribute("aria-label")!).ToArray();
        }

        Labels().Should().BeEquivalentTo(["Increment", "Decrement"]);
        using (Localization.InCulture("es-ES"))
        {
            Labels().Should().BeEquivalentTo(["Aumentar", "Disminuir"]);
        }

        context.Services.GetRequiredService<MudLocalizer>().Should().BeOfType<PortalMudLocalizer>();
    }

    public ValueTask DisposeAsync() => context.DisposeAsync();

    private static Dictionary<string, string> Read(string file) =>
        XDocument.Load(Path.Combine(Folder, file)).Root!.Elements("data")
            .ToDictionary(data => (string)data.Attribute("name")!, data => (string)data.Element("value")!);

    private static HashSet<string> Placeholders(string text) =>
        System.Text.RegularExpressions.Regex.Matches(text, @"\{\d+\}").Select(m => m.Value).ToHashSet();
}

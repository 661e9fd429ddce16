using System.Xml.Linq;

namespace BookingPortal.Tests.Unit.Features;

/// <summary>English and Spanish are complete: every text the pages ask for is in both resource files, with the same placeholders.</summary>
public partial class PortalTextTests
{
    private static readonly string Folder = Path.Combine(RepositoryRoot.Path, "BookingPortal", "Features", "Localization");
    private static readonly IReadOnlyDictionary<string, string> English = Read("PortalText.resx");
    private static readonly IReadOnlyDictionary<string, string> Spanish = Read("PortalText.es.resx");

    [Fact]
    public void Every_text_used_in_the_portal_is_in_English_and_in_Spanish()
    {
        var used = UsedKeys();

        used.Should().HaveCountGreaterThan(100, "the scan must actually find the pages' texts");
        used.Except(English.Keys).Should().BeEmpty("English needs every text the pages use");
        used.Except(Spanish.Keys).Should().BeEmpty("Spanish needs every text the pages use");
    }

    [Fact]
    public void Both_languages_have_the_same_texts_none_empty_and_English_reads_as_its_key()
    {
        Spanish.Keys.Should().BeEquivalentTo(English.Keys);
        English.Should().OnlyContain(pair => pair.Key == pair.Value);
        Spanish.Values.Should().OnlyContain(value => !string.IsNullOrWhiteSpace(value));
    }

    [Fact]
    public void No_two_texts_differ_only_in_case()
    {
        CaseClashes(English.Keys).Should().BeEmpty();
    }

    [Fact]
    public void Spanish_keeps_every_placeholder_of_the_English_text()
    {
        var mismatched = English.Keys.Where(key => !Placeholders(key).SetEquals(Placeholders(Spanish[key]))).ToList();

        mismatched.Should().BeEmpty();
    }

    [Fact]
    public void The_localizer_answers_in_Spanish_when_the_culture_is_Spanish()
    {
        var text = Localization.PortalText();
        using var spanish = Localization.InCulture("es-ES");

        text["Book an appointment"].Value.Should().Be("Reserve una cita");
        text["{0} seats left", 3].Value.Should().Be("Quedan 3 plazas");
    }

    [Fact]
    public void The_portals_localizer_answers_as_the_resource_files_keeping_each_language_apart()
    {
        var text = Localization.PortalText();
        var files = Localization.ResourceFiles().Create(typeof(BookingPortal.Features.Localization.PortalText));
        const string Ahead = "Fewer than {0:N0} people ahead of you.";

        var english = (text["Book an appointment"].Value, text[Ahead, 10000].Value);
        using (Localization.InCulture("es-ES"))
        {
            (text["Book an appointment"].Value, text[Ahead, 10000].Value).Should().Be(("Reserve una cita", "Menos de 10.000 personas delante de usted."));
            text["No such text"].Should().BeEquivalentTo(files["No such text"], "a missing text reads as its key, marked not found");
        }

        english.Should().Be(("Book an appointment", "Fewer than 10,000 people ahead of you."));
        (text["Book an appointment"].Value, text[Ahead, 10000].Value).Should().Be(english, "each language keeps its own texts");
        text[Ahead, 10000].Should().BeEquivalentTo(files[Ahead, 10000]);
    }

    /// <summary>A feature with texts of its own (its own resource files beside its code) is checked against those.</summary>
    [Theory]
    [InlineData("Insights", "InsightsText")]
    [InlineData("Practitioners", "PractitionersText")]
    [InlineData("Questions", "QuestionsText")]
    [InlineData("Notifications", "MessagesText")]
    public void A_feature_with_its_own_texts_has_each_in_English_and_in_Spanish(string feature, string resource)
    {
        var folder = Path.Combine(RepositoryRoot.Path, "BookingPortal", "Features", feature);
        var english = Read(Path.Combine(folder, $"{resource}.resx"));
        var spanish = Read(Path.Combine(folder, $"{resource}.es.resx"));
        var used = UsedKeys(folder, ownTexts: true);

        used.Should().NotBeEmpty("the scan must actually find the feature's texts");
        used.Except(english.Keys).Should().BeEmpty();
        used.Except(spanish.Keys).Should().BeEmpty();
        spanish.Keys.Should().BeEquivalentTo(english.Keys);
        CaseClashes(english.Keys).Should().BeEmpty();
    }

    /// <summary>
    /// Resource names are case-insensitive: the build drops the second of two that differ only in case ("Duplicate
    /// resource name ... ignored"), and the page then shows English in Spanish.
    /// </summary>
    private static IEnumerable<string> CaseClashes(IEnumerable<string> keys) =>
        keys.GroupBy(key => key, StringComparer.OrdinalIgnoreCase).Where(group => group.Count() > 1).Select(group => group.Key);

    private static HashSet<string> UsedKeys(string? folder = null, bool ownTexts = false)
    {
        var sources = Directory.EnumerateFiles(folder ?? Path.Combine(RepositoryRoot.Path, "BookingPortal"), "*.*", SearchOption.AllDirectories)
            .Where(path => path.EndsWith(".razor", StringComparison.Ordinal) || path.EndsWith(".cs", StringComparison.Ordinal))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(path => ownTexts || !HasOwnTexts(path));
        // A quote inside the key is written \" in the source and " in the resource file.
        return sources.SelectMany(path => LocalizerCall().Matches(File.ReadAllText(path)).Select(m => m.Groups["key"].Value.Replace("\\\"", "\"", StringComparison.Ordinal)))
            .ToHashSet();
    }

    private static bool HasOwnTexts(string path) =>
        Directory.EnumerateFiles(Path.GetDirectoryName(path)!, "*Text.resx").Any(resx => !resx.EndsWith("PortalText.resx", StringComparison.Ordinal))
        || (Path.GetDirectoryName(Path.GetDirectoryName(path)) is { } parent && parent.Contains($"Features{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            && Directory.EnumerateFiles(parent, "*Text.resx").Any(resx => !resx.EndsWith("PortalText.resx", StringComparison.Ordinal)));

    private static HashSet<string> Placeholders(string text) => Placeholder().Matches(text).Select(m => m.Value).ToHashSet();

    private static Dictionary<string, string> Read(string file) =>
        XDocument.Load(Path.IsPathRooted(file) ? file : Path.Combine(Folder, file)).Root!.Elements("data")
            .ToDictionary(data => (string)data.Attribute("name")!, data => (string)data.Element("value")!);

    // T["..."] in markup and text["..."] in the rule builders: the two names the portal gives its localizer.
    [GeneratedRegex(@"\b(?:T|text)\[""(?<key>(?:[^""\\]|\\.)*)""")]
    private static partial Regex LocalizerCall();

    [GeneratedRegex(@"\{\d+(:[^}]*)?\}")]
    private static partial Regex Placeholder();
}

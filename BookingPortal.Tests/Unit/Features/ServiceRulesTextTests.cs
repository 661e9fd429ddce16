using System.Xml.Linq;
using BookingPortal.Features.Localization;

namespace BookingPortal.Tests.Unit.Features;

/// <summary>
/// A service rule's error reads in the page's language beside its field, and stays the same English text for the API and
/// the logs: the rules give their English text as the key of the translations (PortalText), with the values apart.
/// </summary>
public partial class ServiceRulesTextTests
{
    private static readonly string[] RuleSources = [Path.Combine("Domain", "ServiceRules.cs"), Path.Combine("Features", "Admin", "ServiceChanges.cs")];

    [Fact]
    public void Every_rule_message_has_an_English_and_a_Spanish_text()
    {
        var keys = RuleSources.SelectMany(file => MessageLiteral().Matches(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "BookingPortal", file))))
            .Select(m => m.Groups["key"].Value).ToHashSet();
        var (english, spanish) = (Texts("PortalText.resx"), Texts("PortalText.es.resx"));

        keys.Should().HaveCountGreaterThan(45, "the scan must actually find the rules' messages");
        keys.Except(english.Keys).Should().BeEmpty("English needs every rule's message");
        keys.Except(spanish.Keys).Should().BeEmpty("Spanish needs every rule's message");
        BrokenServices().SelectMany(ServiceRules.Validate).Should().OnlyContain(e => e.Key != null && spanish.ContainsKey(e.Key), "every error the rules give is translatable");
    }

    /// <summary>Other features' rules give their errors the same way, each in the texts its page renders them with.</summary>
    [Theory]
    [InlineData("Webhooks/WebhookUrlPolicy.cs", "Localization/PortalText", 5)]
    [InlineData("Webhooks/WebhookUrlPolicy.cs", "Practitioners/PractitionersText", 5)]
    [InlineData("Webhooks/WebhookAdminService.cs", "Localization/PortalText", 2)]
    [InlineData("Releases/ReleaseService.cs", "Localization/PortalText", 12)]
    [InlineData("Admin/SlotCalendarService.cs", "Localization/PortalText", 7)]
    [InlineData("Notifications/Templates/TemplateRules.cs", "Notifications/MessagesText", 5)]
    [InlineData("Notifications/Templates/MessageTemplateStore.cs", "Notifications/MessagesText", 2)]
    public void Every_other_features_rule_message_has_an_English_and_a_Spanish_text(string source, string texts, int found)
    {
        var keys = MessageLiteral().Matches(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "BookingPortal", "Features", source)))
            .Select(m => m.Groups["key"].Value).ToHashSet();
        var (english, spanish) = (Texts($"../{texts}.resx"), Texts($"../{texts}.es.resx"));

        keys.Should().HaveCount(found, "the scan must find the rules' messages");
        keys.Except(english.Keys).Should().BeEmpty("English needs every rule's message");
        keys.Except(spanish.Keys).Should().BeEmpty("Spanish needs every rule's message");
    }

    [Fact]
    public void Every_change_named_after_Saved_has_an_English_and_a_Spanish_text()
    {
        var source = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "BookingPortal", "Features", "Admin", "ServiceChanges.cs"));
        var keys = ChangeName().Matches(source).Select(m => m.Groups["key"].Value).ToHashSet();
        var (english, spanish) = (Texts("PortalText.resx"), Texts("PortalText.es.resx"));

        keys.Should().HaveCountGreaterThan(25, "the scan must find every field's label and the slots' changes");
        keys.Except(english.Keys).Should().BeEmpty("English needs every change's name");
        keys.Except(spanish.Keys).Should().BeEmpty("Spanish needs every change's name");
    }

    [Fact]
    public void In_English_each_error_reads_as_the_rules_give_it()
    {
        var text = Localization.PortalText();
        using var english = Localization.InCulture("en-US");
        var errors = BrokenServices().SelectMany(ServiceRules.Validate).ToList();

        errors.Should().HaveCountGreaterThan(20).And.OnlyContain(e => FieldErrorText.For(e, text) == e.Message);
        errors.Select(e => e.Message).Should().Contain([
            "Give the service a name.", "Keep the name to 100 characters.", "Keep the price to 999,999.99 or less.",
            "The slot must be as long as the appointment (45 minutes).", "This slot overlaps slot 1 (09:00–10:00) on a shared day."]);
    }

    [Fact]
    public void In_Spanish_each_error_is_in_Spanish_with_its_values()
    {
        var text = Localization.PortalText();
        var errors = BrokenServices().SelectMany(ServiceRules.Validate).ToList();
        using var spanish = Localization.InCulture("es-ES");

        var translated = errors.Select(e => FieldErrorText.For(e, text)).ToList();

        translated.Should().OnlyContain(message => !errors.Any(e => e.Message == message), "no rule's message stays in English");
        translated.Should().Contain(["El nombre puede tener como máximo 100 caracteres.", "El precio puede ser como máximo 999.999,99.",
            "La franja debe durar lo mismo que la cita (45 minutos).", "Esta franja se solapa con la franja 1 (09:00–10:00) en un día común."]);
        errors.Select(e => e.Message).Should().Contain("Give the service a name.", "the error itself keeps its English text");
    }

    /// <summary>Services breaking most rules, with values in the messages.</summary>
    private static IEnumerable<Service> BrokenServices()
    {
        var blank = ServiceAdminService.NewDraft();
        blank.DurationMinutes = 45;
        blank.Price = -1;
        blank.Currency = "us";
        blank.TimeZoneId = "Nowhere";
        blank.AvailableDays = DaysOfWeekMask.None;
        (blank.MaxAdvanceBookingDays, blank.MinAdvanceBookingHours, blank.MaxActiveBookingsPerCustomer) = (0, -1, 0);
        (blank.RequireDeposit, blank.DepositAmount, blank.CancellationFee) = (true, 0, -1);
        (blank.FreeCancellationHours, blank.ChangesAllowedUntilHours, blank.NoShowGraceMinutes) = (48, 10_000, -1);
        (blank.BufferBeforeMinutes, blank.BufferAfterMinutes, blank.ApprovalHoldHours) = (-1, -1, 0);
        blank.TimeSlots.Add(new TimeSlotTemplate { Days = DaysOfWeekMask.None, Start = new TimeOnly(9, 30), End = new TimeOnly(9, 0), Capacity = 0 });
        blank.TimeSlots.Add(new TimeSlotTemplate { Days = DaysOfWeekMask.Weekdays, Start = new TimeOnly(9, 30), End = new TimeOnly(10, 15), Capacity = 1 });

        var tooLong = ServiceAdminService.NewDraft();
        tooLong.Name = new string('n', 101);
        tooLong.Description = new string('d', 2001);
        (tooLong.Price, tooLong.DepositAmount, tooLong.CancellationFee) = (1_000_000.001m, 1_000_000.001m, 1_000_000.001m);
        tooLong.Address = new string('a', 401);
        tooLong.TimeSlots.Clear();

        var virtualInYen = ServiceAdminService.NewDraft();
        (virtualInYen.Name, virtualInYen.Currency, virtualInYen.Price, virtualInYen.DepositAmount) = ("Video call", "JPY", 1000.5m, 0.5m);
        (virtualInYen.LocationKind, virtualInYen.VideoLink, virtualInYen.CancellationFee) = (LocationKind.Virtual, "http://" + new string('v', 400), 0.5m);
        (virtualInYen.BufferBeforeMinutes, virtualInYen.BufferAfterMinutes) = (15, 15);
        virtualInYen.TimeSlots.Add(new TimeSlotTemplate { Days = DaysOfWeekMask.Weekdays, Start = new TimeOnly(10, 15), End = new TimeOnly(11, 15), Capacity = 1 });
        return [blank, tooLong, virtualInYen];
    }

    private static Dictionary<string, string> Texts(string file) =>
        XDocument.Load(Path.Combine(RepositoryRoot.Path, "BookingPortal", "Features", "Localization", file)).Root!.Elements("data")
            .ToDictionary(data => (string)data.Attribute("name")!, data => (string)data.Element("value")!);

    // A rule's message: a plain string literal that is a sentence (interpolated strings are the fields' names and the values).
    [GeneratedRegex(@"(?<![\$@])""(?<key>[A-Z{][^""]*\.)""")]
    private static partial Regex MessageLiteral();

    // A change's name: an editable field's label, or what happened to a slot.
    [GeneratedRegex(@"EditableField\.Of\(""(?<key>[^""]+)""|""(?<key>[a-z]+ slot \{0\})""")]
    private static partial Regex ChangeName();
}

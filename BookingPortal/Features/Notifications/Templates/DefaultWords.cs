using System.Text.Json;

namespace BookingPortal.Features.Notifications.Templates;

/// <summary>What one kind of message says in the default templates.</summary>
public sealed record KindWords(string Subject, string Headline, string Extra, string Action, string Sms);

/// <summary>
/// The default templates' words in one language. They are text for a translator, not code: each language's words
/// are in DefaultWords-{language}.json beside this file, embedded in the portal and read once, at first use.
/// </summary>
public sealed record DefaultWords(
    string Greeting, string Service, string With, string When, string Where, string ConfirmationNumber, string GoogleQuestion, string GoogleAction,
    string ManageBooking, IReadOnlyDictionary<NotificationKind, KindWords> Kinds)
{
    private static readonly Lazy<DefaultWords> English = new(() => Load(MessageLanguage.English));
    private static readonly Lazy<DefaultWords> Spanish = new(() => Load(MessageLanguage.Spanish));

    public static DefaultWords For(string language) => (language == MessageLanguage.Spanish ? Spanish : English).Value;

    private static DefaultWords Load(string language)
    {
        var name = $"{typeof(DefaultWords).FullName}-{language}.json";
        using var stream = typeof(DefaultWords).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The default templates' words for '{language}' are not in the portal ({name}).");
        return Read(stream);
    }

    internal static DefaultWords Read(Stream json) =>
        JsonSerializer.Deserialize<DefaultWords>(json, Strict) ?? throw new JsonException("The default templates' words are null.");

    /// <summary>A translator's slip (a misspelt or missing name, a null) fails the first message, not renders blank.</summary>
    private static readonly JsonSerializerOptions Strict = new(JsonSerializerOptions.Web)
    {
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };
}

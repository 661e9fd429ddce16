using BookingPortal.Features.Notifications.Ports;
using System.Text.RegularExpressions;

namespace BookingPortal.Features.Notifications;

/// <summary>
/// A message for a person left unsent long after it was due (a backlog kept while delivery was off or down) is
/// no news by now; one whose links open localhost (written while the portal's address was still the loopback
/// default) would open the reader's own computer. Webhooks are for systems, which want every event however late.
/// </summary>
public static partial class StaleMessages
{
    /// <returns>Why the e-mail or text is too stale to send, for its row; null when it may go.</returns>
    public static string? Reason(OutboxMessage message, NotificationsOptions settings, DateTime nowUtc) =>
        message.NextAttemptAtUtc < OverdueBefore(settings, nowUtc)
            ? $"Not sent: due since {message.NextAttemptAtUtc:yyyy-MM-dd HH:mm} UTC, more than '{NotificationsOptions.SectionName}:{nameof(settings.MaxDelayHours)}' ({settings.MaxDelayHours}) hours before it could go."
            : !settings.PortalBaseUrlIsLoopback && LinksToLoopback(message.TextBody)
                ? $"Not sent: its links open localhost, the reader's own computer (written before '{NotificationsOptions.SectionName}:PortalBaseUrl' was set, or a service's link points there)."
                : null;

    /// <summary>An e-mail or text due before this instant is never sent: the dispatcher skips it whenever it meets it.</summary>
    public static DateTime OverdueBefore(NotificationsOptions settings, DateTime nowUtc) => nowUtc.AddHours(-settings.MaxDelayHours);

    /// <summary>Whether any link in the text opens this computer, by the rule the portal address is judged by (Uri.IsLoopback).</summary>
    private static bool LinksToLoopback(string text) =>
        Link().Matches(text).Any(link => Uri.TryCreate(link.Value, UriKind.Absolute, out var address) && address.IsLoopback);

    [GeneratedRegex(@"https?://[^\s""'<>()]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Link();
}

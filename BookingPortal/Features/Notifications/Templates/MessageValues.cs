using BookingPortal.Features.Bookings;
using BookingPortal.Features.Catalog;

namespace BookingPortal.Features.Notifications.Templates;

/// <summary>The value of every placeholder for one message, in the customer's language.</summary>
public static class MessageValues
{
    private static readonly CultureInfo SpanishCulture = CultureInfo.GetCultureInfo("es-ES");

    public static Dictionary<string, string> For(MessageFacts facts)
    {
        var spanish = facts.Language == MessageLanguage.Spanish;
        var culture = spanish ? SpanishCulture : null;
        var a = facts.Appointment;
        var date = facts.Days is { Count: > 1 } days ? Dates(days, spanish, culture) : DisplayFormat.ShortDate(a.LocalStart, culture);
        return new Dictionary<string, string>
        {
            [Placeholders.CustomerName] = facts.CustomerName,
            [Placeholders.Service] = a.PrivacyMode ? PrivateTitle(facts) : a.ServiceName,
            [Placeholders.Practitioner] = a.PractitionerName ?? "",
            [Placeholders.Date] = date,
            [Placeholders.Time] = $"{DisplayFormat.Time(a.LocalStart, culture)} {Zone(a.TimeZoneId, spanish)}",
            [Placeholders.When] = $"{DisplayFormat.Date(a.LocalStart, culture)}, {DisplayFormat.TimeRange(a.LocalStart, a.LocalEnd, culture)} {Zone(a.TimeZoneId, spanish)} ({a.TimeZoneId})",
            [Placeholders.Location] = a.LocationKind == LocationKind.Virtual ? $"{(spanish ? "En línea" : "Online")}: {a.VideoLink}" : a.Address ?? "",
            [Placeholders.ManageLink] = a.Link.ToString(),
            [Placeholders.ConfirmationNumber] = a.ConfirmationNumber ?? "",
            [Placeholders.Clinic] = facts.ClinicName,
            [Placeholders.StartsIn] = StartsIn(facts.MinutesBefore, spanish),
            [Placeholders.PreviousTime] = facts.PreviousLocalStart is { } before ? $"{DisplayFormat.Date(before, culture)}, {DisplayFormat.Time(before, culture)}" : "",
            [Placeholders.OfferEnds] = facts.OfferExpiresLocal is { } until ? Deadline(until, a.TimeZoneId, spanish, culture) : "",
            [Placeholders.CancellationSummary] = CancellationSummary(facts, spanish),
            [Placeholders.GoogleCalendarLink] = facts.GoogleCalendarLink ?? "",
            [Placeholders.Reason] = facts.Reason ?? "",
            [Placeholders.NextStep] = NextStep(facts, spanish, culture),
            [Placeholders.TurnEnds] = facts.TurnEndsLocal is { } ends ? $"{DisplayFormat.Time(ends, culture)} {Zone(a.TimeZoneId, spanish)}" : "",
            [Placeholders.ResumeLink] = facts.ResumeLink ?? "",
            [Placeholders.PlacesEnded] = facts.Kind == NotificationKind.WaitlistClosed ? PlacesEnded(date, facts.Days is { Count: > 1 }, spanish) : "",
        };
    }

    /// <summary>Privacy mode's whole subject and its stand-in for the service's name: "Your appointment at North Clinic".</summary>
    public static string PrivateTitle(MessageFacts facts) => PrivateTitle(facts.ClinicName, facts.Language);

    public static string PrivateTitle(string clinicName, string language) =>
        language == MessageLanguage.Spanish ? $"Su cita en {clinicName}" : $"Your appointment at {clinicName}";

    /// <summary>A calendar entry's words in <paramref name="language"/>: a message's file and link are in its customer's language.</summary>
    public static CalendarWords CalendarWords(string clinicName, string language)
    {
        var words = DefaultWords.For(language);
        return new CalendarWords(PrivateTitle(clinicName, language), words.With, words.ConfirmationNumber, words.ManageBooking);
    }

    /// <summary>On a page or a download: in the visitor's language, the page's.</summary>
    public static CalendarWords CalendarWords(string clinicName) => CalendarWords(clinicName, MessageLanguage.Of(CultureInfo.CurrentUICulture.Name));

    /// <summary>"Mon 5 Jan 2026, Tue 6 Jan 2026 and Fri 9 Jan 2026": the days of one message.</summary>
    private static string Dates(IReadOnlyList<DateTimeOffset> days, bool spanish, CultureInfo? culture)
    {
        var named = days.Select(d => DisplayFormat.ShortDate(d, culture)).ToList();
        return $"{string.Join(", ", named[..^1])} {(spanish ? "y" : "and")} {named[^1]}";
    }

    /// <summary>"your place on its waitlist for Mon 5 Jan 2026 has ended", or "your places … have ended" for a customer waiting for several days.</summary>
    private static string PlacesEnded(string date, bool several, bool spanish) => (several, spanish) switch
    {
        (false, false) => $"your place on its waitlist for {date} has ended",
        (true, false) => $"your places on its waitlist for {date} have ended",
        (false, true) => $"su lugar en la lista de espera del {date} ha terminado",
        (true, true) => $"sus lugares en la lista de espera de los días {date} han terminado",
    };

    private static string Zone(string timeZoneId, bool spanish) =>
        spanish ? $"hora de {DisplayFormat.City(timeZoneId)}" : $"{DisplayFormat.City(timeZoneId)} time";

    /// <summary>
    /// "Sat 7 Mar 2026 1:30 PM New York time": a deadline names the service's zone as the appointment's time does, so a
    /// customer whose own clock reads differently does not take it for theirs and miss it.
    /// </summary>
    private static string Deadline(DateTimeOffset local, string timeZoneId, bool spanish, CultureInfo? culture) =>
        $"{DisplayFormat.ShortDate(local, culture)} {DisplayFormat.Time(local, culture)} {Zone(timeZoneId, spanish)}";

    /// <summary>"tomorrow", "in 3 days", "in 2 hours", "in 15 minutes": how far off the start is when the reminder is queued.</summary>
    private static string StartsIn(int? minutesBefore, bool spanish)
    {
        if (minutesBefore is not { } minutes)
        {
            return "";
        }

        var hours = (int)Math.Round(minutes / 60.0);
        return (minutes, spanish) switch
        {
            ( >= 18 * 60 and <= 36 * 60, false) => "tomorrow",
            ( >= 18 * 60 and <= 36 * 60, true) => "mañana",
            ( > 36 * 60, false) => $"in {(int)Math.Round(minutes / 1440.0)} days",
            ( > 36 * 60, true) => $"dentro de {(int)Math.Round(minutes / 1440.0)} días",
            ( < 45, false) => minutes == 1 ? "in 1 minute" : $"in {minutes} minutes",
            ( < 45, true) => minutes == 1 ? "dentro de 1 minuto" : $"dentro de {minutes} minutos",
            ( < 90, false) => "in about an hour",
            ( < 90, true) => "dentro de una hora aproximadamente",
            (_, false) => $"in {hours} hours",
            (_, true) => $"dentro de {hours} horas",
        };
    }

    /// <summary>An approved request, or a booking made at the turn: the deposit still to pay online and by when, or that it is booked.</summary>
    private static string NextStep(MessageFacts facts, bool spanish, CultureInfo? culture)
    {
        if (facts.Kind is not (NotificationKind.ApprovalGranted or NotificationKind.DepositDue))
        {
            return "";
        }

        if (facts.PayByLocal is not { } payBy)
        {
            return spanish ? "Su cita está reservada." : "Your appointment is booked.";
        }

        var deposit = DisplayFormat.Money(facts.DepositDue ?? 0, facts.Currency ?? "USD", culture);
        var by = Deadline(payBy, facts.Appointment.TimeZoneId, spanish, culture);
        return spanish
            ? $"Pague el depósito de {deposit} antes del {by} para conservar su plaza."
            : $"Please pay the deposit of {deposit} by {by} to keep your seat.";
    }

    private static string CancellationSummary(MessageFacts facts, bool spanish)
    {
        var fee = facts.FeeRetained ?? 0;
        var released = facts.Released ?? 0;
        var currency = facts.Currency ?? "USD";
        if (facts.Kind == NotificationKind.LatePaymentRefunded)
        {
            // Nothing was "no longer due" here: the money was taken, and all of it goes back.
            return spanish
                ? $"El depósito de {DisplayFormat.Money(released, currency, SpanishCulture)} se cobró después de liberarse la plaza y se le devuelve íntegramente."
                : $"The deposit of {DisplayFormat.Money(released, currency)} was charged after the seat was released and is refunded in full.";
        }

        if (facts.Kind == NotificationKind.SecondPaymentRefunded)
        {
            return spanish
                ? $"El segundo pago, de {DisplayFormat.Money(released, currency, SpanishCulture)}, se le devuelve íntegramente."
                : $"The second payment, of {DisplayFormat.Money(released, currency)}, is refunded in full.";
        }

        if (fee == 0 && released == 0)
        {
            return spanish ? "No había depósito que devolver." : "There was no deposit to refund.";
        }

        var feeText = DisplayFormat.Money(fee, currency);
        var releasedText = DisplayFormat.Money(released, currency);
        return (fee > 0, spanish) switch
        {
            (true, false) => $"A late-cancellation fee of {feeText} is kept; {releasedText} of the deposit is refunded or no longer due.",
            (true, true) => $"Se retiene un cargo por cancelación tardía de {feeText}; {releasedText} del depósito se devuelven o dejan de deberse.",
            (false, false) => $"Your deposit of {releasedText} is refunded in full or no longer due.",
            (false, true) => $"Su depósito de {releasedText} se devuelve íntegro o deja de deberse.",
        };
    }
}

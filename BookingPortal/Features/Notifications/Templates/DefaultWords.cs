using BookingPortal.Domain;

namespace BookingPortal.Features.Notifications.Templates;

/// <summary>What one kind of message says in the default templates.</summary>
public sealed record KindWords(string Subject, string Headline, string Extra, string Action, string Sms);

/// <summary>The default templates' words in one language.</summary>
public sealed record DefaultWords(
    string Greeting, string Service, string When, string Where, string ConfirmationNumber, string GoogleQuestion, string GoogleAction,
    IReadOnlyDictionary<NotificationKind, KindWords> Kinds)
{
    public static DefaultWords For(string language) => language == MessageLanguage.Spanish ? Spanish : English;

    private static readonly DefaultWords English = new(
        "Hello {{customer_name}},", "Service", "When", "Where", "Confirmation number", "Using Google Calendar?", "Add it to Google Calendar",
        new Dictionary<NotificationKind, KindWords>
        {
            [NotificationKind.BookingConfirmation] = new(
                "Booked: {{service}} on {{date}} {{time}} ({{confirmation_number}})", "Your appointment is booked.",
                "The attached calendar file adds it to Outlook or Apple Calendar.", "Manage your booking",
                "Booked: {{service}} on {{date}} {{time}}. Ref {{confirmation_number}}. {{manage_link}}"),
            [NotificationKind.Reminder24h] = new(
                "Reminder: {{service}} {{starts_in}}, {{date}} {{time}}", "A reminder: your appointment is {{starts_in}}.", "", "Manage your booking",
                "Reminder: {{service}} {{starts_in}} {{date}} {{time}}. Ref {{confirmation_number}}. {{manage_link}}"),
            [NotificationKind.Reminder1h] = new(
                "Starting soon: {{service}} at {{time}}", "Your appointment starts {{starts_in}}.", "", "Manage your booking",
                "Starting soon: {{service}} at {{time}}. Ref {{confirmation_number}}. {{manage_link}}"),
            [NotificationKind.Cancellation] = new(
                "Cancelled: {{service}} on {{date}} {{time}} ({{confirmation_number}})", "Your appointment is cancelled. {{cancellation_summary}}",
                "The attached calendar file removes the event from your calendar.", "Book again",
                "Cancelled: {{service}} on {{date}} {{time}}. Ref {{confirmation_number}}. {{cancellation_summary}}"),
            [NotificationKind.Rescheduled] = new(
                "Moved: {{service}} is now {{date}} {{time}} ({{confirmation_number}})", "Your appointment has moved from {{previous_time}} to the new time below.",
                "The attached calendar file updates the event already in your calendar.", "Manage your booking",
                "Moved: {{service}} is now {{date}} {{time}}. Ref {{confirmation_number}}. {{manage_link}}"),
            [NotificationKind.WaitlistSeatOffered] = new(
                "A seat is free: {{service}} on {{date}} {{time}}",
                "Good news: a seat you were waiting for is free, and we are holding it for you until {{offer_ends}}.",
                "If you no longer want it, do nothing: when the hold ends the seat goes to the next person waiting.", "Claim the seat",
                "A seat is free for {{service}} on {{date}} {{time}}. It is held for you until {{offer_ends}}. Claim it: {{manage_link}}"),
        });

    private static readonly DefaultWords Spanish = new(
        "Hola, {{customer_name}}:", "Servicio", "Cuándo", "Dónde", "Número de confirmación", "¿Usa Google Calendar?", "Añádala a Google Calendar",
        new Dictionary<NotificationKind, KindWords>
        {
            [NotificationKind.BookingConfirmation] = new(
                "Reservada: {{service}} el {{date}} {{time}} ({{confirmation_number}})", "Su cita está reservada.",
                "El archivo de calendario adjunto la añade a Outlook o a Apple Calendar.", "Gestionar su reserva",
                "Reservada: {{service}} el {{date}} {{time}}. Ref. {{confirmation_number}}. {{manage_link}}"),
            [NotificationKind.Reminder24h] = new(
                "Recordatorio: {{service}} {{starts_in}}, {{date}} {{time}}", "Un recordatorio: su cita es {{starts_in}}.", "", "Gestionar su reserva",
                "Recordatorio: {{service}} {{starts_in}} {{date}} {{time}}. Ref. {{confirmation_number}}. {{manage_link}}"),
            [NotificationKind.Reminder1h] = new(
                "Empieza pronto: {{service}} a las {{time}}", "Su cita empieza {{starts_in}}.", "", "Gestionar su reserva",
                "Empieza pronto: {{service}} a las {{time}}. Ref. {{confirmation_number}}. {{manage_link}}"),
            [NotificationKind.Cancellation] = new(
                "Cancelada: {{service}} el {{date}} {{time}} ({{confirmation_number}})", "Su cita está cancelada. {{cancellation_summary}}",
                "El archivo de calendario adjunto elimina el evento de su calendario.", "Reservar de nuevo",
                "Cancelada: {{service}} el {{date}} {{time}}. Ref. {{confirmation_number}}. {{cancellation_summary}}"),
            [NotificationKind.Rescheduled] = new(
                "Cambiada: {{service}} es ahora el {{date}} {{time}} ({{confirmation_number}})", "Su cita ha pasado del {{previous_time}} a la nueva hora que figura abajo.",
                "El archivo de calendario adjunto actualiza el evento que ya está en su calendario.", "Gestionar su reserva",
                "Cambiada: {{service}} es ahora el {{date}} {{time}}. Ref. {{confirmation_number}}. {{manage_link}}"),
            [NotificationKind.WaitlistSeatOffered] = new(
                "Hay una plaza libre: {{service}} el {{date}} {{time}}",
                "Buenas noticias: ha quedado libre una plaza que esperaba y se la guardamos hasta el {{offer_ends}}.",
                "Si ya no la quiere, no haga nada: cuando termine la reserva, la plaza pasará a la siguiente persona en espera.", "Reclamar la plaza",
                "Hay una plaza libre para {{service}} el {{date}} {{time}}. Se la guardamos hasta el {{offer_ends}}. Reclámela: {{manage_link}}"),
        });
}

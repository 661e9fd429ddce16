namespace BookingPortal.Features.Notifications.Templates;

/// <summary>What one kind of message says in the default templates.</summary>
public sealed record KindWords(string Subject, string Headline, string Extra, string Action, string Sms);

/// <summary>The default templates' words in one language.</summary>
public sealed record DefaultWords(
    string Greeting, string Service, string With, string When, string Where, string ConfirmationNumber, string GoogleQuestion, string GoogleAction,
    IReadOnlyDictionary<NotificationKind, KindWords> Kinds)
{
    public static DefaultWords For(string language) => language == MessageLanguage.Spanish ? Spanish : English;

    private static readonly DefaultWords English = new(
        "Hello {{customer_name}},", "Service", "With", "When", "Where", "Confirmation number", "Using Google Calendar?", "Add it to Google Calendar",
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
            [NotificationKind.PractitionerChanged] = new(
                "New practitioner: {{service}} on {{date}} {{time}} is with {{practitioner}} ({{confirmation_number}})",
                "We are sorry: the practitioner you booked is away, so {{practitioner}} will see you instead. The time and place are unchanged.",
                "If this does not suit you, please contact us or change your booking from the link below.", "Manage your booking",
                "New practitioner for {{service}} on {{date}} {{time}}: {{practitioner}}. Ref {{confirmation_number}}. {{manage_link}}"),
            [NotificationKind.ApprovalRequested] = new(
                "Requested: {{service}} on {{date}} {{time}} ({{confirmation_number}})",
                "We have your request. Our staff will review it; your seat is held until they answer, and nothing is charged yet.",
                "We will e-mail you as soon as staff approve or decline it.", "Manage your booking",
                "Requested: {{service}} on {{date}} {{time}}. Ref {{confirmation_number}}. We will tell you when staff answer."),
            [NotificationKind.ApprovalGranted] = new(
                "Approved: {{service}} on {{date}} {{time}} ({{confirmation_number}})", "Your request is approved. {{next_step}}", "", "Manage your booking",
                "Approved: {{service}} on {{date}} {{time}}. {{next_step}} {{manage_link}}"),
            [NotificationKind.ApprovalDeclined] = new(
                "Not approved: {{service}} on {{date}} {{time}} ({{confirmation_number}})",
                "We are sorry: your request was not approved, and nothing is charged. Reason: {{reason}}", "", "Book again",
                "Not approved: {{service}} on {{date}} {{time}}. Reason: {{reason}}"),
            [NotificationKind.YourTurn] = new(
                "Your turn: book {{service}} by {{turn_ends}}",
                "It's your turn to book. Your turn is kept until {{turn_ends}}; the button below takes you straight to it, on this device or any other.",
                "The link works once. If you don't book by then, your turn passes to the next person in line.", "Book now",
                "Your turn to book {{service}} has come. It is kept until {{turn_ends}}. Book now (link works once): {{resume_link}}"),
        });

    private static readonly DefaultWords Spanish = new(
        "Hola, {{customer_name}}:", "Servicio", "Con", "Cuándo", "Dónde", "Número de confirmación", "¿Usa Google Calendar?", "Añádala a Google Calendar",
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
            [NotificationKind.PractitionerChanged] = new(
                "Nuevo profesional: {{service}} el {{date}} {{time}} será con {{practitioner}} ({{confirmation_number}})",
                "Lo sentimos: el profesional que reservó no estará, así que le atenderá {{practitioner}}. La hora y el lugar no cambian.",
                "Si no le conviene, contacte con nosotros o cambie su reserva desde el enlace de abajo.", "Gestionar su reserva",
                "Nuevo profesional para {{service}} el {{date}} {{time}}: {{practitioner}}. Ref. {{confirmation_number}}. {{manage_link}}"),
            [NotificationKind.ApprovalRequested] = new(
                "Solicitada: {{service}} el {{date}} {{time}} ({{confirmation_number}})",
                "Hemos recibido su solicitud. Nuestro personal la revisará; su plaza queda reservada hasta que respondan y todavía no se cobra nada.",
                "Le escribiremos en cuanto la aprueben o la rechacen.", "Gestionar su reserva",
                "Solicitada: {{service}} el {{date}} {{time}}. Ref. {{confirmation_number}}. Le avisaremos cuando respondan."),
            [NotificationKind.ApprovalGranted] = new(
                "Aprobada: {{service}} el {{date}} {{time}} ({{confirmation_number}})", "Su solicitud está aprobada. {{next_step}}", "", "Gestionar su reserva",
                "Aprobada: {{service}} el {{date}} {{time}}. {{next_step}} {{manage_link}}"),
            [NotificationKind.ApprovalDeclined] = new(
                "No aprobada: {{service}} el {{date}} {{time}} ({{confirmation_number}})",
                "Lo sentimos: su solicitud no se ha aprobado y no se cobra nada. Motivo: {{reason}}", "", "Reservar de nuevo",
                "No aprobada: {{service}} el {{date}} {{time}}. Motivo: {{reason}}"),
            [NotificationKind.YourTurn] = new(
                "Es su turno: reserve {{service}} antes de las {{turn_ends}}",
                "Es su turno para reservar. Se lo guardamos hasta las {{turn_ends}}; el botón de abajo le lleva directamente a él, en este dispositivo o en cualquier otro.",
                "El enlace funciona una sola vez. Si no reserva antes de esa hora, su turno pasa a la siguiente persona de la fila.", "Reservar ahora",
                "Le toca reservar {{service}}. Su turno se guarda hasta las {{turn_ends}}. Reserve ahora (el enlace funciona una vez): {{resume_link}}"),
        });
}

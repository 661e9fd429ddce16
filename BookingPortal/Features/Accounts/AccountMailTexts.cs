namespace BookingPortal.Features.Accounts;

/// <summary>The words of one account e-mail in one language; the HTML and the plain-text part say the same.</summary>
public sealed record AccountMailText(string Language, string Subject, string Greeting, string Body, string Action, string Footer);

/// <summary>
/// The account e-mails (Identity's and the staff invitation) in English and Spanish, chosen by the
/// language the customer used the portal in. Kept here rather than in the page resources: a message
/// is written for its reader, not in the language of whoever's request caused it.
/// </summary>
public static class AccountMailTexts
{
    public static bool IsSpanish(string? culture) => culture is not null && culture.StartsWith("es", StringComparison.OrdinalIgnoreCase);

    /// <summary>Each message with its translation beside it, so a new kind cannot be written in one language only.</summary>
    public static AccountMailText For(NotificationKind kind, string? culture)
    {
        var spanish = IsSpanish(culture);
        return kind switch
        {
            NotificationKind.ConfirmEmail => spanish
                ? Es("Confirme su dirección de correo",
                    "Confirme esta dirección para su cuenta de BookingPortal. Hasta entonces no podrá reservar, apuntarse a una lista de espera ni conservar un puesto en una sala de espera.", "Confirmar mi dirección")
                : En("Confirm your e-mail address",
                    "Please confirm this address for your BookingPortal account. Until you do, you cannot book, join a waitlist or keep a place in a waiting room.", "Confirm my address"),
            NotificationKind.ResetPassword => spanish
                ? Es("Restablezca su contraseña",
                    "Alguien (esperamos que usted) ha pedido restablecer la contraseña de su cuenta de BookingPortal. El enlace funciona una vez y durante un tiempo limitado.", "Elegir una contraseña nueva")
                : En("Reset your password",
                    "Someone (we hope you) asked to reset the password of your BookingPortal account. The link works once, for a limited time.", "Choose a new password"),
            NotificationKind.ConfirmEmailChange => spanish
                ? Es("Confirme su nueva dirección de correo",
                    "Confirme que esta es la nueva dirección de su cuenta de BookingPortal. Su dirección anterior sigue en uso hasta entonces.", "Confirmar la nueva dirección")
                : En("Confirm your new e-mail address",
                    "Please confirm that this is the new address for your BookingPortal account. Your old address stays in use until you do.", "Confirm the new address"),
            NotificationKind.StaffInvitation => spanish
                ? Es("Le han invitado a BookingPortal",
                    "Un compañero le ha invitado al área de personal de BookingPortal. Elija una contraseña para empezar; el enlace funciona una vez, durante un día.", "Elegir una contraseña")
                : En("You are invited to BookingPortal",
                    "A colleague invited you to the staff area of BookingPortal. Choose a password to start; the link works once, for a day.", "Choose a password"),
            NotificationKind.AlreadyRegistered => spanish
                ? Es("Ya tiene una cuenta",
                    "Alguien ha intentado registrar una cuenta nueva de BookingPortal con esta dirección, que ya tiene una. Si ha sido usted, inicie sesión, o restablezca su contraseña si la ha olvidado.", "Iniciar sesión")
                : En("You already have an account",
                    "Someone tried to register a new BookingPortal account with this address, which already has one. If it was you, sign in, or reset your password if you forgot it.", "Sign in"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not an account message."),
        };
    }

    private static AccountMailText En(string subject, string body, string action) =>
        new("en", subject, "Hello,", body, action, "If you did not ask for this, ignore this message: nothing changes until the link is used.");

    private static AccountMailText Es(string subject, string body, string action) =>
        new("es", subject, "Hola:", body, action, "Si no lo ha pedido usted, ignore este mensaje: nada cambia hasta que se use el enlace.");

    public static string PlainText(AccountMailText text, string link) =>
        string.Join("\n", text.Greeting, "", text.Body, "", $"{text.Action}: {link}", "", text.Footer, "", "BookingPortal");
}

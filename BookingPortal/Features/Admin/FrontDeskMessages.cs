using BookingPortal.Features.Localization;
using MudBlazor;

namespace BookingPortal.Features.Admin;

/// <summary>
/// What the desk's buttons say when they have done their work (front desk and appointment pages alike). The constants are
/// the English texts and the keys of their translations (PortalText); pages show them in their language through <c>Of</c>.
/// </summary>
public static class FrontDeskMessages
{
    public const string CheckedIn = "Checked in.";
    public const string NoShowMarked = "Marked as a no-show; the deposit is forfeited.";
    public const string NoShowUndone = "No-show undone: marked as attended and the forfeit reversed.";
    public const string NothingChanged = "Nothing changed: the booking was updated meanwhile.";

    /// <summary>Staff must see why the visit cannot be put back.</summary>
    public const string PractitionerTaken = "Not undone: the practitioner or the room now has another appointment at that time. Give that one to someone else first.";

    /// <summary>What the desk says after a check-in or a no-show (<paramref name="done"/>), and how loudly; nothing changed when another hand got there first.</summary>
    public static (string Message, Severity Severity) Of(bool changed, string done, IStringLocalizer<PortalText> text) =>
        changed ? (text[done], Severity.Success) : (text[NothingChanged], Severity.Info);

    /// <summary>What the desk says after undoing a no-show, and how loudly.</summary>
    public static (string Message, Severity Severity) Of(UndoNoShowOutcome outcome, IStringLocalizer<PortalText> text) => outcome switch
    {
        UndoNoShowOutcome.Undone => (text[NoShowUndone], Severity.Success),
        UndoNoShowOutcome.PractitionerUnavailable => (text[PractitionerTaken], Severity.Warning),
        _ => (text[NothingChanged], Severity.Info),
    };
}

/// <summary>What undoing a no-show did.</summary>
public enum UndoNoShowOutcome
{
    Undone,

    /// <summary>Not a no-show (any more): undone already, or never one.</summary>
    NothingChanged,

    /// <summary>The practitioner or the room was given another appointment at that time after the no-show freed them.</summary>
    PractitionerUnavailable,
}

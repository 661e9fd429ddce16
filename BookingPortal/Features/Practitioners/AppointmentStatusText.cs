namespace BookingPortal.Features.Practitioners;

/// <summary>A booking's status in the words of the practitioners pages.</summary>
public static class AppointmentStatusText
{
    public static string Of(IStringLocalizer<PractitionersText> text, BookingStatus status) => status switch
    {
        BookingStatus.PendingPayment => text["Awaiting payment"],
        BookingStatus.AwaitingApproval => text["Awaiting approval"],
        BookingStatus.Confirmed => text["Confirmed"],
        BookingStatus.Completed => text["Checked in"],
        BookingStatus.NoShow => text["No-show"],
        _ => text["Cancelled"],
    };
}

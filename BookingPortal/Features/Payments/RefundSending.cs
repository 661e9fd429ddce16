using BookingPortal.Features.Localization;

namespace BookingPortal.Features.Payments;

/// <summary>What became of the refunds sent at once after the change that owed them (<see cref="RefundDispatcher.SendNowAsync"/>).</summary>
public enum RefundSending
{
    /// <summary>The provider accepted every refund of the booking.</summary>
    Sent,

    /// <summary>Not accepted yet: the refund job sends it again.</summary>
    Retrying,

    /// <summary>No online gateway is configured (pay at reception): nothing will send it, staff make it by hand from the refunds list.</summary>
    ByStaff,
}

/// <summary>What the customer is told of a refund that did not go at once; the caller adds it to its own message.</summary>
public static class RefundSendingText
{
    public static string Note(IStringLocalizer<PortalText> text, RefundSending sending) => sending switch
    {
        RefundSending.Sent => "",
        RefundSending.ByStaff => " " + text["Our staff will send the refund to your card by hand, usually within a few working days."],
        _ => " " + text["The refund to your card could not be sent yet; we keep trying, and our staff will step in if it does not go through."],
    };
}

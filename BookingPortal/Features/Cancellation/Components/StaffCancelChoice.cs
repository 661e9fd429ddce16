namespace BookingPortal.Features.Cancellation.Components;

/// <summary>What staff choose when they cancel for a customer: whether the fee is waived, and why they cancel.</summary>
public sealed class StaffCancelChoice
{
    public bool WaiveFee { get; private set; }

    public string? Reason { get; set; }

    /// <summary>Asked to waive without saying why: shown beside the reason until they say why or untick.</summary>
    public bool ReasonMissing { get; private set; }

    public void Waive(bool waive)
    {
        WaiveFee = waive;
        ReasonMissing &= waive;
    }

    /// <returns>Whether it can be sent: a waived fee needs a reason.</returns>
    public bool IsComplete()
    {
        ReasonMissing = WaiveFee && string.IsNullOrWhiteSpace(Reason);
        return !ReasonMissing;
    }
}

namespace BookingPortal.Domain;

/// <summary>The service-local dates whose slots can be sold; an open end means no limit on that side.</summary>
public readonly record struct SlotDateRange(DateOnly? From, DateOnly? Until)
{
    public static readonly SlotDateRange Unlimited = new(null, null);

    public bool Contains(DateOnly localDate) => (From is not { } from || localDate >= from) && (Until is not { } until || localDate <= until);

    public bool Contains(SlotOccurrence slot) => Contains(DateOnly.FromDateTime(slot.LocalStart.DateTime));
}

using BookingPortal.Features.Catalog;

namespace BookingPortal.Features.Booking.Pages;

/// <summary>
/// The booking page's choice of practitioner: whom the service lets a customer name, and whom they named.
/// Only someone offered can be chosen; anything else (an old link, a practitioner gone since) is "any available".
/// </summary>
public sealed class PractitionerChoice
{
    /// <summary>The service the offer was read for.</summary>
    public int? ServiceId { get; private set; }

    /// <summary>Whom the customer may name; empty where the service does not book practitioners.</summary>
    public IReadOnlyList<PractitionerProfile> Offered { get; private set; } = [];

    /// <summary>The named practitioner whose times are shown; null is "any available".</summary>
    public int? SelectedId { get; private set; }

    public PractitionerProfile? Selected => Offered.FirstOrDefault(p => p.Id == SelectedId);

    /// <summary>
    /// The page shows a service: the first time, its practitioners are read and the one asked for is chosen when it is
    /// among them; later (the page's parameters set again) the customer's own choice stays.
    /// </summary>
    public async Task EnterAsync(Service service, IBookingJourneyHost host, int? asked)
    {
        if (ServiceId != service.Id)
        {
            (ServiceId, Offered, SelectedId) = (service.Id, await host.GetPractitionersAsync(service), null);
            Select(asked);
        }
    }

    /// <summary>Chooses that practitioner (null: any available); returns whether the choice changed.</summary>
    public bool Select(int? practitionerId)
    {
        var chosen = practitionerId is { } id && Offered.Any(p => p.Id == id) ? practitionerId : null;
        var changed = chosen != SelectedId;
        SelectedId = chosen;
        return changed;
    }
}

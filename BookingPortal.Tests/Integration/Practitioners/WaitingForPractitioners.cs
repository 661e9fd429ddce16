namespace BookingPortal.Tests.Integration.Practitioners;

/// <summary>Customers waiting for one slot of a service that books practitioners, and the offer made to them when a practitioner frees.</summary>
internal static class WaitingForPractitioners
{
    /// <summary>The customers join the waiting list for the slot, a second apart, so that they wait in this order.</summary>
    public static async Task JoinInOrderAsync(PortalFactory factory, Service service, DateTime slotStartUtc, IEnumerable<string> customers, string because = "")
    {
        var localDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(slotStartUtc, service.TimeZone));
        foreach (var customer in customers)
        {
            (await factory.Get<WaitlistJoining>().JoinAsync(customer, service.Id, localDate, slotStartUtc)).Succeeded.Should().BeTrue(because);
            factory.Clock.Advance(TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>The first of two waiting is offered the freed seat and claims it with the practitioner; the second still waits.</summary>
    public static async Task FirstClaimsItWithAsync(PortalFactory factory, IReadOnlyList<string> waiting, int practitionerId, string because)
    {
        var waitlist = factory.Get<WaitlistService>();
        var entry = (await waitlist.ListForCustomerAsync(waiting[0])).Single();
        entry.Status.Should().Be(WaitlistStatus.Offered, because);
        (await waitlist.ListForCustomerAsync(waiting[1])).Single().Status.Should().Be(WaitlistStatus.Waiting);
        (await waitlist.ClaimAsync(entry.Id, waiting[0])).Booking!.PractitionerId.Should().Be(practitionerId);
    }
}

namespace BookingPortal.Tests.Integration.Practitioners;

/// <summary>POST /api/v1/bookings with an optional practitionerId, and the problem for one no longer free.</summary>
public class PractitionerApiTests : PortalSuite
{
    [Fact]
    public async Task A_named_practitioner_is_booked_and_a_second_request_for_them_gets_practitioner_unavailable()
    {
        var (services, p) = await PractitionerSetup.AddAsync(factory, [PractitionerSetup.Service("Massage", 60, 5)], s => [PractitionerSetup.WorkingEveryDay("Ana", s)]);
        var start = PractitionerSetup.SlotStart(factory, services[0]);
        var (_, first) = await factory.ApiCustomerAsync();
        var (_, second) = await factory.ApiCustomerAsync();

        var booked = await BookAsync(first, services[0].Id, start, p[0].Id, "one");
        var refused = await BookAsync(second, services[0].Id, start, p[0].Id, "two");
        var invalid = await BookAsync(second, services[0].Id, start, "ana", "three");

        booked.StatusCode.Should().Be(HttpStatusCode.Created, await booked.Content.ReadAsStringAsync());
        refused.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await refused.ProblemAsync()).TypeOf().Should().Be(ApiProblems.TypeBase + "practitioner-unavailable");
        invalid.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await PractitionerRaceTests.ActiveAsync(factory)).Single().PractitionerId.Should().Be(p[0].Id);
    }

    private static Task<HttpResponseMessage> BookAsync(HttpClient client, int serviceId, DateTime slotStartUtc, object practitionerId, string idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bookings") { Content = JsonContent.Create(new { serviceId, slotStartUtc, practitionerId }) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return client.SendAsync(request);
    }
}

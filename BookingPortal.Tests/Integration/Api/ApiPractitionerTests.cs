using BookingPortal.Infrastructure.Time;

namespace BookingPortal.Tests.Integration.Api;

/// <summary>Practitioners in the API, on the demo's Specialist Consultation (three named specialists) beside its simple-mode services.</summary>
public class ApiPractitionerTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Services_list_the_practitioners_of_a_practitioner_service_and_none_for_the_simple_mode()
    {
        var (_, client) = await factory.ApiCustomerAsync(ApiScopes.Read);

        var services = (await client.GetFromJsonAsync<List<ServiceDto>>("/api/v1/services", Web))!;

        var consultation = services.Single(s => s.Name == DemoSeeder.ConsultationName);
        consultation.BooksPractitioners.Should().BeTrue();
        consultation.Practitioners.Select(p => p.DisplayName).Should().BeEquivalentTo(
            DemoPractitioners.CardiologistName, DemoPractitioners.EndocrinologistName, DemoPractitioners.NeurologistName);
        consultation.Practitioners.Single(p => p.DisplayName == DemoPractitioners.EndocrinologistName)
            .Should().Match<PractitionerDto>(p => p.Title == "Endocrinologist" && p.Languages.SequenceEqual(new[] { "en", "es" }));
        var video = services.Single(s => s.Name == DemoSeeder.VideoConsultationName);
        (video.BooksPractitioners, video.Practitioners.Count).Should().Be((false, 0));
    }

    [Fact]
    public async Task Availability_lists_the_free_practitioners_of_each_slot_and_narrows_to_one_named()
    {
        var (_, client) = await factory.ApiCustomerAsync(ApiScopes.Read | ApiScopes.Book);
        var services = (await client.GetFromJsonAsync<List<ServiceDto>>("/api/v1/services", Web))!;
        var consultation = services.Single(s => s.Name == DemoSeeder.ConsultationName);
        var ortega = consultation.Practitioners.Single(p => p.DisplayName == DemoPractitioners.EndocrinologistName).Id;
        var url = $"/api/v1/services/{consultation.Id}/availability?from={Today(consultation):yyyy-MM-dd}&to={Today(consultation).AddDays(20):yyyy-MM-dd}";

        var any = (await client.GetFromJsonAsync<AvailabilityDto>(url, Web))!;
        var his = (await client.GetFromJsonAsync<AvailabilityDto>($"{url}&practitionerId={ortega}", Web))!;

        any.PractitionerId.Should().BeNull();
        any.Slots.Should().NotBeEmpty().And.OnlyContain(s => s.PractitionerIds != null && s.PractitionerIds.Count == s.Remaining, "each free specialist gives one seat");
        his.PractitionerId.Should().Be(ortega);
        his.Slots.Should().NotBeEmpty().And.OnlyContain(s => s.LocalStart.DayOfWeek == DayOfWeek.Wednesday || s.LocalStart.DayOfWeek == DayOfWeek.Friday);
        his.Slots.Where(s => s.Bookable).Should().OnlyContain(s => s.Remaining == 1 && s.PractitionerIds!.Contains(ortega));
        var slot = his.Slots.First(s => s.Bookable);
        (await BookAsync(client, consultation.Id, slot.StartUtc, ortega)).StatusCode.Should().Be(HttpStatusCode.Created);
        var after = (await client.GetFromJsonAsync<AvailabilityDto>(url, Web))!.Slots.Single(s => s.StartUtc == slot.StartUtc);
        after.PractitionerIds.Should().NotContain(ortega, "his seat is taken");
        (await client.GetFromJsonAsync<AvailabilityDto>($"{url}&practitionerId={ortega}", Web))!.Slots.Should().NotContain(s => s.StartUtc == slot.StartUtc && s.Bookable);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("1.5")]
    [InlineData("+1")]
    [InlineData("")]
    [InlineData("99999999999")]
    [InlineData("1&practitionerId=2")]
    [InlineData("424242")]
    public async Task Availability_refuses_a_bad_practitioner_id_naming_the_parameter(string value)
    {
        var (_, client) = await factory.ApiCustomerAsync(ApiScopes.Read);
        var consultation = await factory.ServiceNamedAsync(DemoSeeder.ConsultationName);

        await ShouldNamePractitionerIdAsync(await client.GetAsync($"/api/v1/services/{consultation.Id}/availability?practitionerId={value}"));
    }

    [Fact]
    public async Task Availability_of_a_simple_mode_service_refuses_a_practitioner_id()
    {
        var (_, client) = await factory.ApiCustomerAsync(ApiScopes.Read);
        var video = await factory.ServiceNamedAsync(DemoSeeder.VideoConsultationName);
        var consultation = (await client.GetFromJsonAsync<List<ServiceDto>>("/api/v1/services", Web))!.Single(s => s.Name == DemoSeeder.ConsultationName);

        await ShouldNamePractitionerIdAsync(await client.GetAsync($"/api/v1/services/{video.Id}/availability?practitionerId={consultation.Practitioners[0].Id}"));
    }

    [Fact]
    public async Task The_openapi_document_describes_practitioners_and_the_availability_parameter()
    {
        var document = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var availability = document.GetProperty("paths").GetProperty("/api/v1/services/{id}/availability").GetProperty("get");
        availability.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).Should().Contain(["from", "to", "practitionerId"]);
        var schemas = document.GetProperty("components").GetProperty("schemas");
        schemas.GetProperty("ServiceDto").GetProperty("properties").TryGetProperty("practitioners", out _).Should().BeTrue();
        schemas.GetProperty("SlotDto").GetProperty("properties").TryGetProperty("practitionerIds", out _).Should().BeTrue();
        schemas.TryGetProperty("PractitionerDto", out _).Should().BeTrue();
    }

    private static async Task ShouldNamePractitionerIdAsync(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await response.ProblemAsync();
        problem.TypeOf().Should().Be(ApiProblems.TypeBase + "validation");
        problem.GetProperty("errors").TryGetProperty(ApiEndpoints.PractitionerIdField, out _).Should().BeTrue();
    }

    private DateOnly Today(ServiceDto service) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(factory.Clock.GetUtcNow(), TimeZoneCache.Find(service.TimeZoneId)).DateTime);

    private static Task<HttpResponseMessage> BookAsync(HttpClient client, int serviceId, DateTime slotStartUtc, int practitionerId)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bookings") { Content = JsonContent.Create(new { serviceId, slotStartUtc, practitionerId }) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return client.SendAsync(request);
    }
}

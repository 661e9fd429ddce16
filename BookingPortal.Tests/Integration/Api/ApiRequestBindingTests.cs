namespace BookingPortal.Tests.Integration.Api;

/// <summary>
/// Issue 26's rules beyond parsing: an idempotency key is bound to its request, one customer holds one
/// seat per slot unless the service allows several, availability answers for the caller, and what
/// people type is bounded.
/// </summary>
public class ApiRequestBindingTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string ProblemBase = ApiProblems.TypeBase;

    [Fact]
    public async Task The_same_key_with_another_slot_or_service_is_refused_and_books_nothing()
    {
        var consultation = await factory.ServiceNamedAsync(DemoSeeder.ConsultationName);
        var video = await factory.ServiceNamedAsync(DemoSeeder.VideoConsultationName);
        var slots = await factory.BookableSlotsAsync(consultation);
        var (customer, client) = await factory.ApiCustomerAsync();
        (await client.BookAsync(consultation.Id, slots[2].StartUtc, "order-7")).StatusCode.Should().Be(HttpStatusCode.Created);

        var otherSlot = await client.BookAsync(consultation.Id, slots[3].StartUtc, "order-7");
        var otherService = await client.BookAsync(video.Id, (await factory.BookableSlotsAsync(video))[2].StartUtc, "order-7");
        var sameAgain = await client.BookAsync(consultation.Id, slots[2].StartUtc, "order-7");

        foreach (var refused in new[] { otherSlot, otherService })
        {
            refused.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
            (await refused.ProblemAsync()).TypeOf().Should().Be(ProblemBase + "idempotency-key-reused");
        }

        sameAgain.StatusCode.Should().Be(HttpStatusCode.Created);
        (await factory.BookingsOfAsync(customer)).Should().Be(1);
    }

    [Fact]
    public async Task A_replay_after_cancelling_answers_201_with_the_booking_as_it_is_now_and_books_nothing()
    {
        var (service, slot) = await ConsultationSlotAsync(12);
        var (customer, client) = await factory.ApiCustomerAsync();
        var first = await (await client.BookAsync(service.Id, slot, "order-c")).Content.ReadFromJsonAsync<BookingDto>();
        (await client.PostAsync($"/api/v1/bookings/{first!.ConfirmationNumber}/cancel", null)).StatusCode.Should().Be(HttpStatusCode.OK);

        var replay = await client.BookAsync(service.Id, slot, "order-c");

        replay.StatusCode.Should().Be(HttpStatusCode.Created);
        var answer = await replay.Content.ReadFromJsonAsync<BookingDto>();
        answer!.ConfirmationNumber.Should().Be(first.ConfirmationNumber);
        answer.Status.Should().Be("cancelled");
        (await factory.BookingsOfAsync(customer)).Should().Be(1);
    }

    [Fact]
    public async Task One_customer_gets_one_seat_per_slot_unless_the_service_allows_several()
    {
        var (service, slot) = await ConsultationSlotAsync(4);
        var (customer, client) = await factory.ApiCustomerAsync();
        (await client.BookAsync(service.Id, slot, "seat-1")).StatusCode.Should().Be(HttpStatusCode.Created);

        var second = await client.BookAsync(service.Id, slot, "seat-2");
        var availability = await client.GetFromJsonAsync<AvailabilityDto>(
            $"/api/v1/services/{service.Id}/availability?from={slot.AddDays(-1):yyyy-MM-dd}&to={slot.AddDays(1):yyyy-MM-dd}");
        await SetSeveralSeatsAsync(service.Id, true);
        ReserveResult allowed;
        try
        {
            allowed = await factory.Get<BookingService>().ReserveAsync(new ReserveRequest(customer, service.Id, slot, "seat-3"));
        }
        finally
        {
            await SetSeveralSeatsAsync(service.Id, false);
        }

        second.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var problem = await second.ProblemAsync();
        problem.TypeOf().Should().Be(ProblemBase + "seat-already-held");
        problem.GetProperty("detail").GetString().Should().Contain("one seat per time slot");
        availability!.Slots.Single(s => s.StartUtc == slot).Should().Match<SlotDto>(s => !s.Bookable && s.Reason == "seat-already-held");
        allowed.Succeeded.Should().BeTrue(allowed.Message);
        (await factory.BookingsOfAsync(customer)).Should().Be(2);
    }

    [Fact]
    public async Task Moving_a_booking_into_a_slot_where_the_customer_already_holds_a_seat_is_refused()
    {
        var (service, slots) = await factory.ServiceAndSlotsAsync(DemoSeeder.ConsultationName);
        var (_, client) = await factory.ApiCustomerAsync();
        (await client.BookAsync(service.Id, slots[14].StartUtc, "move-a")).StatusCode.Should().Be(HttpStatusCode.Created);
        var second = await (await client.BookAsync(service.Id, slots[15].StartUtc, "move-b")).Content.ReadFromJsonAsync<BookingDto>();

        var move = await client.PostAsync($"/api/v1/bookings/{second!.ConfirmationNumber}/move",
            JsonContent.Create(new { slotStartUtc = slots[14].StartUtc }));

        move.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await move.ProblemAsync()).TypeOf().Should().Be(ProblemBase + "seat-already-held");
    }

    [Fact]
    public async Task Availability_behind_a_waiting_room_is_not_bookable_for_a_caller_not_admitted_and_says_why()
    {
        var clinic = await factory.ServiceNamedAsync(DemoSeeder.WeeklyClinicName);
        var slot = (await factory.BookableSlotsAsync(clinic))[0];
        var (_, client) = await factory.ApiCustomerAsync();

        var availability = await client.GetFromJsonAsync<JsonElement>($"/api/v1/services/{clinic.Id}/availability?from={slot.LocalStart:yyyy-MM-dd}");
        var booking = await client.BookAsync(clinic.Id, slot.StartUtc, "clinic-try");

        var listed = availability.GetProperty("slots").EnumerateArray().Single(s => s.GetProperty("startUtc").GetDateTime() == slot.StartUtc);
        listed.GetProperty("bookable").GetBoolean().Should().BeFalse();
        listed.GetProperty("reason").GetString().Should().Be("not-admitted");
        booking.StatusCode.Should().Be(HttpStatusCode.Forbidden, "availability answers as the booking does");
    }

    [Fact]
    public async Task Registering_with_an_e_mail_over_254_characters_is_refused_beside_the_field_and_creates_no_user()
    {
        var email = new string('a', 10_000) + "@example.com";
        using var client = factory.ApiClient(null);
        var before = await factory.CountRowsAsync();

        var response = await client.SubmitFormAsync("/Account/Register", new()
        {
            ["Input.Email"] = email,
            ["Input.Password"] = "Test#Password2026",
            ["Input.ConfirmPassword"] = "Test#Password2026",
        });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("The Email must be at most 254 characters long.");
        (await factory.CountRowsAsync()).Should().Equal(before);
    }

    [Fact]
    public async Task No_path_that_saves_an_account_keeps_an_e_mail_over_254_characters()
    {
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var email = new string('b', 250) + "@x.io";

        var result = await users.CreateAsync(new ApplicationUser { UserName = email, Email = email });

        result.Succeeded.Should().BeFalse();
        result.Errors.Should().Contain(e => e.Code == "EmailTooLong");
    }

    /// <summary>The consultation and the start of one of its bookable slots; tests that book take different ones.</summary>
    private async Task<(Service Service, DateTime StartUtc)> ConsultationSlotAsync(int index)
    {
        var (service, slots) = await factory.ServiceAndSlotsAsync(DemoSeeder.ConsultationName);
        return (service, slots[index].StartUtc);
    }

    private async Task SetSeveralSeatsAsync(int serviceId, bool allowed)
    {
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        await db.Services.Where(s => s.Id == serviceId).ExecuteUpdateAsync(s => s.SetProperty(x => x.AllowSeveralSeatsPerCustomer, allowed));
    }
}

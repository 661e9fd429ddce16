namespace BookingPortal.Tests.Integration.Api;

/// <summary>Every /api/v1 endpoint through the real app on its own SQLite file, with keys of each kind.</summary>
public class ApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string ProblemBase = ApiProblems.TypeBase;

    private async Task<Service> ConsultationAsync() => await factory.ServiceNamedAsync(DemoSeeder.ConsultationName);

    private async Task<DateTime> FreeSlotAsync(Service service, int skip = 0) => (await factory.BookableSlotsAsync(service))[skip].StartUtc;

    [Fact]
    public async Task Services_lists_the_bookable_services_with_their_buffers()
    {
        var (_, client) = await factory.ApiCustomerAsync(ApiScopes.Read);

        var services = await client.GetFromJsonAsync<JsonElement>("/api/v1/services");

        var consultation = services.EnumerateArray().Single(s => s.GetProperty("name").GetString() == DemoSeeder.ConsultationName);
        consultation.GetProperty("timeZoneId").GetString().Should().Be("America/New_York");
        consultation.GetProperty("bufferBeforeMinutes").GetInt32().Should().Be(0);
        consultation.GetProperty("durationMinutes").GetInt32().Should().Be(60);
    }

    [Fact]
    public async Task Availability_shows_the_same_slots_as_the_pickers_in_utc_and_in_the_service_zone_across_the_dst_change()
    {
        var service = await ConsultationAsync();
        await factory.BookAsNewCustomerAsync(service.Id, await FreeSlotAsync(service));
        var (_, client) = await factory.ApiCustomerAsync(ApiScopes.Read);

        var availability = await client.GetFromJsonAsync<AvailabilityDto>($"/api/v1/services/{service.Id}/availability?from=2026-03-04&to=2026-03-10");

        var pickers = await factory.Get<CatalogService>().GetSlotsAsync(service, new DateOnly(2026, 3, 4), new DateOnly(2026, 3, 10));
        availability!.TimeZoneId.Should().Be("America/New_York");
        availability.Slots.Should().BeEquivalentTo(pickers.Select(SlotDto.From), o => o.WithStrictOrdering());
        availability.Slots.Should().Contain(s => s.Remaining == 1, "one of the two specialists of that day was booked");
        availability.Slots.First(s => s.LocalStart.Date == new DateTime(2026, 3, 9)).LocalStart.Offset.Should().Be(TimeSpan.FromHours(-4));
        availability.Slots.First().LocalStart.Offset.Should().Be(TimeSpan.FromHours(-5));
    }

    [Fact]
    public async Task Availability_leaves_out_slots_the_buffers_do_not_allow_exactly_as_the_pickers_do()
    {
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            await db.Services.Where(s => s.Name == DemoSeeder.VideoConsultationName)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.BufferAfterMinutes, 10));
        }

        var service = await factory.ServiceNamedAsync(DemoSeeder.VideoConsultationName);
        var (_, client) = await factory.ApiCustomerAsync(ApiScopes.Read);

        var availability = await client.GetFromJsonAsync<AvailabilityDto>($"/api/v1/services/{service.Id}/availability?from=2026-03-04&to=2026-03-04");

        var pickers = await factory.Get<CatalogService>().GetSlotsAsync(service, new DateOnly(2026, 3, 4), new DateOnly(2026, 3, 4));
        availability!.Slots.Select(s => s.LocalStart.TimeOfDay).Should().Equal(pickers.Select(s => s.LocalStart.TimeOfDay));
        availability.Slots.Select(s => s.LocalStart.TimeOfDay).Should().NotContain(new TimeSpan(11, 30, 0), "11:30 starts right after the 11:00 slot ends");
    }

    [Fact]
    public async Task Availability_names_the_field_at_fault_and_an_unknown_service_is_not_found()
    {
        var (_, client) = await factory.ApiCustomerAsync(ApiScopes.Read);
        var service = await ConsultationAsync();

        var backwards = await client.GetAsync($"/api/v1/services/{service.Id}/availability?from=2026-03-10&to=2026-03-04");
        var unknown = await client.GetAsync("/api/v1/services/999999/availability");

        backwards.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await backwards.ProblemAsync();
        problem.TypeOf().Should().Be(ProblemBase + "validation");
        problem.GetProperty("errors").GetProperty("to")[0].GetString().Should().Contain("on or after");
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await unknown.ProblemAsync()).TypeOf().Should().Be(ProblemBase + "not-found");
    }

    [Fact]
    public async Task Booking_creates_it_through_the_reservation_and_a_replayed_idempotency_key_returns_the_same_booking()
    {
        var service = await ConsultationAsync();
        var (customer, client) = await factory.ApiCustomerAsync();
        var slot = await FreeSlotAsync(service, 1);

        var first = await client.BookAsync(service.Id, slot, "order-1");
        var replay = await client.BookAsync(service.Id, slot, "order-1");

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        replay.StatusCode.Should().Be(HttpStatusCode.Created);
        var booked = await first.Content.ReadFromJsonAsync<BookingDto>();
        (await replay.Content.ReadFromJsonAsync<BookingDto>()).Should().BeEquivalentTo(booked);
        first.Headers.Location!.ToString().Should().Be($"/api/v1/bookings/{booked!.ConfirmationNumber}");
        booked.Status.Should().Be("confirmed");
        booked.StartUtc.Should().Be(slot);
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.Bookings.CountAsync(b => b.CustomerId == customer)).Should().Be(1);
        (await db.SlotInventories.SingleAsync(i => i.ServiceId == service.Id && i.StartUtc == slot)).Booked.Should().Be(1);

        var fetched = await client.GetFromJsonAsync<BookingDto>($"/api/v1/bookings/{booked.ConfirmationNumber}");
        fetched.Should().BeEquivalentTo(booked);
    }

    [Fact]
    public async Task Booking_names_the_missing_field_or_header()
    {
        var (_, client) = await factory.ApiCustomerAsync();
        var service = await ConsultationAsync();

        var noKey = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bookings") { Content = JsonContent.Create(new { serviceId = service.Id, slotStartUtc = DateTime.UtcNow }) };
        var withoutKey = await client.SendAsync(noKey);
        var withoutService = await client.BookAsync(0, await FreeSlotAsync(service), "k1");
        var noServiceBody = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/bookings")
        {
            Content = JsonContent.Create(new { slotStartUtc = await FreeSlotAsync(service) }),
            Headers = { { "Idempotency-Key", "k2" } },
        });
        var notASlot = await client.BookAsync(service.Id, (await FreeSlotAsync(service)).AddMinutes(7), "k3");

        (await withoutKey.ProblemAsync()).GetProperty("errors").TryGetProperty("Idempotency-Key", out _).Should().BeTrue();
        withoutService.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await withoutService.ProblemAsync()).GetProperty("errors").TryGetProperty("serviceId", out _).Should().BeTrue("service 0 does not exist");
        (await noServiceBody.ProblemAsync()).GetProperty("errors").TryGetProperty("serviceId", out _).Should().BeTrue();
        (await notASlot.ProblemAsync()).GetProperty("errors").GetProperty("slotStartUtc")[0].GetString().Should().Contain("not one of this service's slots");
    }

    [Fact]
    public async Task Each_booking_rule_answers_with_its_own_problem_type()
    {
        var video = await factory.ServiceNamedAsync(DemoSeeder.VideoConsultationName);
        var consultation = await ConsultationAsync();
        var clinic = await factory.ServiceNamedAsync(DemoSeeder.WeeklyClinicName);
        var (_, client) = await factory.ApiCustomerAsync();
        var fullSlot = await FreeSlotAsync(video, 3);
        await factory.BookAsNewCustomerAsync(video.Id, fullSlot);
        var consultationSlots = await factory.BookableSlotsAsync(consultation);

        var full = await client.BookAsync(video.Id, fullSlot, "full");
        var tooSoon = await client.BookAsync(consultation.Id, new DateTime(2026, 3, 2, 19, 0, 0, DateTimeKind.Utc), "soon");
        (await client.BookAsync(consultation.Id, consultationSlots[5].StartUtc, "one")).EnsureSuccessStatusCode();
        (await client.BookAsync(consultation.Id, consultationSlots[6].StartUtc, "two")).EnsureSuccessStatusCode();
        var overLimit = await client.BookAsync(consultation.Id, consultationSlots[7].StartUtc, "three");
        var notAdmitted = await client.BookAsync(clinic.Id, (await factory.BookableSlotsAsync(clinic))[0].StartUtc, "clinic");

        full.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await full.ProblemAsync()).TypeOf().Should().Be(ProblemBase + "slot-full");
        tooSoon.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await tooSoon.ProblemAsync()).TypeOf().Should().Be(ProblemBase + "outside-booking-window");
        overLimit.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await overLimit.ProblemAsync()).TypeOf().Should().Be(ProblemBase + "limit-reached");
        notAdmitted.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await notAdmitted.ProblemAsync()).TypeOf().Should().Be(ProblemBase + "not-admitted");
    }

    [Fact]
    public async Task A_slot_outside_the_dates_a_release_sells_is_refused_with_its_own_problem()
    {
        var clinic = await factory.ServiceNamedAsync(DemoSeeder.WeeklyClinicName);
        var (_, client) = await factory.ApiCustomerAsync();
        var slot = (await factory.BookableSlotsAsync(clinic))[0];
        var sellsFrom = DateOnly.FromDateTime(slot.LocalStart.DateTime).AddDays(1);
        HttpResponseMessage outside;
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            await db.Releases.Where(r => r.ServiceId == clinic.Id).ExecuteUpdateAsync(r => r.SetProperty(x => x.SlotsFrom, sellsFrom));
        }

        try
        {
            outside = await client.BookAsync(clinic.Id, slot.StartUtc, "outside-release");
        }
        finally
        {
            // Shared portal: the demo release sells every date again for the other tests.
            await using var db = await factory.DbFactory.CreateDbContextAsync();
            await db.Releases.Where(r => r.ServiceId == clinic.Id).ExecuteUpdateAsync(r => r.SetProperty(x => x.SlotsFrom, (DateOnly?)null));
        }

        outside.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await outside.ProblemAsync()).TypeOf().Should().Be(ProblemBase + "outside-release");
    }

    [Fact]
    public async Task A_wrong_key_no_key_and_a_revoked_key_are_refused_with_a_problem()
    {
        var customer = (await factory.CreateCustomersAsync(1))[0];
        var key = await factory.CreateApiKeyAsync(customer, ApiScopes.Read);
        var keys = factory.Services.GetRequiredService<ApiKeyService>();
        var client = factory.ApiClient(key);
        (await client.GetAsync("/api/v1/services")).StatusCode.Should().Be(HttpStatusCode.OK);

        var wrong = await factory.ApiClient(key[..^2] + "xx").GetAsync("/api/v1/services");
        var none = await factory.ApiClient(null).GetAsync("/api/v1/services");
        (await keys.RevokeAsync(customer, (await keys.ListAsync(customer))[0].Id)).Should().BeTrue();
        var revoked = await client.GetAsync("/api/v1/services");

        foreach (var response in new[] { wrong, none, revoked })
        {
            response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            (await response.ProblemAsync()).TypeOf().Should().Be(ProblemBase + "invalid-api-key");
        }
    }

    [Fact]
    public async Task A_read_only_key_cannot_book_or_cancel()
    {
        var (_, client) = await factory.ApiCustomerAsync(ApiScopes.Read);
        var service = await ConsultationAsync();

        var book = await client.BookAsync(service.Id, await FreeSlotAsync(service), "read-only");
        var cancel = await client.PostAsync("/api/v1/bookings/7KQ4-M2ZD/cancel", null);

        book.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await book.ProblemAsync()).TypeOf().Should().Be(ProblemBase + "insufficient-scope");
        cancel.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Another_customers_booking_is_not_found_for_reading_or_cancelling()
    {
        var service = await ConsultationAsync();
        var theirs = await factory.BookAsNewCustomerAsync(service.Id, await FreeSlotAsync(service, 2));
        var (_, client) = await factory.ApiCustomerAsync();

        var read = await client.GetAsync($"/api/v1/bookings/{theirs.ConfirmationNumber}");
        var cancel = await client.PostAsync($"/api/v1/bookings/{theirs.ConfirmationNumber}/cancel", null);
        var missing = await client.GetAsync("/api/v1/bookings/7KQ4-M2ZD");

        foreach (var response in new[] { read, cancel, missing })
        {
            response.StatusCode.Should().Be(HttpStatusCode.NotFound);
            (await response.ProblemAsync()).TypeOf().Should().Be(ProblemBase + "not-found");
        }

        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.Bookings.SingleAsync(b => b.Id == theirs.Id)).Status.Should().Be(BookingStatus.Confirmed);
    }

    [Fact]
    public async Task Cancelling_frees_the_seat_under_the_policy_and_a_second_cancel_says_it_is_already_cancelled()
    {
        var service = await ConsultationAsync();
        var (_, client) = await factory.ApiCustomerAsync();
        var slot = await FreeSlotAsync(service, 4);
        var booked = await (await client.BookAsync(service.Id, slot, "to-cancel")).Content.ReadFromJsonAsync<BookingDto>();

        var cancelled = await client.PostAsync($"/api/v1/bookings/{booked!.ConfirmationNumber}/cancel", null);
        var again = await client.PostAsync($"/api/v1/bookings/{booked.ConfirmationNumber}/cancel", null);

        cancelled.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await cancelled.Content.ReadFromJsonAsync<CancellationDto>();
        body!.Booking.Status.Should().Be("cancelled");
        body.FeeRetained.Should().Be(0, "more than 48 hours ahead is free");
        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await again.ProblemAsync()).TypeOf().Should().Be(ProblemBase + "already-cancelled", "a retry whose answer was lost is told the booking is cancelled");
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.SlotInventories.SingleAsync(i => i.ServiceId == service.Id && i.StartUtc == slot)).Booked.Should().Be(0);
    }

    [Fact]
    public async Task A_staff_admin_key_books_reads_and_cancels_for_a_customer_and_a_customer_key_cannot()
    {
        var service = await ConsultationAsync();
        var staff = await factory.StaffAsync();
        var staffClient = factory.ApiClient(await factory.CreateApiKeyAsync(staff.Id, ApiScopes.Admin));
        var customer = (await factory.CreateCustomersAsync(1))[0];
        var (_, otherCustomer) = await factory.ApiCustomerAsync();
        var slot = await FreeSlotAsync(service, 3);

        var forCustomer = await staffClient.BookAsync(service.Id, slot, "desk-1", customer);
        var byCustomer = await otherCustomer.BookAsync(service.Id, slot, "sneaky", customer);

        forCustomer.StatusCode.Should().Be(HttpStatusCode.Created, await forCustomer.Content.ReadAsStringAsync());
        var booking = await forCustomer.Content.ReadFromJsonAsync<BookingDto>();
        (await staffClient.GetAsync($"/api/v1/bookings/{booking!.ConfirmationNumber}")).StatusCode.Should().Be(HttpStatusCode.OK);
        byCustomer.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await byCustomer.ProblemAsync()).GetProperty("errors").TryGetProperty("customerId", out _).Should().BeTrue();
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.Bookings.SingleAsync(b => b.ConfirmationNumber == booking.ConfirmationNumber)).CustomerId.Should().Be(customer);
        (await staffClient.PostAsync($"/api/v1/bookings/{booking.ConfirmationNumber}/cancel", null)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_move_obeys_the_same_rules_as_the_page_a_late_one_is_refused_with_its_problem_and_a_staff_key_may_move_it()
    {
        var service = await factory.ServiceNamedAsync(DemoSeeder.VideoConsultationName);
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var slots = await factory.BookableSlotsAsync(service);
        var soon = slots.First(s => s.StartUtc < now.AddHours(48));
        var later = slots.Last();
        var (_, customer) = await factory.ApiCustomerAsync();
        var staffKey = factory.ApiClient(await factory.CreateApiKeyAsync((await factory.StaffAsync()).Id, ApiScopes.Admin));
        var booked = await (await customer.BookAsync(service.Id, soon.StartUtc, "move-me")).Content.ReadFromJsonAsync<BookingDto>();

        var byCustomer = await customer.PostAsJsonAsync($"/api/v1/bookings/{booked!.ConfirmationNumber}/move", new { slotStartUtc = later.StartUtc });
        var noSlot = await customer.PostAsJsonAsync($"/api/v1/bookings/{booked.ConfirmationNumber}/move", new { });
        var byStaff = await staffKey.PostAsJsonAsync($"/api/v1/bookings/{booked.ConfirmationNumber}/move", new { slotStartUtc = later.StartUtc });

        byCustomer.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var problem = await byCustomer.ProblemAsync();
        problem.TypeOf().Should().Be(ProblemBase + "change-window-closed");
        problem.GetProperty("detail").GetString().Should().Be("Bookings can be moved online until 48 hours before the start. Please contact reception to change this one.");
        noSlot.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await noSlot.ProblemAsync()).GetProperty("errors").TryGetProperty("slotStartUtc", out _).Should().BeTrue();
        byStaff.StatusCode.Should().Be(HttpStatusCode.OK, await byStaff.Content.ReadAsStringAsync());
        (await byStaff.Content.ReadFromJsonAsync<BookingDto>())!.StartUtc.Should().Be(later.StartUtc);
    }

    [Fact]
    public async Task Only_staff_can_create_a_key_with_the_admin_scope()
    {
        var customer = (await factory.CreateCustomersAsync(1))[0];

        var (created, errors) = await factory.Services.GetRequiredService<ApiKeyService>().CreateAsync(customer, "mine", ApiScopes.Admin);

        created.Should().BeNull();
        errors.Should().ContainSingle().Which.Should().Be(new ApiKeyProblem("Scopes", ApiKeyRefusal.AdminScopeForStaffOnly));
    }

    [Fact]
    public async Task The_openapi_document_lists_every_endpoint()
    {
        var document = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = document.GetProperty("paths");
        var operations = paths.EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => $"{o.Name.ToUpperInvariant()} {p.Name}"))
            .ToList();
        operations.Should().BeEquivalentTo(
            "GET /api/v1/services",
            "GET /api/v1/services/{id}/availability",
            "GET /api/v1/services/{id}/questions",
            "POST /api/v1/bookings",
            "GET /api/v1/bookings/{confirmation}",
            "POST /api/v1/bookings/{confirmation}/move",
            "POST /api/v1/bookings/{confirmation}/cancel",
            "GET /api/v1/draws/{openingId}",
            "POST /api/v1/draws/verify");
        document.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("ApiKey", out _).Should().BeTrue();
    }
}

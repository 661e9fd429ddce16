using BookingPortal.Features.Releases;

namespace BookingPortal.Tests.Integration.Queue;

/// <summary>The demo weekly release's draw, published and checked: before the opening the commitment, after it the seed and the entries.</summary>
public class PublicDrawTests : WeeklyReleaseSuite
{
    [Fact]
    public async Task The_commitment_is_published_before_the_opening_and_the_draw_checks_out_after_it()
    {
        var customers = await factory.CreateCustomersAsync(30);
        await SubscribeToCommitmentsAsync(customers[0]);
        factory.Clock.SetUtcNow(Opening.AddMinutes(-30));
        foreach (var customer in customers)
        {
            await factory.Get<QueueService>().JoinAsync(clinic.Id, customer, null);
        }

        (await factory.Get<DrawCommitments>().CommitUpcomingAsync()).Should().Be(1);
        var http = factory.CreateClient();
        var before = await http.GetFromJsonAsync<PublishedDraw>($"/api/v1/draws/{await OpeningIdAsync()}");
        before!.Seed.Should().BeNull("the seed stays secret until the draw");
        (await http.GetStringAsync($"/services/{clinic.Id}/draw")).Should().Contain(before.Commitment);
        (await WebhookBodiesAsync()).Should().ContainSingle().Which.Should().Contain(before.Commitment).And.Contain("release.draw_committed");

        factory.Clock.SetUtcNow(Opening);
        await factory.Get<AdmissionController>().TickAllAsync();

        var after = await http.GetFromJsonAsync<PublishedDraw>($"/api/v1/draws/{before.OpeningId}");
        after!.Commitment.Should().Be(before.Commitment);
        after.Check.Should().Be(DrawCheck.Verified);
        var publicDraw = after.Draws.Single(d => d.Name == "public");
        publicDraw.Entries.Should().HaveCount(30);
        (await VerifyAsync(http, after)).Verified.Should().BeTrue();
        var moved = publicDraw with { Entries = publicDraw.Entries.Reverse().ToList() };
        (await VerifyAsync(http, after with { Draws = [moved] })).Result.Should().Be(nameof(DrawCheck.OrderDiffers));
        (await VerifyAsync(http, after with { Seed = QueueFairness.NewSeed() })).Result.Should().Be(nameof(DrawCheck.SeedDoesNotMatchCommitment));

        var state = await factory.Get<QueueService>().GetStateAsync(clinic.Id, customers[7]);
        state.Receipt!.Place.Should().Be(publicDraw.Order.ToList().IndexOf(state.Receipt.Code) + 1, "the receipt names the entry's code and the place it was drawn at");
    }

    [Fact]
    public async Task The_draw_still_checks_out_after_a_drawn_customer_rejoins_and_another_closes_their_account()
    {
        var customers = await factory.CreateCustomersAsync(6);
        var queue = factory.Get<QueueService>();
        factory.Clock.SetUtcNow(Opening.AddMinutes(-30));
        foreach (var customer in customers)
        {
            await queue.JoinAsync(clinic.Id, customer, null);
        }

        factory.Clock.SetUtcNow(Opening);
        await factory.Get<AdmissionController>().TickAllAsync();
        var (rejoining, closing) = (customers[^1], customers[^2]);
        var drawnAt = (await queue.GetStateAsync(clinic.Id, rejoining)).Receipt!.Place;
        var entry = (await queue.GetStateAsync(clinic.Id, rejoining)).Entry!.Id;

        (await queue.LeaveAsync(entry, rejoining)).Should().BeTrue();
        (await queue.JoinAsync(clinic.Id, rejoining, null)).Outcome.Should().Be(JoinOutcome.Joined, "a customer who left may join again, at the back");
        await factory.Get<Features.Accounts.AccountClosing>().CloseAsync(closing);
        factory.Clock.Advance(TimeSpan.FromSeconds(5));
        await factory.Get<AdmissionController>().TickAllAsync();

        var draw = await factory.CreateClient().GetFromJsonAsync<PublishedDraw>($"/api/v1/draws/{await OpeningIdAsync()}");
        draw!.Check.Should().Be(DrawCheck.Verified);
        draw.Draws.Single(d => d.Name == "public").Entries.Should().HaveCount(6);
        (await VerifyAsync(factory.CreateClient(), draw)).Verified.Should().BeTrue();
        (await queue.GetStateAsync(clinic.Id, rejoining)).Receipt!.Place.Should().Be(drawnAt, "the receipt keeps the place the draw gave");
    }

    [Fact]
    public async Task The_draw_page_names_its_phases_in_the_visitors_language_while_the_api_keeps_its_machine_names()
    {
        var customers = await factory.CreateCustomersAsync(3);
        await factory.JoinEarlyThenOpenAsync(clinic.Id, customers, early: TimeSpan.FromMinutes(30));
        var english = factory.CreateClient();
        var spanish = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = true });
        await spanish.GetAsync("/culture?culture=es-ES&returnUrl=/");

        var json = await english.GetStringAsync($"/api/v1/draws/{await OpeningIdAsync()}");
        var englishPage = WebUtility.HtmlDecode(await english.GetStringAsync($"/services/{clinic.Id}/draw"));
        var spanishPage = WebUtility.HtmlDecode(await spanish.GetStringAsync($"/services/{clinic.Id}/draw"));

        json.Should().Contain("\"name\":\"public\"", "the API's phase names are machine values that verifiers rely on");
        englishPage.Should().Contain("Public draw: 3 entries.").And.Contain("data-phase=\"public\"").And.Contain("9:00 AM New York time (America/New_York)");
        spanishPage.Should().Contain("Sorteo público: 3 participantes.").And.NotContain("Public draw").And.Contain("9:00 hora de New York (America/New_York)");
    }

    [Fact]
    public async Task A_draw_without_its_parts_is_a_clear_bad_request_not_an_error()
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/v1/draws/verify", new { commitment = "ab" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("seed").And.Contain("draws");
    }

    private static async Task<DrawVerdict> VerifyAsync(HttpClient http, PublishedDraw draw)
    {
        var response = await http.PostAsJsonAsync("/api/v1/draws/verify", new DrawToVerify(draw.Commitment, draw.Seed, draw.Draws));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<DrawVerdict>())!;
    }

    private async Task<long> OpeningIdAsync()
    {
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        return await db.ReleaseOpenings.Select(o => o.Id).SingleAsync();
    }

    private async Task SubscribeToCommitmentsAsync(string staffId)
    {
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        db.WebhookEndpoints.Add(new WebhookEndpoint { Url = "https://example.org/hook", Secret = "s", EventTypes = WebhookEventTypes.ReleaseDrawCommitted, CreatedById = staffId });
        await db.SaveChangesAsync();
    }

    private async Task<List<string>> WebhookBodiesAsync()
    {
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        return await db.OutboxMessages.Where(m => m.Channel == NotificationChannel.Webhook).Select(m => m.TextBody).ToListAsync();
    }
}

using BookingPortal.Features.Queue.Components;
using BookingPortal.Tests.Unit.Features.Queue;

namespace BookingPortal.Tests.Integration.Queue;

/// <summary>The demo weekly release asking early arrivals for a proof of work (base 16 bits), on the fake clock 30 minutes before opening.</summary>
public class ProofOfWorkTests : WeeklyReleaseSuite
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        await db.Releases.ExecuteUpdateAsync(r => r.SetProperty(x => x.RequireProofOfWork, true));
        factory.Clock.SetUtcNow(Opening.AddMinutes(-30));
    }

    [Fact]
    public async Task Only_entries_with_a_verified_single_use_proof_or_a_finished_paced_wait_count_in_the_draw()
    {
        var (solver, idle, paced) = (await JoinAsync("203.0.113.5"), await JoinAsync("203.0.113.5"), await JoinAsync("198.51.100.9"));
        var gate = factory.Get<ProofOfWorkGate>();
        var challenge = (await gate.ChallengeAsync(solver.Id, Member(solver)))!;
        challenge.Difficulty.Should().Be(16);
        var nonce = ProofOfWorkRulesTests.Solve(challenge.Challenge, challenge.Difficulty);

        (await gate.SubmitAsync(idle.Id, Member(idle), challenge.Challenge, nonce)).Should().Be(ProofOutcome.Refused, "a challenge is bound to its entry");
        (await gate.SubmitAsync(solver.Id, Member(solver), challenge.Challenge, nonce)).Should().Be(ProofOutcome.Accepted);
        (await gate.SubmitAsync(solver.Id, Member(solver), challenge.Challenge, nonce)).Should().Be(ProofOutcome.Refused, "a challenge is used once");
        var pacedChallenge = (await gate.ChallengeAsync(paced.Id, Member(paced)))!;
        (await gate.SubmitAsync(paced.Id, Member(paced), pacedChallenge.Challenge, "not a nonce")).Should().Be(ProofOutcome.Wrong);
        (await gate.PaceAsync(paced.Id, Member(paced))).Should().Be(Opening.UtcDateTime.AddMinutes(-30).AddSeconds(30));

        factory.Clock.SetUtcNow(Opening);
        await factory.Get<AdmissionController>().TickAllAsync();

        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var places = await db.QueueEntries.AsNoTracking().ToDictionaryAsync(e => e.Id, e => e.DrawPlace);
        places[solver.Id].Should().NotBeNull();
        places[paced.Id].Should().NotBeNull();
        places[idle.Id].Should().BeNull("an entry without its proof does not count");
    }

    /// <summary>After the draw the page asks for the proof no longer: a place still waiting for one must not wait for a number for good.</summary>
    [Fact]
    public async Task A_place_whose_proof_was_not_done_by_the_draw_counts_from_the_next_tick_as_an_arrival_would()
    {
        var idle = await JoinAsync("203.0.113.5");
        var admissions = factory.Get<AdmissionController>();
        factory.Clock.SetUtcNow(Opening);
        (await admissions.TickAllAsync()).Should().Be(0, "an entry without its proof is not in the draw");

        factory.Clock.Advance(TimeSpan.FromSeconds(2));

        (await admissions.TickAllAsync()).Should().Be(1, "the tick still visits the opening, counts the place from now and gives it its turn");
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var entry = await db.QueueEntries.AsNoTracking().SingleAsync(e => e.Id == idle.Id);
        (entry.ProofPending, entry.DrawPlace, entry.Status).Should().Be((true, (long?)null, QueueEntryStatus.Admitted), "the challenge stays unmet in the insights");
        entry.CountsFromUtc.Should().Be(Opening.UtcDateTime.AddSeconds(2));
    }

    [Fact]
    public async Task An_expired_challenge_is_refused_and_replaced()
    {
        var entry = await JoinAsync("203.0.113.5");
        var gate = factory.Get<ProofOfWorkGate>();
        var first = (await gate.ChallengeAsync(entry.Id, Member(entry)))!;
        var nonce = ProofOfWorkRulesTests.Solve(first.Challenge, first.Difficulty);

        factory.Clock.Advance(TimeSpan.FromMinutes(16));

        (await gate.SubmitAsync(entry.Id, Member(entry), first.Challenge, nonce)).Should().Be(ProofOutcome.Refused);
        (await gate.ChallengeAsync(entry.Id, Member(entry)))!.Challenge.Should().NotBe(first.Challenge);
    }

    [Fact]
    public async Task Joins_from_one_network_beyond_a_households_few_get_harder_challenges()
    {
        var difficulties = new List<int>();
        for (var i = 0; i < 9; i++)
        {
            difficulties.Add((await JoinAsync($"192.0.2.{i + 1}")).ProofDifficulty);
        }

        difficulties.Should().Equal(16, 16, 16, 16, 17, 17, 17, 17, 18);
        (await JoinAsync("198.51.100.1")).ProofDifficulty.Should().Be(16, "another network starts at the base");
    }

    [Fact]
    public async Task Choosing_the_paced_wait_stops_the_check_and_its_late_end_does_not_undo_the_choice()
    {
        var entry = await JoinAsync("203.0.113.5");
        using var bunit = new BunitContext();
        using var scope = factory.Services.CreateScope();
        var database = new CountingFactory(factory.DbFactory);
        bunit.Services.AddSingleton(ActivatorUtilities.CreateInstance<ProofOfWorkGate>(scope.ServiceProvider, (IDbContextFactory<BookingDbContext>)database));
        bunit.Services.AddFallbackServiceProvider(scope.ServiceProvider);
        bunit.Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        var module = bunit.JSInterop.SetupModule("./js/proof-of-work.js");
        var check = module.Setup<ProofOfWorkPanel.ProofSolution?>("solve", _ => true);
        module.SetupVoid("stop").SetVoidResult();
        var panel = bunit.Render<ProofOfWorkPanel>(p => p.Add(x => x.Entry, entry).Add(x => x.TimeZoneId, "America/New_York"));
        panel.WaitForAssertion(() => module.VerifyInvoke("solve"));

        await panel.Find("[data-testid=paced-wait]").ClickAsync(new());
        var readsWhenPaced = database.Opened;
        check.SetResult(new ProofOfWorkPanel.ProofSolution("a nonce the wait made moot", 1, 1));
        // Queued behind the check's continuation on the renderer: by the time this runs, that has too.
        await panel.InvokeAsync(() => { });

        module.VerifyInvoke("stop");
        database.Opened.Should().Be(readsWhenPaced, "a check that ended after the choice is not sent to the server");
        panel.Find("[data-testid=proof-of-work]").GetAttribute("data-state").Should().Be("Paced");
        panel.Markup.Should().NotContain("could not be finished");
    }

    private sealed class CountingFactory(IDbContextFactory<BookingDbContext> inner) : IDbContextFactory<BookingDbContext>
    {
        private int opened;

        public int Opened => Volatile.Read(ref opened);

        public BookingDbContext CreateDbContext()
        {
            Interlocked.Increment(ref opened);
            return inner.CreateDbContext();
        }

        public Task<BookingDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref opened);
            return inner.CreateDbContextAsync(cancellationToken);
        }
    }

    private async Task<QueueEntry> JoinAsync(string address)
    {
        var customer = (await factory.CreateCustomersAsync(1))[0];
        var joined = await factory.Get<QueueService>().JoinAsync(clinic.Id, customer, address);
        joined.Entry!.ProofPending.Should().BeTrue();
        return joined.Entry;
    }

    private static QueueMember Member(QueueEntry entry) => QueueMember.Customer(entry.CustomerId);
}

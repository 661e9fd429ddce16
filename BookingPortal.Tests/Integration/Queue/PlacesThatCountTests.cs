namespace BookingPortal.Tests.Integration.Queue;

/// <summary>
/// Where confirmed addresses are required (Production's default, and the tests') and the release lets visitors wait,
/// admission passes over a visitor's place: the place, the wait and the chance of a seat count only those it takes.
/// </summary>
public class PlacesThatCountTests : WeeklyReleaseSuite
{
    [Fact]
    public async Task A_customer_behind_only_visitors_places_is_first_in_line_in_the_state_and_in_the_snapshot()
    {
        var queue = factory.Get<QueueService>();
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            // Paused, so the customer stays in line to be counted; the draw is still made.
            await db.Releases.Where(r => r.ServiceId == clinic.Id)
                .ExecuteUpdateAsync(r => r.SetProperty(x => x.RequireAuthentication, false).SetProperty(x => x.AdmissionPaused, true));
        }

        factory.Clock.SetUtcNow(Opening.AddMinutes(-10));
        foreach (var key in new[] { "0000000000000000000000000000000a", "0000000000000000000000000000000b", "0000000000000000000000000000000c" })
        {
            (await queue.JoinAsync(clinic.Id, QueueMember.Of(null, key), null)).Outcome.Should().Be(JoinOutcome.Joined);
        }

        var customer = (await factory.CreateCustomersAsync(1))[0];
        factory.Clock.SetUtcNow(Opening);
        var openingId = (await queue.JoinAsync(clinic.Id, customer, null)).Entry!.OpeningId;
        await factory.Get<AdmissionController>().TickAllAsync();
        var broadcaster = ActivatorUtilities.CreateInstance<QueueBroadcaster>(factory.Services);
        QueueSnapshot? snapshot = null;
        using var watching = broadcaster.Subscribe(openingId, s => snapshot = s);
        await broadcaster.BroadcastAsync();

        var sentBySnapshot = await queue.GetStateAsync(clinic.Id, QueueMember.Customer(customer), snapshot);
        var state = await queue.GetStateAsync(clinic.Id, customer);
        var visitorsState = await queue.GetStateAsync(clinic.Id, QueueMember.Of(null, "0000000000000000000000000000000a"));

        state.Entry!.Sequence.Should().Be(4, "the three visitors were drawn before the doors opened, the customer joined after");
        snapshot!.PositionOf(4).Should().Be(1, "admission passes over the visitors' places, so nobody is ahead of the customer");
        (sentBySnapshot.Position, sentBySnapshot.PeopleAhead, sentBySnapshot.Estimate!.Place).Should().Be((1L, 0L, 1L), "a reload sent by the snapshot takes its places");
        (state.Position, state.Estimate!.Place).Should().Be((1L, 1L), "a page opening while the line is watched takes the latest snapshot's");
        snapshot.WaitingSequences.Should().HaveCount(4, "a visitor's place is still in line, to be shown to the visitor");
        visitorsState.Position.Should().Be(1, "a visitor is told the place they would have once an account holds it: no admissible place is ahead");
        (visitorsState.PassedOver, state.PassedOver).Should().Be((true, false), "the visitor is told what lets them in; the customer's place is taken as it is");
    }
}

/// <summary>Positions counting only the places admission takes, on PostgreSQL.</summary>
public class PlacesThatCountOnPostgresTests : PlacesThatCountTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

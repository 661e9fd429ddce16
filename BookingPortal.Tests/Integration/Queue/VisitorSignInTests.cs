using BookingPortal.Tests.Integration.Accounts;

namespace BookingPortal.Tests.Integration.Queue;

/// <summary>
/// A visitor signs in to an account that already has an entry in the same opening (booked earlier, left, or a turn
/// that lapsed, on another device). The demo weekly release lets people wait without an account here; with confirmed
/// addresses not required (Development's default) a visitor's place is given turns like anyone's.
/// </summary>
public class VisitorSignInTests : WeeklyReleaseSuite
{
    protected override PortalFactory NewPortal() => new SettingsPortalFactory(("Identity:RequireConfirmedEmail", "false")) { Provider = Provider };

    private static readonly QueueMember Visitor = QueueMember.Of(null, "0123456789abcdef0123456789abcdef");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        await db.Releases.Where(r => r.ServiceId == clinic.Id).ExecuteUpdateAsync(r => r.SetProperty(x => x.RequireAuthentication, false));
        // Room for a second booking, so the turn the account takes over can be used.
        await db.Services.Where(s => s.Id == clinic.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.MaxActiveBookingsPerCustomer, 2));
    }

    [Fact]
    public async Task An_account_that_booked_earlier_in_the_opening_takes_over_the_visitors_running_turn()
    {
        var (queue, admissions) = (factory.Get<QueueService>(), factory.Get<AdmissionController>());
        var customer = (await factory.CreateCustomersAsync(1))[0];
        await factory.JoinEarlyThenOpenAsync(clinic.Id, [customer], TimeSpan.FromMinutes(10));
        var slots = await factory.BookableSlotsAsync(clinic);
        (await factory.Get<BookingService>().ReserveAsync(new ReserveRequest(customer, clinic.Id, slots[0].StartUtc, "first"))).Succeeded.Should().BeTrue();
        var booked = (await queue.GetStateAsync(clinic.Id, customer)).Entry!;
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var place = (await queue.JoinAsync(clinic.Id, Visitor, null)).Entry!;
        await admissions.TickAllAsync();
        var visitorsTurn = await queue.GetStateAsync(clinic.Id, Visitor);

        var claimed = await queue.ClaimVisitorPlacesAsync(Visitor.VisitorKey!, customer);
        var account = await queue.GetStateAsync(clinic.Id, customer);
        var second = await factory.Get<BookingService>().ReserveAsync(new ReserveRequest(customer, clinic.Id, slots[^1].StartUtc, "second"));

        (booked.Status, visitorsTurn.Stage).Should().Be((QueueEntryStatus.Completed, QueueStage.Admitted));
        claimed.Should().Be(1);
        (account.Stage, account.Entry!.Id, account.Entry.ExpiresAtUtc).Should().Be((QueueStage.Admitted, place.Id, visitorsTurn.Entry!.ExpiresAtUtc),
            "the place moves to the account turn and all, under its own id (the draw's codes and the turn link name it)");
        second.Succeeded.Should().BeTrue(second.Message);
        (await queue.GetStateAsync(clinic.Id, Visitor)).Entry.Should().BeNull();
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var earlier = await db.QueueEntries.AsNoTracking().SingleAsync(e => e.Id == booked.Id);
        (earlier.Status, earlier.AdmittedAtUtc, earlier.CustomerId).Should().Be((QueueEntryStatus.Completed, booked.AdmittedAtUtc, (string?)null),
            "the used turn stays on record, and still counts for the admission rate");
    }

    [Fact]
    public async Task An_account_whose_turn_is_still_running_keeps_it_and_the_visitors_place_is_given_up()
    {
        var queue = factory.Get<QueueService>();
        var customer = (await factory.CreateCustomersAsync(1))[0];
        await factory.JoinEarlyThenOpenAsync(clinic.Id, [customer], TimeSpan.FromMinutes(10));
        var own = (await queue.GetStateAsync(clinic.Id, customer)).Entry!;
        var place = (await queue.JoinAsync(clinic.Id, Visitor, null)).Entry!;

        var claimed = await queue.ClaimVisitorPlacesAsync(Visitor.VisitorKey!, customer);

        claimed.Should().Be(0);
        var account = await queue.GetStateAsync(clinic.Id, customer);
        (account.Stage, account.Entry!.Id).Should().Be((QueueStage.Admitted, own.Id));
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.QueueEntries.AsNoTracking().SingleAsync(e => e.Id == place.Id)).Status.Should().Be(QueueEntryStatus.Left);
    }

    [Fact]
    public async Task An_account_still_waiting_keeps_its_own_place()
    {
        var queue = factory.Get<QueueService>();
        var customer = (await factory.CreateCustomersAsync(1))[0];
        factory.Clock.SetUtcNow(Opening.AddMinutes(-10));
        var own = (await queue.JoinAsync(clinic.Id, customer, null)).Entry!;
        var place = (await queue.JoinAsync(clinic.Id, Visitor, null)).Entry!;

        var claimed = await queue.ClaimVisitorPlacesAsync(Visitor.VisitorKey!, customer);

        claimed.Should().Be(0);
        (await queue.GetStateAsync(clinic.Id, customer)).Entry!.Id.Should().Be(own.Id);
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.QueueEntries.AsNoTracking().SingleAsync(e => e.Id == place.Id)).Status.Should().Be(QueueEntryStatus.Left);
    }
}

/// <summary>A visitor's place claimed by an account with an earlier entry, on PostgreSQL.</summary>
public class VisitorSignInOnPostgresTests : VisitorSignInTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

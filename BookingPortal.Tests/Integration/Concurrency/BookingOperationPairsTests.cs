using Xunit.Sdk;

namespace BookingPortal.Tests.Integration.Concurrency;

/// <summary>
/// Every pair of operations on one booking, at each stage a booking passes through, raced at the same moment (one
/// customer's two tabs, a customer and the desk, the desk and a job). Each pair also runs alone in both orders on a
/// twin booking; every race must leave exactly what one of those orders left (status, slot, check-in, no-show count,
/// account, ledger, messages, audit), no call may throw, and the consistency check must find nothing at the end.
/// The curated pairs in <see cref="BookingPairRaceTests"/> say what each outcome is; this says no pair is missed.
/// </summary>
public class BookingOperationPairsTests(ITestOutputHelper output) : PortalSuite(scheduledJobs: false)
{
    private const int RaceRounds = 3;

    private StaffActor staff = null!;
    private Service service = null!;
    private IReadOnlyList<SlotAvailability> slots = null!;
    private int runs;

    [Fact]
    public Task Every_pair_on_a_booking_a_week_ahead_ends_as_one_order_of_the_two() => EveryPairEndsAsOneOrderAsync(BookingStage.WeekAhead);

    [Fact]
    public Task Every_pair_on_a_visit_past_its_grace_ends_as_one_order_of_the_two() => EveryPairEndsAsOneOrderAsync(BookingStage.PastGrace);

    [Fact]
    public Task Every_pair_on_a_no_show_ends_as_one_order_of_the_two() => EveryPairEndsAsOneOrderAsync(BookingStage.NoShow);

    private async Task EveryPairEndsAsOneOrderAsync(BookingStage stage)
    {
        staff = await factory.StaffAsync();
        (service, slots) = await BookingPairRaceTests.FarSlotsAsync(factory, (await factory.SimpleConsultationAsync()).Name);
        var findings = new List<string>();
        foreach (var (first, second) in BookingOperations.Pairs(BookingOperations.At(stage)))
        {
            string[] alone = [await RunAsync(stage, async s => { await first.Run(s); await second.Run(s); }), await RunAsync(stage, async s => { await second.Run(s); await first.Run(s); })];
            output.WriteLine($"{first} × {second}, in order: {alone[0]}\n  the other order: {alone[1]}");
            for (var round = 0; round < RaceRounds; round++)
            {
                var context = $"{first} × {second}, round {round}";
                var raced = await RunAsync(stage, s => Race.BothAtOnceAsync(Guarded(first, s, context), Guarded(second, s, context)));
                output.WriteLine($"{context}: {(raced == alone[0] ? "as in order" : raced == alone[1] ? "as the other order" : "as neither")}");
                if (!alone.Contains(raced))
                {
                    findings.Add($"{context}:\n  raced:      {raced}\n  in order:   {alone[0]}\n  the other:  {alone[1]}");
                }
            }
        }

        findings.Should().BeEmpty();
        (await SeatInvariants.ViolationsAsync(factory)).Should().BeEmpty();
    }

    /// <summary>A fresh booking at the stage, the operations, what they left; then its seats are given back for the next run.</summary>
    private async Task<string> RunAsync(BookingStage stage, Func<OperationScene, Task> operations)
    {
        var scene = await SceneAsync(stage, runs++);
        await operations(scene);
        var print = await BookingFingerprint.ReadAsync(scene);
        await TidyAsync(scene);
        return print;
    }

    /// <summary>
    /// The first two far slots are the moves' targets; bookings are made on the others in turn, so a run that leaves its
    /// seat taken (a visit checked in) does not fill a slot: five seats each, and a stage's runs pass each slot a few times.
    /// </summary>
    private async Task<OperationScene> SceneAsync(BookingStage stage, int run)
    {
        var from = slots[2 + run % (slots.Count - 2)].StartUtc;
        var booking = await factory.BookAsNewCustomerAsync(service.Id, from);
        var scene = new OperationScene(factory, staff, service, booking, from, slots[0].StartUtc, slots[1].StartUtc);
        if (stage != BookingStage.WeekAhead)
        {
            await using var db = await factory.DbFactory.CreateDbContextAsync();
            var start = factory.Clock.GetUtcNow().UtcDateTime.AddMinutes(-service.NoShowGraceMinutes - 1);
            await db.Bookings.Where(b => b.Id == booking.Id)
                .ExecuteUpdateAsync(b => b.SetProperty(x => x.StartUtc, start).SetProperty(x => x.EndUtc, start.AddMinutes(service.DurationMinutes)));
        }

        if (stage == BookingStage.NoShow)
        {
            (await factory.Get<FrontDeskService>().MarkNoShowAsync(staff, booking.Id)).Should().BeTrue("the stage starts from a no-show");
        }

        return scene;
    }

    /// <summary>The slot open again and a booking still ahead cancelled, so the targets keep their seats for the next run.</summary>
    private async Task TidyAsync(OperationScene scene)
    {
        await factory.Get<SlotCalendarService>().ReopenSlotAsync(staff, service.Id, scene.From);
        await BookingOperations.StaffCancel.Run(scene);
    }

    private static Func<Task<string>> Guarded(BookingOperation operation, OperationScene scene, string context) => async () =>
    {
        try
        {
            return await operation.Run(scene);
        }
        catch (Exception ex)
        {
            throw new XunitException($"{context}: '{operation}' threw to its caller: {ex}");
        }
    };
}

/// <summary>The same pairs on PostgreSQL, where row locks and deadlock detection are the server's.</summary>
public class BookingOperationPairsOnPostgresTests(ITestOutputHelper output) : BookingOperationPairsTests(output)
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

using BookingPortal.Tests.Integration.Approval;
using BookingPortal.Tests.Integration.Practitioners;
using Xunit.Sdk;

namespace BookingPortal.Tests.Integration.Concurrency;

/// <summary>
/// Runs every pair of a stage's operations on fresh bookings: alone in both orders, then raced at the same moment
/// (one customer's two tabs, a customer and the desk, the desk and a job, the provider and the customer). Every race
/// must leave exactly what one of the two orders left (<see cref="BookingFingerprint"/>), no call may throw, and the
/// consistency check must find nothing at the end. The portal runs no scheduled jobs: the test is the scheduler.
/// </summary>
public sealed class OperationPairRuns(PortalFactory factory, ITestOutputHelper output, StripeStandIn? stripe = null)
{
    private const int RaceRounds = 3;

    private StaffActor staff = null!;
    private Service service = null!;
    private IReadOnlyList<SlotAvailability> slots = null!;
    private IReadOnlyList<int> practitioners = [];
    private int runs;

    public async Task EveryPairEndsAsOneOrderAsync(BookingStage stage)
    {
        staff = await factory.StaffAsync();
        (service, slots) = await BookingPairRaceTests.FarSlotsAsync(factory, await ServiceNameAsync(stage));
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
        await factory.Get<SlotCalendarService>().ReopenSlotAsync(staff, service.Id, scene.From);
        await BookingOperations.StaffCancel.Run(scene);
        return print;
    }

    /// <summary>
    /// The first two far slots are the moves' targets; bookings are made on the others in turn, so a run that leaves its
    /// seat taken (a visit checked in) does not fill a slot: five seats each, and a stage's runs pass each slot a few times.
    /// </summary>
    private async Task<OperationScene> SceneAsync(BookingStage stage, int run)
    {
        var from = slots[2 + run % (slots.Count - 2)].StartUtc;
        var scene = new OperationScene(factory, staff, service, await BookAsync(from), from, slots[0].StartUtc, slots[1].StartUtc, stripe, practitioners);
        var nowUtc = factory.Clock.GetUtcNow().UtcDateTime;
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var booking = db.Bookings.Where(b => b.Id == scene.Booking.Id);
        var start = nowUtc.AddMinutes(-service.NoShowGraceMinutes - 1);
        await (stage switch
        {
            BookingStage.PastGrace or BookingStage.NoShow =>
                booking.ExecuteUpdateAsync(b => b.SetProperty(x => x.StartUtc, start).SetProperty(x => x.EndUtc, start.AddMinutes(service.DurationMinutes))),
            BookingStage.HoldLapsed or BookingStage.ApprovalDue => booking.ExecuteUpdateAsync(b => b.SetProperty(x => x.ExpiresAtUtc, nowUtc.AddMinutes(-1))),
            BookingStage.Paid => BookingOperations.PaymentArrives.Run(scene),
            _ => Task.CompletedTask,
        });

        if (stage == BookingStage.NoShow)
        {
            (await factory.Get<FrontDeskService>().MarkNoShowAsync(staff, scene.Booking.Id)).Should().BeTrue("the stage starts from a no-show");
        }

        (await booking.Select(b => b.Status).SingleAsync()).Should().Be(stage switch
        {
            BookingStage.Held or BookingStage.HoldLapsed => BookingStatus.PendingPayment,
            BookingStage.AwaitingApproval or BookingStage.ApprovalDue => BookingStatus.AwaitingApproval,
            BookingStage.NoShow => BookingStatus.NoShow,
            _ => BookingStatus.Confirmed,
        }, $"the {stage} stage's booking");
        return scene;
    }

    /// <summary>The five-seat consultation (asking for approval in the approval stages), or a service that books practitioners.</summary>
    private async Task<string> ServiceNameAsync(BookingStage stage)
    {
        if (stage == BookingStage.WithPractitioner)
        {
            return await TwoPractitionersServiceAsync();
        }

        var name = (await factory.SimpleConsultationAsync()).Name;
        if (stage is BookingStage.AwaitingApproval or BookingStage.ApprovalDue)
        {
            await ApprovalTestSupport.ApprovalServiceAsync(factory, name);
        }

        return name;
    }

    /// <summary>A new customer's booking; on a service that books practitioners, naming the first.</summary>
    private async Task<BookingView> BookAsync(DateTime from)
    {
        if (practitioners.Count == 0)
        {
            return await factory.BookAsNewCustomerAsync(service.Id, from);
        }

        var customer = (await factory.CreateCustomersAsync(1))[0];
        var result = await factory.Get<BookingService>().ReserveAsync(new ReserveRequest(customer, service.Id, from, Guid.NewGuid().ToString(), PractitionerId: practitioners[0]));
        result.Succeeded.Should().BeTrue(result.Message);
        return result.Booking!;
    }

    /// <summary>A service that books practitioners, two seats a slot: Ana and Ben, both working every day. Bookings name Ana.</summary>
    private async Task<string> TwoPractitionersServiceAsync()
    {
        var (services, added) = await PractitionerSetup.AddAsync(factory, [PractitionerSetup.Service("Treatment", 30, capacity: 2)],
            s => [PractitionerSetup.WorkingEveryDay("Ana", s), PractitionerSetup.WorkingEveryDay("Ben", s)]);
        practitioners = [added[0].Id, added[1].Id];
        return services[0].Name;
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

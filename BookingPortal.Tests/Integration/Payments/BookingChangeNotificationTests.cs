using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BookingPortal.Tests.Integration.Payments;

/// <summary>
/// A confirmation page listens for its own booking's changes (BookingChangeNotifier), not for every seat
/// change of its service: during an opening the reads per booking stay flat instead of growing with the
/// number of bookings.
/// </summary>
public sealed class BookingChangeNotificationTests() : PortalSuite(scheduledJobs: false)
{
    private const int Bookings = 40;

    [Fact]
    public void The_confirmation_page_subscribes_to_its_booking_not_to_its_services_seats()
    {
        var injected = typeof(Features.Booking.Pages.ConfirmationPage)
            .GetProperties(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public)
            .Select(p => p.PropertyType).ToList();

        injected.Should().Contain(typeof(BookingChangeNotifier)).And.NotContain(typeof(SlotChangeNotifier));
    }

    [Fact]
    public async Task A_page_hears_its_own_deposit_paid_and_nothing_of_another_bookings_payment()
    {
        var (mine, others) = (await HoldAsync(), await HoldAsync());
        var heard = 0;
        using var page = factory.Get<BookingChangeNotifier>().Subscribe(mine.Id, () =>
        {
            Interlocked.Increment(ref heard);
            return Task.CompletedTask;
        });

        await PayAsync(others);
        var heardOfOthers = heard;
        await PayAsync(mine);

        heardOfOthers.Should().Be(0, "another booking's deposit, even of the same service, is not this page's news");
        heard.Should().Be(1);
    }

    /// <summary>
    /// The opening: each booking is made, its page opens, its deposit is paid. Every page reloads its booking
    /// as ConfirmationPage does; the reloads are counted as database commands, once for pages listening as
    /// they did before (to the service's seats) and once as they do now (to their booking).
    /// </summary>
    [Fact]
    public async Task During_an_opening_each_booking_is_read_once_by_its_page_instead_of_once_per_seat_change()
    {
        var reads = new ConcurrentDictionary<string, int>();
        var pending = new ConcurrentBag<Task>();
        using var counter = ReloadCommands.Count(factory.DatabasePath, reads);
        var subscriptions = new List<IDisposable>();
        for (var i = 0; i < Bookings; i++)
        {
            var booking = await HoldAsync();
            subscriptions.Add(factory.Get<SlotChangeNotifier>().Subscribe(booking.ServiceId, () => Reload("seats", booking, pending)));
            subscriptions.Add(factory.Get<BookingChangeNotifier>().Subscribe(booking.Id, () => Reload("booking", booking, pending)));
            await PayAsync(booking);
        }

        (await Poll.UntilAsync(() => Task.FromResult(pending.All(t => t.IsCompleted)), TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(50))).Should().BeTrue();
        subscriptions.ForEach(s => s.Dispose());
        await Reload("one reload", (await HoldAsync()), pending);
        int Reads(string listeningTo) => reads.TryGetValue(listeningTo, out var n) ? n : 0;
        var (before, after) = ((double)Reads("seats") / Bookings, (double)Reads("booking") / Bookings);
        Console.WriteLine($"Opening of {Bookings} bookings: database commands per booking from confirmation pages: listening to seats {before:F1}, to the booking {after:F1} (one reload: {Reads("one reload")}).");

        after.Should().Be(Reads("one reload"), "each page reloads its booking once, when its deposit is paid");
        before.Should().BeGreaterThan(after * Bookings / 4, "every seat change reloaded every open page");
    }

    private Task Reload(string listeningTo, BookingView booking, ConcurrentBag<Task> pending)
    {
        var reload = Task.Run(async () =>
        {
            ReloadCommands.ListeningTo.Value = listeningTo;
            await factory.Get<BookingReader>().GetAsync(booking.ConfirmationNumber, booking.CustomerId, isStaff: false);
        });
        pending.Add(reload);
        return reload;
    }

    private async Task<BookingView> HoldAsync()
    {
        var (service, slots) = await factory.ServiceAndSlotsAsync(DemoSeeder.ConsultationName);
        var customer = (await factory.CreateCustomersAsync(1))[0];
        var result = await factory.Get<BookingService>().ReserveAsync(new ReserveRequest(customer, service.Id, slots[0].StartUtc, Guid.NewGuid().ToString()));
        result.Succeeded.Should().BeTrue(result.Message);
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var expires = factory.Clock.GetUtcNow().UtcDateTime.AddMinutes(10);
        await db.Bookings.Where(b => b.Id == result.Booking!.Id).ExecuteUpdateAsync(b => b
            .SetProperty(x => x.Status, BookingStatus.PendingPayment)
            .SetProperty(x => x.ExpiresAtUtc, expires)
            .SetProperty(x => x.ConfirmedAtUtc, (DateTime?)null));
        return result.Booking!;
    }

    private Task PayAsync(BookingView booking) =>
        factory.Get<PaymentService>().RecordDepositPaidAsync(booking.Id, $"pay-{booking.Id:N}", booking.DepositAmount);

    /// <summary>Counts the commands EF Core runs against this test's database on behalf of a page's reload.</summary>
    private sealed class ReloadCommands(string databasePath, ConcurrentDictionary<string, int> reads) : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        public static readonly AsyncLocal<string?> ListeningTo = new();
        private readonly List<IDisposable> subscriptions = [];

        public static ReloadCommands Count(string databasePath, ConcurrentDictionary<string, int> reads)
        {
            var counter = new ReloadCommands(databasePath, reads);
            counter.subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(counter));
            return counter;
        }

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name)
            {
                lock (subscriptions)
                {
                    subscriptions.Add(listener.Subscribe(this));
                }
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == RelationalEventId.CommandExecuting.Name && ListeningTo.Value is { } listeningTo
                && value.Value is CommandEventData { Command.Connection.ConnectionString: var connection } && connection.Contains(databasePath, StringComparison.Ordinal))
            {
                reads.AddOrUpdate(listeningTo, 1, (_, n) => n + 1);
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            lock (subscriptions)
            {
                subscriptions.ForEach(s => s.Dispose());
            }
        }
    }
}

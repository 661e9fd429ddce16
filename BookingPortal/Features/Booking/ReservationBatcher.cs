using BookingPortal.Features.Bookings;

namespace BookingPortal.Features.Booking;

/// <summary>
/// Group commit for reservations. When a release opens, a crowd books at once and the cost is the
/// database round trips, about a dozen per booking, not the seat's lock. Requests that arrive while
/// a batch is being written wait for the next one, which is written in one transaction with the
/// same statements for all of its requests (<see cref="ReservationBatchWriter"/>). A request that
/// arrives alone is a batch of one, written at once: nothing waits for a batch to fill.
/// A batch holds at most one request per customer, and a customer is in one batch at a time on
/// this instance, so one customer's requests are still decided one after the other, in order.
/// </summary>
// One per process: bookings from every circuit join the same batches, and a waiting customer's page reaches it (ServiceLifetimeTests).
[SingletonService]
public sealed class ReservationBatcher(IServiceScopeFactory scopes, ILogger<ReservationBatcher> logger)
{
    internal const int MaxBatchSize = 100;

    // Two writers let one batch be prepared while the other waits on the database.
    private const int MaxWriters = 2;

    private readonly Lock sync = new();
    private readonly List<Queued> waiting = [];
    private readonly HashSet<string> customersBeingWritten = new(StringComparer.Ordinal);
    private int writers;

    /// <summary>
    /// Queues the request and answers when its batch is committed. A caller that stops waiting before
    /// its batch is taken is dropped; after that it may still be booked, and repeating the request
    /// with the same idempotency key answers with that booking.
    /// </summary>
    public Task<ReserveResult> ReserveAsync(ReserveRequest request, CancellationToken cancellationToken)
    {
        var queued = new Queued(request, cancellationToken);
        bool startWriter;
        lock (sync)
        {
            waiting.Add(queued);
            startWriter = writers < MaxWriters;
            writers += startWriter ? 1 : 0;
        }

        if (startWriter)
        {
            // The writer serves everyone's requests: it must not carry the logging scope, trace or
            // HTTP context of the request that happened to start it.
            using (ExecutionContext.SuppressFlow())
            {
                _ = Task.Run(WriteUntilEmptyAsync, CancellationToken.None);
            }
        }

        return queued.Result.Task.WaitAsync(cancellationToken);
    }

    private async Task WriteUntilEmptyAsync()
    {
        while (TakeBatch() is { Count: > 0 } batch)
        {
            try
            {
                await WriteAsync(batch);
            }
            catch (Exception ex)
            {
                // Nothing may leave a request unanswered or stop this writer with others waiting.
                logger.LogError(ex, "A batch of {Count} reservations failed.", batch.Count);
                foreach (var queued in batch)
                {
                    queued.Result.TrySetException(ex);
                }
            }
            finally
            {
                lock (sync)
                {
                    customersBeingWritten.ExceptWith(batch.Select(q => q.Request.CustomerId));
                }
            }
        }
    }

    /// <summary>
    /// The oldest waiting requests of customers not being written, one per customer; a request whose
    /// caller gave up before it was taken is dropped (nothing was written for it). An empty batch ends
    /// this writer; whatever still waits belongs to customers in another writer's batch, and that
    /// writer takes it when it comes back.
    /// </summary>
    private List<Queued> TakeBatch()
    {
        lock (sync)
        {
            var batch = new List<Queued>();
            var kept = 0;
            for (var i = 0; i < waiting.Count; i++)
            {
                var queued = waiting[i];
                if (queued.CancellationToken.IsCancellationRequested)
                {
                    queued.Result.TrySetCanceled(queued.CancellationToken);
                }
                else if (batch.Count < MaxBatchSize && customersBeingWritten.Add(queued.Request.CustomerId))
                {
                    batch.Add(queued);
                }
                else
                {
                    waiting[kept++] = queued;
                }
            }

            waiting.RemoveRange(kept, waiting.Count - kept);
            writers -= batch.Count == 0 ? 1 : 0;
            return batch;
        }
    }

    private async Task WriteAsync(List<Queued> batch)
    {
        await using var scope = scopes.CreateAsyncScope();
        IReadOnlyList<ReserveResult>? results = null;
        try
        {
            results = await scope.ServiceProvider.GetRequiredService<ReservationBatchWriter>()
                .WriteAsync(batch.Select(q => q.Request).ToList(), CancellationToken.None);
        }
        catch (Exception ex)
        {
            // A deadlock with another instance's batch, a confirmation number collision, a row the
            // database refused: the transaction rolled back (the writer does nothing after its
            // commit that could fail), so nothing of the batch is written. Each request is then
            // written on its own, as a batch of one with its own retries and answers.
            logger.LogWarning(ex, "A batch of {Count} reservations could not be written together; writing them one by one.", batch.Count);
        }

        if (results is not null)
        {
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Result.TrySetResult(results[i]);
            }

            return;
        }

        await WriteOneByOneAsync(scope.ServiceProvider.GetRequiredService<ReservationBatchWriter>(), batch);
    }

    private static async Task WriteOneByOneAsync(ReservationBatchWriter writer, List<Queued> batch)
    {
        foreach (var queued in batch)
        {
            try
            {
                queued.Result.TrySetResult(await writer.WriteAloneAsync(queued.Request, CancellationToken.None));
            }
            catch (Exception ex)
            {
                queued.Result.TrySetException(ex);
            }
        }
    }

    // A class, not a record: two identical requests (a double click) are two entries.
    private sealed class Queued(ReserveRequest request, CancellationToken cancellationToken)
    {
        public ReserveRequest Request { get; } = request;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        public TaskCompletionSource<ReserveResult> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

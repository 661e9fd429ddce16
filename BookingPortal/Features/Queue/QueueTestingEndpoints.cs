namespace BookingPortal.Features.Queue;

/// <summary>
/// POST /testing/queue/leave-first?openingId=… : the first in an opening's line leaves through <see cref="QueueService"/>,
/// the call behind their "Leave the line". The waiting-room benchmark moves the queue with it to measure one instance,
/// where every change is made by the portal and reaches the broadcaster at once; a change written to the database behind
/// the portal's back (another instance's) waits for the next fingerprint poll. Mapped with the other test-run endpoints:
/// only with Testing:ClockControl on, in Development or Testing.
/// </summary>
public static class QueueTestingEndpoints
{
    public static IEndpointRouteBuilder MapQueueTestingEndpoints(this IEndpointRouteBuilder endpoints)
    {
        if (!endpoints.MapsTestRunEndpoints())
        {
            return endpoints;
        }

        endpoints.MapPost("/testing/queue/leave-first", async (long openingId, IDbContextFactory<BookingDbContext> dbFactory, QueueService queue, CancellationToken cancellationToken) =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var first = await db.QueueEntries.AsNoTracking()
                .Where(e => e.OpeningId == openingId && e.Status == QueueEntryStatus.Waiting && e.Sequence != null)
                .OrderBy(e => e.Sequence)
                .Select(e => new { e.Id, e.CustomerId, e.VisitorKey })
                .FirstOrDefaultAsync(cancellationToken);
            if (first is null)
            {
                // With a body: an empty 404 would be re-executed as the not-found page, which refuses a POST.
                return Results.NotFound(new { error = $"No one is waiting in line for opening {openingId}." });
            }

            var left = await queue.LeaveAsync(first.Id, QueueMember.Of(first.CustomerId, first.VisitorKey), cancellationToken);
            return Results.Ok(new { entryId = first.Id, left });
        }).DisableAntiforgery();
        return endpoints;
    }
}

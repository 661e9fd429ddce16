using System.Linq.Expressions;

namespace BookingPortal.Features.Bookings;

/// <summary>Reads bookings as their owners (or staff) see them.</summary>
// Stateless and on a waiting customer's page: a singleton, so no waiting circuit holds its own (ServiceLifetimeTests).
[SingletonService]
public sealed class BookingReader(IDbContextFactory<BookingDbContext> dbFactory)
{
    /// <summary>The booking with that confirmation number, if the caller owns it or is staff; otherwise null (never "forbidden", so ids are not probed).</summary>
    public async Task<BookingView?> GetAsync(string confirmationNumber, string userId, bool isStaff, CancellationToken cancellationToken = default)
    {
        var normalized = ConfirmationNumber.Normalize(confirmationNumber);
        if (!ConfirmationNumber.IsWellFormed(normalized))
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await GetViewAsync(db, b => b.ConfirmationNumber == normalized && (isStaff || b.CustomerId == userId), cancellationToken);
    }

    public async Task<IReadOnlyList<BookingView>> ListForCustomerAsync(string customerId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var bookings = await db.Bookings.AsNoTracking()
            .Include(b => b.Service)
            .Where(b => b.CustomerId == customerId)
            .OrderBy(b => b.StartUtc)
            .ToListAsync(cancellationToken);
        var ids = bookings.Select(b => b.Id).ToList();
        var ledgers = (await db.LedgerEntries.AsNoTracking().Where(e => ids.Contains(e.BookingId)).ToListAsync(cancellationToken))
            .ToLookup(e => e.BookingId);
        var practitioners = await PractitionerNamesAsync(db, bookings.Select(b => b.PractitionerId), cancellationToken);
        return bookings.Select(b => ToView(b) with { Ledger = LedgerSummary.Of(ledgers[b.Id]), PractitionerName = NameOf(practitioners, b.PractitionerId) }).ToList();
    }

    /// <summary>
    /// The answer to a request whose idempotency key already made a booking, if any: that booking as it
    /// is now when the request is the same one (<see cref="ReserveRequest.Fingerprint"/>), a refusal when
    /// the key came with another request. Looked up by id first: nearly every look-up finds nothing
    /// (losers of a race ask too), and the full view is read only when there is one.
    /// </summary>
    internal static async Task<ReserveResult?> FindByIdempotencyKeyAsync(BookingDbContext db, ReserveRequest request, CancellationToken cancellationToken)
    {
        var earlier = await db.Bookings.AsNoTracking()
            .Where(b => b.CustomerId == request.CustomerId && b.IdempotencyKey == request.IdempotencyKey)
            .Select(b => new { b.Id, b.RequestFingerprint })
            .FirstOrDefaultAsync(cancellationToken);
        if (earlier is null)
        {
            return null;
        }

        // Bookings made before fingerprints were kept have none: their key answers any request, as it did then.
        return earlier.RequestFingerprint is null || earlier.RequestFingerprint == request.Fingerprint
            ? ReserveResult.Success((await GetViewAsync(db, b => b.Id == earlier.Id, cancellationToken))!)
            : ReserveResult.Failure(BookingError.IdempotencyKeyReused, null);
    }

    private static async Task<BookingView?> GetViewAsync(
        BookingDbContext db, Expression<Func<Domain.Booking, bool>> filter, CancellationToken cancellationToken)
    {
        var booking = await db.Bookings.AsNoTracking().Include(b => b.Service).FirstOrDefaultAsync(filter, cancellationToken);
        if (booking is null)
        {
            return null;
        }

        var ledger = await db.LedgerEntries.AsNoTracking().Where(e => e.BookingId == booking.Id).ToListAsync(cancellationToken);
        return ToView(booking) with { Ledger = LedgerSummary.Of(ledger), PractitionerName = await PractitionerNameAsync(db, booking.PractitionerId, cancellationToken) };
    }

    /// <summary>The name customers see for the practitioner, or null (none named, or the booking has none).</summary>
    internal static async Task<string?> PractitionerNameAsync(BookingDbContext db, int? practitionerId, CancellationToken cancellationToken) =>
        NameOf(await PractitionerNamesAsync(db, [practitionerId], cancellationToken), practitionerId);

    internal static async Task<Dictionary<int, string>> PractitionerNamesAsync(BookingDbContext db, IEnumerable<int?> practitionerIds, CancellationToken cancellationToken)
    {
        var ids = practitionerIds.OfType<int>().Distinct().ToList();
        return ids.Count == 0 ? [] : await db.Practitioners.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.DisplayName, cancellationToken);
    }

    internal static string? NameOf(Dictionary<int, string> names, int? practitionerId) =>
        practitionerId is { } id && names.TryGetValue(id, out var name) ? name : null;

    internal static BookingView ToView(Domain.Booking booking) =>
        ToView(booking, booking.Service ?? throw new InvalidOperationException("The booking's service must be loaded."));

    internal static BookingView ToView(Domain.Booking booking, Service service)
    {
        var (zone, place) = (service.TimeZone, BookingPlace.Of(booking, service));
        return new BookingView(
            booking.Id,
            booking.ConfirmationNumber,
            booking.CustomerId,
            booking.ServiceId,
            service.Name,
            booking.Status,
            booking.StartUtc,
            booking.EndUtc,
            TimeZoneInfo.ConvertTime(new DateTimeOffset(booking.StartUtc), zone),
            TimeZoneInfo.ConvertTime(new DateTimeOffset(booking.EndUtc), zone),
            service.TimeZoneId,
            service.DurationMinutes,
            place.Kind,
            place.Address,
            place.VideoLink,
            booking.Price,
            booking.DepositAmount,
            booking.Currency,
            booking.CreatedAtUtc)
        {
            PaymentHoldExpiresAtUtc = booking.Status == BookingStatus.PendingPayment ? booking.ExpiresAtUtc : null,
            PractitionerId = booking.PractitionerId,
            ApprovalDeadlineUtc = booking.Status == BookingStatus.AwaitingApproval ? booking.ExpiresAtUtc : null,
            DeclineReason = booking.DeclinedAtUtc is null ? null : booking.CancellationReason,
            ChangesAllowedUntilHours = MoveRules.ChangesCloseHours(service, booking),
            RoomId = booking.RoomId,
            PrivacyMode = service.PrivacyMode,
            PaidAfterItEnded = booking is { Status: BookingStatus.Cancelled, ConfirmedAtUtc: null, PaymentReference: not null },
        };
    }
}

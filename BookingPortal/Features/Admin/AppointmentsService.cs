using BookingPortal.Features.Staff;
using BookingPortal.Features.Questions;

namespace BookingPortal.Features.Admin;

/// <summary>Staff search over every booking: filtered, sorted and paged in the database, exportable to CSV, each with its history.</summary>
[ScopedService]
public sealed class AppointmentsService(IDbContextFactory<BookingDbContext> dbFactory)
{
    public const int MaxPageSize = 200;
    public const int MaxExportRows = 20_000;

    public async Task<AppointmentPage> SearchAsync(StaffActor actor, AppointmentQuery query, CancellationToken cancellationToken = default)
    {
        actor.EnsureStaff();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var filtered = await FilterAsync(db, query, cancellationToken);
        var total = await filtered.CountAsync(cancellationToken);
        var rows = await Sort(filtered, query).Skip(Math.Max(0, query.Skip)).Take(Math.Clamp(query.Take, 1, MaxPageSize)).ToListAsync(cancellationToken);
        return new AppointmentPage(rows.Select(ToRow).ToList(), total);
    }

    /// <summary>The same search as a CSV file (UTF-8, comma separated, one header row), at most <see cref="MaxExportRows"/> rows.</summary>
    public async Task<string> ExportCsvAsync(StaffActor actor, AppointmentQuery query, CancellationToken cancellationToken = default)
    {
        actor.EnsureStaff();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await Sort(await FilterAsync(db, query, cancellationToken), query).Take(MaxExportRows).ToListAsync(cancellationToken);
        var csv = new StringBuilder("Confirmation,Service,Start (local),Time zone,Start (UTC),Customer,Email,Status,Checked in,Price,Deposit,Currency,Booked at (UTC),Answers\r\n");
        var answers = await QuestionBook.AnswersAsync(db, rows.Select(r => r.Booking.Id).ToList(), cancellationToken);
        foreach (var row in rows.Select(ToRow))
        {
            string[] cells =
            [
                row.ConfirmationNumber, row.ServiceName, row.LocalStart.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), row.TimeZoneId,
                row.StartUtc.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture), row.CustomerName, row.CustomerEmail, row.Status.ToString(),
                row.CheckedIn ? "yes" : "no", row.Price.ToString(CultureInfo.InvariantCulture), row.DepositAmount.ToString(CultureInfo.InvariantCulture), row.Currency,
                row.CreatedAtUtc.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture), QuestionBook.OnOneLine(answers.GetValueOrDefault(row.Id) ?? []),
            ];
            csv.AppendJoin(',', cells.Select(Cell)).Append("\r\n");
        }

        return csv.ToString();
    }

    public async Task<AppointmentHistory?> GetHistoryAsync(StaffActor actor, string confirmationNumber, CancellationToken cancellationToken = default)
    {
        actor.EnsureStaff();
        var number = ConfirmationNumber.Normalize(confirmationNumber);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await Query(db).FirstOrDefaultAsync(r => r.Booking.ConfirmationNumber == number, cancellationToken);
        if (found is null)
        {
            return null;
        }

        var booking = found.Booking;
        var ledger = await db.LedgerEntries.AsNoTracking().Where(e => e.BookingId == booking.Id).OrderBy(e => e.Id).ToListAsync(cancellationToken);
        var messages = await db.OutboxMessages.AsNoTracking().Where(m => m.BookingId == booking.Id).OrderBy(m => m.Id).ToListAsync(cancellationToken);
        var refunds = await db.RefundRequests.AsNoTracking().Where(r => r.BookingId == booking.Id).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        var audit = await db.AuditEntries.AsNoTracking().Where(a => a.Subject == number).OrderBy(a => a.Id).ToListAsync(cancellationToken);
        var names = await NamesAsync(db, [booking.CancelledById, booking.CheckedInById, .. audit.Select(a => a.ActorId)], cancellationToken);
        var events = new List<HistoryEvent> { new(booking.CreatedAtUtc, booking.Status == BookingStatus.PendingPayment ? "Booked; seat held for the online deposit" : "Booked") };
        if (booking.ConfirmedAtUtc is { } confirmed && confirmed != booking.CreatedAtUtc)
        {
            events.Add(new(confirmed, booking.PaymentReference is null ? "Confirmed" : $"Confirmed: deposit paid ({booking.PaymentReference})"));
        }

        if (booking.CancelledAtUtc is { } cancelled)
        {
            var waived = booking.CancellationFeeWaived ? ", fee waived" : "";
            events.Add(new(cancelled, $"Cancelled{waived}{(booking.CancellationReason is { } why ? $": {why}" : "")}", Name(names, booking.CancelledById)));
        }

        if (booking.CheckedInAtUtc is { } checkedIn)
        {
            events.Add(new(checkedIn, "Checked in", Name(names, booking.CheckedInById)));
        }

        events.AddRange(ledger.Where(e => e.Kind == LedgerEntryKind.NoShowForfeited).Select(e => new HistoryEvent(e.AtUtc, "No-show: deposit forfeited", Name(names, e.ActorId) ?? "no-show job")));
        events.AddRange(audit.Select(a => new HistoryEvent(a.AtUtc, a.Details.Length > 0 ? $"{a.Action}: {a.Details}" : a.Action, a.ActorName)));
        events.AddRange(refunds.Select(r => new HistoryEvent(r.CreatedAtUtc, RefundEvent(r))));
        events.AddRange(messages.Select(m => new HistoryEvent(m.CreatedAtUtc, $"{m.Kind} {m.Channel.ToString().ToLowerInvariant()} to {m.Recipient}: {m.Status}")));
        return new AppointmentHistory(ToRow(found), LedgerSummary.Of(ledger), events.OrderBy(e => e.AtUtc).ToList(), ledger, messages);
    }

    /// <summary>A refund still owed or given up on says so with the provider's last answer: staff settle a failed one by hand.</summary>
    private static string RefundEvent(RefundRequest refund)
    {
        var what = FormattableString.Invariant($"Refund of {refund.Amount:0.00} {refund.Currency} ({refund.Reason.TrimEnd('.')})");
        return refund.Status switch
        {
            RefundStatus.Sent => $"{what}: sent ({refund.ProviderRefundId})",
            RefundStatus.Failed => $"{what}: FAILED after {refund.Attempts} attempt(s), refund it by hand: {refund.LastError}",
            RefundStatus.SettledByHand => $"{what}: refunded by hand after it failed ({refund.LastError})",
            _ when refund.Attempts == 0 => $"{what}: pending",
            _ => FormattableString.Invariant($"{what}: pending, {refund.Attempts} failed attempt(s), next at {refund.NextAttemptAtUtc:yyyy-MM-dd HH:mm:ss} UTC: {refund.LastError}"),
        };
    }

    /// <summary>Built by member initialisation (not a constructor) so EF can still filter and sort on its members.</summary>
    private sealed class JoinedRow
    {
        public required Domain.Booking Booking { get; init; }
        public required Service Service { get; init; }
        public required string CustomerName { get; init; }
        public required string CustomerEmail { get; init; }
    }

    private static IQueryable<JoinedRow> Query(BookingDbContext db) =>
        db.Bookings.AsNoTracking()
            .Join(db.Services, b => b.ServiceId, s => s.Id, (b, s) => new { b, s })
            .Join(db.Users, x => x.b.CustomerId, u => u.Id, (x, u) => new JoinedRow { Booking = x.b, Service = x.s, CustomerName = u.DisplayName ?? u.Email ?? "", CustomerEmail = u.Email ?? "" });

    private static async Task<IQueryable<JoinedRow>> FilterAsync(BookingDbContext db, AppointmentQuery query, CancellationToken cancellationToken)
    {
        var rows = Query(db);
        if (query.ServiceId is { } serviceId)
        {
            rows = rows.Where(r => r.Booking.ServiceId == serviceId);
        }

        if (query.Status is { } status)
        {
            rows = rows.Where(r => r.Booking.Status == status);
        }

        if (query.From is not null || query.To is not null)
        {
            var zoneId = await db.Services.Where(s => query.ServiceId == null || s.Id == query.ServiceId).OrderBy(s => s.Id).Select(s => s.TimeZoneId).FirstOrDefaultAsync(cancellationToken);
            var zone = TimeZoneCache.Find(zoneId ?? "UTC");
            DateTime Utc(DateOnly date) => WallTime.DayStartUtc(date, zone);
            if (query.From is { } from)
            {
                var fromUtc = Utc(from);
                rows = rows.Where(r => r.Booking.StartUtc >= fromUtc);
            }

            if (query.To is { } to)
            {
                var toUtc = Utc(to.AddDays(1));
                rows = rows.Where(r => r.Booking.StartUtc < toUtc);
            }
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim();
            var number = ConfirmationNumber.Normalize(term);
            rows = rows.Where(r => r.CustomerName.Contains(term) || r.CustomerEmail.Contains(term) || r.Booking.ConfirmationNumber == number
                || db.BookingAnswers.Any(a => a.BookingId == r.Booking.Id && a.Value.Contains(term)));
        }

        return rows;
    }

    private static IQueryable<JoinedRow> Sort(IQueryable<JoinedRow> rows, AppointmentQuery query) => (query.SortBy, query.Descending) switch
    {
        (AppointmentSort.Created, false) => rows.OrderBy(r => r.Booking.CreatedAtUtc),
        (AppointmentSort.Created, true) => rows.OrderByDescending(r => r.Booking.CreatedAtUtc),
        (AppointmentSort.Customer, false) => rows.OrderBy(r => r.CustomerName).ThenBy(r => r.Booking.StartUtc),
        (AppointmentSort.Customer, true) => rows.OrderByDescending(r => r.CustomerName).ThenBy(r => r.Booking.StartUtc),
        (AppointmentSort.Service, false) => rows.OrderBy(r => r.Service.Name).ThenBy(r => r.Booking.StartUtc),
        (AppointmentSort.Service, true) => rows.OrderByDescending(r => r.Service.Name).ThenBy(r => r.Booking.StartUtc),
        (AppointmentSort.Status, false) => rows.OrderBy(r => r.Booking.Status).ThenBy(r => r.Booking.StartUtc),
        (AppointmentSort.Status, true) => rows.OrderByDescending(r => r.Booking.Status).ThenBy(r => r.Booking.StartUtc),
        (AppointmentSort.ConfirmationNumber, false) => rows.OrderBy(r => r.Booking.ConfirmationNumber),
        (AppointmentSort.ConfirmationNumber, true) => rows.OrderByDescending(r => r.Booking.ConfirmationNumber),
        (_, true) => rows.OrderByDescending(r => r.Booking.StartUtc).ThenBy(r => r.Booking.ConfirmationNumber),
        _ => rows.OrderBy(r => r.Booking.StartUtc).ThenBy(r => r.Booking.ConfirmationNumber),
    };

    private static AppointmentRow ToRow(JoinedRow r) => new(
        r.Booking.Id, r.Booking.ConfirmationNumber, r.Service.Name, r.Booking.StartUtc,
        TimeZoneInfo.ConvertTime(new DateTimeOffset(r.Booking.StartUtc), r.Service.TimeZone), r.Service.TimeZoneId,
        r.Booking.CustomerId, r.CustomerName, r.CustomerEmail, r.Booking.Status, r.Booking.Price, r.Booking.DepositAmount, r.Booking.Currency,
        r.Booking.CreatedAtUtc, r.Booking.CheckedInAtUtc is not null);

    private static async Task<Dictionary<string, string>> NamesAsync(BookingDbContext db, IEnumerable<string?> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.OfType<string>().Distinct().ToList();
        return await db.Users.Where(u => wanted.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName ?? u.Email ?? u.Id, cancellationToken);
    }

    private static string? Name(Dictionary<string, string> names, string? id) => id is null ? null : names.GetValueOrDefault(id, id);

    /// <summary>Quotes a CSV cell, and defuses text a spreadsheet would run as a formula.</summary>
    internal static string Cell(string value)
    {
        var safe = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
        return safe.IndexOfAny([',', '"', '\r', '\n']) >= 0 || safe != value ? $"\"{safe.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : safe;
    }
}

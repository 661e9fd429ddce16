namespace BookingPortal.Features.Admin;

public enum AppointmentSort
{
    Start,
    Created,
    Customer,
    Service,
    Status,
    ConfirmationNumber,
}

/// <summary>What staff search for. Dates are in the service's own zone (the first service's when none is chosen).</summary>
public sealed record AppointmentQuery(
    DateOnly? From = null,
    DateOnly? To = null,
    int? ServiceId = null,
    BookingStatus? Status = null,
    string? Search = null,
    AppointmentSort SortBy = AppointmentSort.Start,
    bool Descending = false,
    int Skip = 0,
    int Take = 25);

public sealed record AppointmentRow(
    Guid Id, string ConfirmationNumber, string ServiceName, DateTime StartUtc, DateTimeOffset LocalStart, string TimeZoneId,
    string CustomerId, string CustomerName, string CustomerEmail, BookingStatus Status, decimal Price, decimal DepositAmount, string Currency,
    DateTime CreatedAtUtc, bool CheckedIn);

public sealed record AppointmentPage(IReadOnlyList<AppointmentRow> Rows, int Total);

/// <summary>One thing that happened to a booking, from its own fields, its ledger, its messages and the audit log.</summary>
public sealed record HistoryEvent(DateTime AtUtc, string What, string? Who = null);

public sealed record AppointmentHistory(
    AppointmentRow Appointment, LedgerSummary Ledger, IReadOnlyList<HistoryEvent> Events, IReadOnlyList<LedgerEntry> LedgerEntries,
    IReadOnlyList<OutboxMessage> Messages);

using MudBlazor;

namespace BookingPortal.Features.Admin.Components;

/// <summary>The filter fields of the Appointments page, and how they and the grid's state become one server query.</summary>
public sealed class AppointmentFilters
{
    public DateTime? From { get; set; }
    public DateTime? To { get; set; }
    public int? ServiceId { get; set; }
    public BookingStatus? Status { get; set; }
    public string? Search { get; set; }

    /// <summary>The grid asks for a page and a sort by column name; the server sorts and pages, never the browser.</summary>
    public AppointmentQuery ToQuery(GridState<AppointmentRow> state)
    {
        var sort = state.SortDefinitions.FirstOrDefault();
        var sortBy = sort?.SortBy switch
        {
            nameof(AppointmentRow.CreatedAtUtc) => AppointmentSort.Created,
            nameof(AppointmentRow.CustomerName) => AppointmentSort.Customer,
            nameof(AppointmentRow.ServiceName) => AppointmentSort.Service,
            nameof(AppointmentRow.Status) => AppointmentSort.Status,
            nameof(AppointmentRow.ConfirmationNumber) => AppointmentSort.ConfirmationNumber,
            _ => AppointmentSort.Start,
        };
        return new AppointmentQuery(Date(From), Date(To), ServiceId, Status, Search, sortBy, sort?.Descending ?? false, state.Page * state.PageSize, state.PageSize);
    }

    /// <summary>The CSV link carries the same filters (not the page: the export has every matching row).</summary>
    public string ExportLink()
    {
        var query = new Dictionary<string, string?>
        {
            ["from"] = Date(From)?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["to"] = Date(To)?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["serviceId"] = ServiceId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["status"] = Status?.ToString(),
            ["search"] = string.IsNullOrWhiteSpace(Search) ? null : Search.Trim(),
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("admin/appointments.csv", query.Where(p => p.Value is not null)!);
    }

    private static DateOnly? Date(DateTime? value) => value is { } v ? DateOnly.FromDateTime(v) : null;
}

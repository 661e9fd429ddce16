using Microsoft.AspNetCore.Mvc;
using BookingPortal.Features.Staff;

namespace BookingPortal.Features.Admin;

public static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/admin/appointments.csv", ExportAsync)
            .RequireAuthorization(policy => policy.RequireRole(Roles.Staff, Roles.Admin))
            .WithName("ExportAppointments");
        return endpoints;
    }

    /// <summary>The appointments search as a CSV download; the query string is the one the Appointments page shows.</summary>
    private static async Task<IResult> ExportAsync(
        HttpContext context, StaffActors staffActors, AppointmentsService appointments, TimeProvider time,
        [FromQuery] DateOnly? from, [FromQuery] DateOnly? to, [FromQuery] int? serviceId, [FromQuery] BookingStatus? status, [FromQuery] string? search,
        CancellationToken cancellationToken)
    {
        // The cookie's role claim passed the policy, but it can be up to 30 minutes old: a role taken away since is refused here.
        var actor = await staffActors.ResolveAsync(context.User, cancellationToken);
        if (!actor.IsStaff)
        {
            return Results.Forbid();
        }

        var query = new AppointmentQuery(from, to, serviceId, status, search);
        var csv = await appointments.ExportCsvAsync(actor, query, cancellationToken);
        var name = $"appointments-{time.GetUtcNow():yyyyMMdd-HHmm}.csv";
        // A byte-order mark so spreadsheet programs read the names as UTF-8.
        return Results.File([.. System.Text.Encoding.UTF8.GetPreamble(), .. System.Text.Encoding.UTF8.GetBytes(csv)], "text/csv; charset=utf-8", name);
    }
}

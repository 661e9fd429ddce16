using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace BookingPortal.Features.Api;

/// <summary>
/// Availability reads its query itself (strictly: each parameter once, each well formed), so the document would
/// not know them; this names them, as the handler reads them.
/// </summary>
internal static class ApiQueryParameters
{
    public static Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (operation.OperationId == "GetAvailability")
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(Query("from", JsonSchemaType.String, "date", "First local date (yyyy-MM-dd); today in the service's zone when left out."));
            operation.Parameters.Add(Query("to", JsonSchemaType.String, "date", $"Last local date (yyyy-MM-dd), at most {ApiEndpoints.MaxAvailabilityDays} days after 'from'; a week when left out."));
            operation.Parameters.Add(Query(ApiEndpoints.PractitionerIdField, JsonSchemaType.Integer, "int32",
                "One of the service's practitioners (GET /services lists them): only the slots they can give. Left out: any available."));
        }

        return Task.CompletedTask;
    }

    private static OpenApiParameter Query(string name, JsonSchemaType type, string format, string description) => new()
    {
        Name = name,
        In = ParameterLocation.Query,
        Required = false,
        Description = description,
        Schema = new OpenApiSchema { Type = type, Format = format },
    };
}

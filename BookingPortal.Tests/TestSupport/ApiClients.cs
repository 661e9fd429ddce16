using System.Net.Http.Headers;

namespace BookingPortal.Tests.TestSupport;

/// <summary>API keys made straight through the key service, and clients that send them.</summary>
public static class ApiClients
{
    public static async Task<string> CreateApiKeyAsync(this PortalFactory factory, string ownerId, ApiScopes scopes)
    {
        var (created, errors) = await factory.Services.GetRequiredService<ApiKeyService>().CreateAsync(ownerId, "test key", scopes);
        errors.Should().BeEmpty();
        return created!.Secret;
    }

    public static HttpClient ApiClient(this PortalFactory factory, string? key)
    {
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    /// <summary>A customer of their own with a key of the given scopes.</summary>
    public static async Task<(string CustomerId, HttpClient Client)> ApiCustomerAsync(this PortalFactory factory, ApiScopes scopes = ApiScopes.Read | ApiScopes.Book)
    {
        var customer = (await factory.CreateCustomersAsync(1))[0];
        return (customer, factory.ApiClient(await factory.CreateApiKeyAsync(customer, scopes)));
    }

    public static Task<HttpResponseMessage> BookAsync(this HttpClient client, int serviceId, DateTime slotStartUtc, string idempotencyKey, string? customerId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bookings")
        {
            Content = JsonContent.Create(new { serviceId, slotStartUtc, customerId }),
        };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return client.SendAsync(request);
    }

    /// <summary>The problem document's <c>type</c>, after checking the media type RFC 9457 asks for.</summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response)
    {
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        return (await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    public static string TypeOf(this JsonElement problem) => problem.GetProperty("type").GetString()!;
}

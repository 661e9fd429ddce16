using System.Net;
using Microsoft.Data.Sqlite;

namespace WaitingRoomBenchmark;

/// <summary>
/// Page loads and negotiate requests of all customers go through one pool of keep-alive connections, each request
/// carrying its customer's own cookies. A pool per customer left an idle connection per customer open on the
/// portal: with one customer per circuit that doubled the sockets the portal holds (its open-file limit is what
/// stops it short of 20,000) and counted idle connections as circuit memory. Each circuit's WebSocket is still a
/// connection of its own, as a browser tab's is.
/// </summary>
public static class Browser
{
    public static HttpMessageHandler SharedPages(int connections) =>
        new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = connections, PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30) };

    public static async Task<string> GetPageAsync(HttpMessageInvoker pages, Uri baseUri, CookieContainer cookies, string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUri, path));
        using var response = await SendAsync(pages, request, baseUri, cookies, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    public static async Task<HttpResponseMessage> SendAsync(HttpMessageInvoker pages, HttpRequestMessage request, Uri baseUri, CookieContainer cookies, CancellationToken cancellationToken)
    {
        AddCookies(request, cookies, baseUri);
        var response = await pages.SendAsync(request, cancellationToken);
        KeepCookies(response, cookies, baseUri);
        return response;
    }

    public static void AddCookies(HttpRequestMessage request, CookieContainer cookies, Uri baseUri)
    {
        var header = cookies.GetCookieHeader(baseUri);
        if (header.Length > 0)
        {
            request.Headers.Add("Cookie", header);
        }
    }

    public static void KeepCookies(HttpResponseMessage response, CookieContainer cookies, Uri baseUri)
    {
        if (response.Headers.TryGetValues("Set-Cookie", out var values))
        {
            foreach (var value in values)
            {
                cookies.SetCookies(baseUri, value);
            }
        }
    }
}

internal static class Sql
{
    public static async Task<object?> ScalarAsync(SqliteConnection db, string sql)
    {
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    public static async Task ExecuteAsync(SqliteConnection db, string sql)
    {
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}

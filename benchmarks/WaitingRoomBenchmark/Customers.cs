using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace WaitingRoomBenchmark;

/// <summary>One signed-in customer: their own account, their own Identity cookie, as their own browser holds them.</summary>
public sealed record Customer(string Id, string Email, CookieContainer Cookies);

/// <summary>
/// Tens of thousands of distinct signed-in customers without tens of thousands of password hashes. One customer
/// registers through the Register page (one PBKDF2 hash); the others are inserted in one transaction as copies of
/// that account (the same password hash and Customer role, each with its own id, address and security stamp, the
/// address confirmed). Each then gets its own Identity cookie from POST /testing/sign-in, which signs an account in
/// through SignInManager without its password and exists only in Development or Testing with Testing:SignIn on.
/// </summary>
public static partial class Customers
{
    public static async Task<IReadOnlyList<Customer>> CreateAsync(PortalUnderTest portal, SqliteConnection db, HttpMessageInvoker pages, int count, int parallel)
    {
        var first = await RegisterAsync(portal.BaseUri, $"bench-0-{Guid.NewGuid():N}@example.com");
        var templateId = Convert.ToString(await Sql.ScalarAsync(db, $"SELECT Id FROM AspNetUsers WHERE Email = '{first}'"), CultureInfo.InvariantCulture)!;
        await Sql.ExecuteAsync(db, $"UPDATE AspNetUsers SET EmailConfirmed = 1 WHERE Id = '{templateId}'");
        var accounts = new List<(string Id, string Email)> { (templateId, first) };
        accounts.AddRange(Enumerable.Range(1, count - 1).Select(i => (Guid.NewGuid().ToString(), $"bench-{i}-{Guid.NewGuid():N}@example.com")));
        await CopyAccountAsync(db, templateId, accounts.Skip(1).ToList());

        var customers = new Customer[accounts.Count];
        using var gate = new SemaphoreSlim(parallel);
        await Task.WhenAll(accounts.Select(async (account, i) =>
        {
            await gate.WaitAsync();
            try
            {
                var cookies = new CookieContainer();
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(portal.BaseUri, $"testing/sign-in?email={Uri.EscapeDataString(account.Email)}"));
                using var response = await pages.SendAsync(request, CancellationToken.None);
                if (response.StatusCode != HttpStatusCode.NoContent)
                {
                    throw new InvalidOperationException($"Signing {account.Email} in answered {response.StatusCode}.");
                }

                Browser.KeepCookies(response, cookies, portal.BaseUri);
                customers[i] = new Customer(account.Id, account.Email, cookies);
            }
            finally
            {
                gate.Release();
            }
        }));
        return customers;
    }

    private static async Task CopyAccountAsync(SqliteConnection db, string templateId, IReadOnlyList<(string Id, string Email)> accounts)
    {
        var columns = new List<string>();
        await using (var info = db.CreateCommand())
        {
            info.CommandText = "SELECT name FROM pragma_table_info('AspNetUsers')";
            await using var reader = await info.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                columns.Add(reader.GetString(0));
            }
        }

        var own = new Dictionary<string, string>
        {
            ["Id"] = "$id", ["UserName"] = "$email", ["NormalizedUserName"] = "$upper", ["Email"] = "$email", ["NormalizedEmail"] = "$upper",
            ["SecurityStamp"] = "$stamp", ["ConcurrencyStamp"] = "$stamp", ["EmailConfirmed"] = "1",
        };
        await using var transaction = (SqliteTransaction)await db.BeginTransactionAsync();
        await using var user = db.CreateCommand();
        user.CommandText = $"INSERT INTO AspNetUsers ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) " +
                           $"SELECT {string.Join(", ", columns.Select(c => own.GetValueOrDefault(c, $"\"{c}\"")))} FROM AspNetUsers WHERE Id = $template; " +
                           "INSERT INTO AspNetUserRoles (UserId, RoleId) SELECT $id, RoleId FROM AspNetUserRoles WHERE UserId = $template";
        var parameters = new[] { "$id", "$email", "$upper", "$stamp", "$template" }.ToDictionary(p => p, p => user.Parameters.Add(new SqliteParameter { ParameterName = p }));
        parameters["$template"].Value = templateId;
        foreach (var (id, email) in accounts)
        {
            parameters["$id"].Value = id;
            parameters["$email"].Value = email;
            parameters["$upper"].Value = email.ToUpperInvariant();
            parameters["$stamp"].Value = Guid.NewGuid().ToString();
            await user.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    /// <summary>The first customer registers as a person would, so the copied account is one the portal itself made.</summary>
    private static async Task<string> RegisterAsync(Uri baseUri, string email)
    {
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { BaseAddress = baseUri };
        var page = await http.GetStringAsync("Account/Register");
        var form = HiddenInput().Matches(page)
            .GroupBy(m => m.Groups["name"].Value).ToDictionary(g => g.Key, g => WebUtility.HtmlDecode(g.First().Groups["value"].Value));
        form["Input.Email"] = email;
        form["Input.Password"] = "Bench#Password2026";
        form["Input.ConfirmPassword"] = "Bench#Password2026";
        var response = await http.PostAsync("Account/Register", new FormUrlEncodedContent(form));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Registering {email} answered {response.StatusCode}.");
        }

        return email;
    }

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*name=\"(?<name>[^\"]+)\"[^>]*value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenInput();
}

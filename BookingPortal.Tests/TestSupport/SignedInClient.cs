namespace BookingPortal.Tests.TestSupport;

/// <summary>Signs in through the real Identity login form (antiforgery token and all) and keeps the cookie.</summary>
public static partial class SignedInClient
{
    public static async Task<HttpClient> SignInAsync(this PortalFactory factory, string email, string password)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var response = await client.SubmitFormAsync("/Account/Login", new()
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.RememberMe"] = "false",
        });
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, "a correct password redirects away from the login page");
        return client;
    }

    /// <summary>A new customer who signs in with a password (<see cref="TestData.CreateSignInCustomerAsync"/>), signed in.</summary>
    public static async Task<((string Id, string Email, string Password) Customer, HttpClient Client)> SignInNewCustomerAsync(this PortalFactory factory)
    {
        var customer = await factory.CreateSignInCustomerAsync();
        return (customer, await factory.SignInAsync(customer.Email, customer.Password));
    }

    /// <summary>Loads a static form page, keeps its hidden fields (antiforgery token, form name) and posts it with <paramref name="fields"/> filled in.</summary>
    public static async Task<HttpResponseMessage> SubmitFormAsync(this HttpClient client, string url, Dictionary<string, string> fields) =>
        await client.PostAsync(url, new FormUrlEncodedContent(await FilledFormAsync(client, url, fields)));

    /// <summary>A static form page's hidden fields with <paramref name="fields"/> filled in, ready to post (again).</summary>
    public static async Task<Dictionary<string, string>> FilledFormAsync(this HttpClient client, string url, Dictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(url);
        // Pages that also carry the layout's sign-out form repeat the antiforgery token: keep the first.
        var form = HiddenInput().Matches(page)
            .GroupBy(m => WebUtility.HtmlDecode(m.Groups["name"].Value))
            .ToDictionary(g => g.Key, g => WebUtility.HtmlDecode(g.First().Groups["value"].Value));
        foreach (var (name, value) in fields)
        {
            form[name] = value;
        }

        return form;
    }

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*name=\"(?<name>[^\"]+)\"[^>]*value=\"(?<value>[^\"]*)\"", RegexOptions.IgnoreCase)]
    internal static partial Regex HiddenInput();
}

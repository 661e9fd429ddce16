using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BookingPortal.Tests.TestSupport;

/// <summary>Signs in through the real Identity login form (antiforgery token and all) and keeps the cookie.</summary>
public static partial class SignedInClient
{
    public static async Task<HttpClient> SignInAsync(this PortalFactory factory, string email, string password)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var page = await client.GetStringAsync("/Account/Login");
        var form = HiddenInput().Matches(page)
            .ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        form["Input.Email"] = email;
        form["Input.Password"] = password;
        form["Input.RememberMe"] = "false";

        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(form));
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, "a correct password redirects away from the login page");
        return client;
    }

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*name=\"(?<name>[^\"]+)\"[^>]*value=\"(?<value>[^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex HiddenInput();
}

namespace BookingPortal.Tests.Integration.Queue;

public partial class YourTurnTests
{
    /// <summary>
    /// Lucía's account is in Spanish, her phone in English: the link in her message names her language, and the pages it leads
    /// to (the sign-in page, then the book page where her turn resumes) answer in it.
    /// </summary>
    [Fact]
    public async Task A_Spanish_link_keeps_its_language_through_sign_in_and_on_the_book_page()
    {
        var customer = await factory.CreateSignInCustomerAsync();
        var link = (await AdmittedLinkAsync(customer.Id)).Replace("culture=en-US", "culture=es-ES", StringComparison.Ordinal);
        var phone = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        phone.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");

        var toSignIn = (await phone.GetAsync(link)).Headers.Location!;
        var signInPath = toSignIn.IsAbsoluteUri ? toSignIn.PathAndQuery : toSignIn.ToString();
        var signInPage = WebUtility.HtmlDecode(await phone.GetStringAsync(signInPath));
        var signedIn = await phone.SubmitFormAsync(signInPath, new()
        {
            ["Input.Email"] = customer.Email,
            ["Input.Password"] = customer.Password,
            ["Input.RememberMe"] = "false",
        });
        var resumed = await phone.GetAsync(signedIn.Headers.Location);
        var bookPage = await phone.GetStringAsync(resumed.Headers.Location);

        signInPage.Should().Contain("<html lang=\"es\"").And.Contain("Iniciar sesi");
        resumed.Headers.Location!.ToString().Should().EndWith($"services/{clinic.Id}/book", "the turn resumes on the book page");
        bookPage.Should().Contain("<html lang=\"es\"", "the turn goes on in the link's language, not the phone's");
    }
}

namespace BookingPortal.Tests.Integration.Accounts;

/// <summary>
/// The account forms' validation messages (data annotations beside each field) are in the page's language, with
/// the field named as its label names it: a Spanish customer registering on a phone read "The Email field is
/// required." beside "Correo electrónico".
/// </summary>
public partial class AccountValidationLanguageTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly string TooLong = new string('a', 255 - "@example.com".Length) + "@example.com";

    [Theory]
    [InlineData("es-ES", "El campo Correo electrónico es obligatorio.", "El campo Correo electrónico debe tener como máximo 254 caracteres.", "field is required", "must be at most")]
    [InlineData("en-US", "The Email field is required.", "The Email must be at most 254 characters long.", "es obligatorio", "como máximo")]
    public async Task Register_tells_a_missing_or_too_long_address_beside_the_field_in_the_page_s_language(string culture, string missing, string tooLong, string otherMissing, string otherTooLong)
    {
        using var client = await ClientInAsync(culture);

        var empty = await client.RegisterAsync("");
        var overLimit = await client.RegisterAsync(TooLong);

        (await BesideFieldAsync(empty, "Input.Email")).Should().Equal(missing);
        (await BesideFieldAsync(overLimit, "Input.Email")).Should().Equal(tooLong);
        (await TextOfAsync(empty)).Should().NotContain(otherMissing, "the summary above the form says it in the same language");
        (await TextOfAsync(overLimit)).Should().NotContain(otherTooLong);
    }

    [Fact]
    public async Task Register_tells_a_short_or_unconfirmed_password_in_Spanish()
    {
        using var client = await ClientInAsync("es-ES");

        var answer = await client.SubmitFormAsync("/Account/Register", new()
        {
            ["Input.Email"] = $"short-{Guid.NewGuid():N}@test.local",
            ["Input.Password"] = "abc",
            ["Input.ConfirmPassword"] = "abd",
        });

        (await BesideFieldAsync(answer, "Input.Password")).Should().Equal("El campo Contraseña debe tener entre 6 y 100 caracteres.");
        (await BesideFieldAsync(answer, "Input.ConfirmPassword")).Should().Equal("La contraseña y la confirmación de la contraseña no coinciden.");
        (await TextOfAsync(answer)).Should().NotContain("characters long").And.NotContain("do not match");
    }

    /// <summary>Identity's own rules (a digit, a capital, a symbol) are refused above the form in the page's language too.</summary>
    [Theory]
    [InlineData("es-ES", "La contraseña debe tener al menos un dígito ('0'-'9').", "Passwords must have")]
    [InlineData("en-US", "Passwords must have at least one digit ('0'-'9').", "La contraseña debe")]
    public async Task Register_tells_a_password_identity_refuses_in_the_page_s_language(string culture, string refusal, string otherLanguage)
    {
        using var client = await ClientInAsync(culture);

        var answer = await client.SubmitFormAsync("/Account/Register", new()
        {
            ["Input.Email"] = $"weak-{Guid.NewGuid():N}@test.local",
            ["Input.Password"] = "abcdefgh",
            ["Input.ConfirmPassword"] = "abcdefgh",
        });

        (await TextOfAsync(answer)).Should().Contain(refusal).And.NotContain(otherLanguage);
    }

    [Fact]
    public async Task The_profile_tells_a_phone_number_without_its_country_code_in_Spanish()
    {
        var (_, client) = await factory.SignInNewCustomerAsync();
        await client.GetAsync("/culture?culture=es-ES&returnUrl=%2F");

        var badNumber = await client.SubmitFormAsync("/Account/Manage", new() { ["Input.PhoneNumber"] = "555 0100", ["Input.SmsOptIn"] = "true" });
        var noNumber = await client.SubmitFormAsync("/Account/Manage", new() { ["Input.PhoneNumber"] = "", ["Input.SmsOptIn"] = "true" });

        (await BesideFieldAsync(badNumber, "Input.PhoneNumber")).Should().ContainSingle().Which.Should().StartWith("Introduzca el número con el prefijo del país.");
        (await BesideFieldAsync(noNumber, "Input.PhoneNumber")).Should().Equal("Añada un número de teléfono para recibir mensajes de texto.");
    }

    [Theory]
    [InlineData("es-ES", "El campo Correo electrónico debe tener como máximo 254 caracteres.")]
    [InlineData("en-US", "The Email must be at most 254 characters long.")]
    public async Task The_external_login_step_refuses_an_address_over_254_characters_beside_the_field(string culture, string message)
    {
        await using var portal = new ExternalLoginPortal();
        using var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await client.GetAsync($"/culture?culture={culture}&returnUrl=%2F");

        var answer = await client.RegisterExternallyAsync(TooLong);

        answer.StatusCode.Should().Be(HttpStatusCode.OK, "the form is shown again, nothing created");
        (await BesideFieldAsync(answer, "Input.Email")).Should().Equal(message);
        (await portal.MailToAsync(TooLong)).Should().BeEmpty();
        await using var db = await portal.DbFactory.CreateDbContextAsync();
        (await db.Users.AnyAsync(u => u.Email == TooLong)).Should().BeFalse();
    }

    private async Task<HttpClient> ClientInAsync(string culture)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await client.GetAsync($"/culture?culture={culture}&returnUrl=%2F");
        return client;
    }

    private static async Task<string> TextOfAsync(HttpResponseMessage answer) => WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync());

    /// <summary>The messages shown beside one field: its ValidationMessage elements (class validation-message, or the page's
    /// text-danger) right after the field's label, not the hint below them.</summary>
    private static async Task<List<string>> BesideFieldAsync(HttpResponseMessage answer, string field)
    {
        var html = await answer.Content.ReadAsStringAsync();
        var beside = Regex.Match(html, $"<label for=\"{Regex.Escape(field)}\"[^>]*>.*?</label>\\s*(?<messages>(?:<div class=\"(?:validation-message|text-danger)\"[^>]*>[^<]*</div>\\s*)*)", RegexOptions.Singleline);
        beside.Success.Should().BeTrue($"the page has a label for {field}");
        return MessageElement().Matches(beside.Groups["messages"].Value).Select(m => WebUtility.HtmlDecode(m.Groups["text"].Value).Trim()).ToList();
    }

    [GeneratedRegex("<div[^>]*>(?<text>[^<]*)</div>")]
    private static partial Regex MessageElement();
}

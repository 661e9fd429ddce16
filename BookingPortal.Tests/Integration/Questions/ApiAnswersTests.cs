namespace BookingPortal.Tests.Integration.Questions;

/// <summary>The questions listed by the API and answered in POST /bookings as <c>answers</c>, problems keyed by question.</summary>
public class ApiAnswersTests : QuestionsSuite
{
    [Fact]
    public async Task The_api_lists_the_questions_refuses_each_bad_answer_by_question_and_books_with_good_ones()
    {
        var slot = (await factory.BookableSlotsAsync(service))[0].StartUtc;
        var (_, client) = await factory.ApiCustomerAsync();

        var questions = await client.GetFromJsonAsync<JsonElement>($"/api/v1/services/{service.Id}/questions");
        var malformed = await PostAsync(client, service.Id, slot, new Dictionary<string, object?> { [$"{referral}"] = new { name = "x" }, ["first"] = "x" });
        var invalid = await PostAsync(client, service.Id, slot, new Dictionary<string, object?> { [$"{terms}"] = false });
        var booked = await PostAsync(client, service.Id, slot, new Dictionary<string, object?> { [$"{referral}"] = "Dr. Ruiz", [$"{terms}"] = true });

        questions.EnumerateArray().Select(q => (q.GetProperty("id").GetInt32(), q.GetProperty("kind").GetString(), q.GetProperty("textEs").GetString()))
            .Should().Equal((referral, "short-text", "¿Quién le derivó?"), (terms, "consent", "Acepto las condiciones (2026)."));
        malformed.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await malformed.ProblemAsync()).GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().BeEquivalentTo($"answers.{referral}", "answers");
        invalid.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = (await invalid.ProblemAsync()).GetProperty("errors");
        errors.GetProperty($"answers.{referral}")[0].GetString().Should().Be("Please answer this question.");
        errors.GetProperty($"answers.{terms}")[0].GetString().Should().Be("Please accept this to book.");
        booked.StatusCode.Should().Be(HttpStatusCode.Created);
        var confirmation = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("confirmationNumber").GetString();
        var bookingId = (await factory.Get<BookingPortal.Features.Bookings.BookingReader>().GetAsync(confirmation!, "", isStaff: true))!.Id;
        (await factory.Get<QuestionBook>().AnswersAsync(bookingId)).Select(a => a.Value).Should().Equal("Dr. Ruiz", "yes");
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, int serviceId, DateTime slotStartUtc, Dictionary<string, object?> answers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bookings") { Content = JsonContent.Create(new { serviceId, slotStartUtc, answers }) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return client.SendAsync(request);
    }
}

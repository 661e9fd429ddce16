namespace BookingPortal.Tests.EndToEnd;

public class QuestionsJourneyTests(BrowserFixture browser) : EndToEndTest
{
    [Fact]
    public async Task A_customer_answers_the_services_questions_is_told_what_is_missing_books_and_sees_the_answers()
    {
        // The end-to-end tests run one after another on one portal: the questions are added for this journey only.
        var serviceId = await AddQuestionsAsync();
        try
        {
            var page = await browser.NewPageAsync(width: 390, height: 844);
            await BrowserFixture.RegisterAsync(page, $"e2e-{Guid.NewGuid():N}@example.com");
            await BrowserFixture.OpenInteractiveAsync(page, $"services/{serviceId}/book");
            await page.Locator("button.slot-button:not([disabled])").First.ClickAsync();
            await page.GetByLabel("Who referred you? *").FillAsync("Dr. Ruiz");
            await page.GetByRole(AriaRole.Button, new() { Name = "Book", Exact = true }).ClickAsync();
            await Assertions.Expect(page.GetByText("Please accept this to book.")).ToBeVisibleAsync();
            await BrowserFixture.ScreenshotAsync(page, "questions-01-consent-missing");

            await page.GetByLabel("I accept the terms (2026). *").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Book", Exact = true }).ClickAsync();

            await BrowserFixture.WaitForAddressAsync(page, "**/bookings/*");
            var answers = page.Locator("[data-testid=booking-answers]");
            await Assertions.Expect(answers).ToContainTextAsync("Who referred you?");
            await Assertions.Expect(answers).ToContainTextAsync("Dr. Ruiz");
            await Assertions.Expect(answers).ToContainTextAsync("Accepted (text version 1)");
            await BrowserFixture.ScreenshotAsync(page, "questions-02-confirmation");
        }
        finally
        {
            await using var db = browser.Portal.OpenDatabase();
            await db.BookingQuestions.Where(q => q.ServiceId == serviceId).ExecuteDeleteAsync();
        }
    }

    private async Task<int> AddQuestionsAsync()
    {
        await using var db = browser.Portal.OpenDatabase();
        var serviceId = await db.Services.Where(s => s.Name == DemoSeeder.ConsultationName).Select(s => s.Id).SingleAsync();
        db.BookingQuestions.AddRange(
            new BookingQuestion { ServiceId = serviceId, Position = 0, Kind = QuestionKind.ShortText, Required = true, TextEn = "Who referred you?" },
            new BookingQuestion { ServiceId = serviceId, Position = 1, Kind = QuestionKind.Consent, Required = true, TextEn = "I accept the terms (2026)." });
        await db.SaveChangesAsync();
        return serviceId;
    }
}

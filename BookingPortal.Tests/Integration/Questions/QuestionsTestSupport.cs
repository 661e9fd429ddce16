using BookingPortal.Features.Questions;

namespace BookingPortal.Tests.Integration.Questions;

/// <summary>A service with a short-text question and a required consent, as staff set them up in the editor.</summary>
internal static class QuestionsTestSupport
{
    public static readonly QuestionDraft Referral = new(QuestionKind.ShortText, true, "Who referred you?", "¿Quién le derivó?", "", "", "", "");
    public static readonly QuestionDraft Terms = new(QuestionKind.Consent, true, "I accept the terms (2026).", "Acepto las condiciones (2026).", "", "", "", "");

    /// <summary>The demo consultation with the two questions added (each test runs on a portal of its own).</summary>
    public static async Task<(Service Service, int ReferralId, int TermsId)> ServiceWithQuestionsAsync(PortalFactory factory)
    {
        var service = await factory.ServiceNamedAsync(DemoSeeder.ConsultationName);
        var staff = await factory.StaffAsync();
        var editor = factory.Get<QuestionEditor>();
        (await editor.SaveAsync(staff, service.Id, null, Referral)).Should().BeEmpty();
        (await editor.SaveAsync(staff, service.Id, null, Terms)).Should().BeEmpty();
        var questions = await factory.Get<QuestionBook>().ForServiceAsync(service.Id);
        return (service, questions.Single(q => q.Kind == QuestionKind.ShortText).Id, questions.Single(q => q.Kind == QuestionKind.Consent).Id);
    }

    public static async Task<ReserveResult> BookAsync(PortalFactory factory, Service service, DateTime startUtc, AnswersGiven answers, string? customerId = null)
    {
        customerId ??= (await factory.CreateCustomersAsync(1))[0];
        return await factory.Get<BookingService>().ReserveAsync(new ReserveRequest(customerId, service.Id, startUtc, Guid.NewGuid().ToString()) { Answers = answers });
    }

    public static AnswersGiven Answers(string language, params (int Id, string Value)[] values) =>
        new(values.ToDictionary(v => v.Id, v => (IReadOnlyList<string>)[v.Value]), language);

    public static async Task<int> BookedSeatsAsync(PortalFactory factory, int serviceId)
    {
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        return await db.SlotInventories.Where(s => s.ServiceId == serviceId).SumAsync(s => s.Booked);
    }
}

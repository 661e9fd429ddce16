namespace BookingPortal.Features.Questions;

public static class QuestionsServiceCollectionExtensions
{
    /// <summary>The services' booking questions: asked in the booking summary, edited by staff, answers shown back.</summary>
    public static IServiceCollection AddBookingQuestions(this IServiceCollection services) =>
        services.AddDeclaredServices(typeof(QuestionsServiceCollectionExtensions));
}

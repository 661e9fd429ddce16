namespace BookingPortal.Features.Notifications;

/// <summary>
/// Keeps a customer's message language as the one they last booked in (they can change it on the
/// profile page). Written before the booking, so its confirmation is already in that language; for a
/// customer whose language has not changed it is one update that matches no row.
/// </summary>
[SingletonService]
public sealed class CustomerLanguage(IDbContextFactory<BookingDbContext> dbFactory)
{
    public async Task RememberAsync(string customerId, string uiCulture, CancellationToken cancellationToken = default)
    {
        var language = MessageLanguage.Of(uiCulture) == MessageLanguage.Spanish ? "es-ES" : "en-US";
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Users.Where(u => u.Id == customerId && (u.PreferredCulture == null || u.PreferredCulture != language))
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.PreferredCulture, language), cancellationToken);
    }
}

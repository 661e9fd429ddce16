namespace BookingPortal.Features.Queue;

/// <param name="Phone">The number a text would go to; null unless the account takes texts (opted in, with a valid number), as reminders decide.</param>
public sealed record TurnMessageOptions(string Email, string? Phone, ReminderChannels Chosen);

/// <summary>A customer's choice, on their place in line, of how to hear that their turn has come.</summary>
[SingletonService]
public sealed class TurnMessageChoices(IDbContextFactory<BookingDbContext> dbFactory)
{
    /// <summary>What the customer can choose and has chosen for <paramref name="entryId"/>; null without an address to write to.</summary>
    public async Task<TurnMessageOptions?> OptionsAsync(string customerId, long? entryId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.AsNoTracking().Where(u => u.Id == customerId).Select(u => new { u.Email, u.PhoneNumber, u.SmsOptIn }).SingleOrDefaultAsync(cancellationToken);
        if (user?.Email is not { Length: > 0 } email)
        {
            return null;
        }

        var chosen = entryId is { } id
            ? await db.QueueEntries.Where(e => e.Id == id && e.CustomerId == customerId).Select(e => e.TurnMessageChannels).FirstOrDefaultAsync(cancellationToken)
            : ReminderChannels.None;
        return new TurnMessageOptions(email, user.SmsOptIn && PhoneNumber.TryNormalize(user.PhoneNumber, out var phone) ? phone : null, chosen);
    }

    /// <summary>Stores the choice on the customer's place while it still waits: once admitted, the message has gone or will not.</summary>
    public async Task<bool> SaveAsync(long entryId, string customerId, ReminderChannels channels, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.QueueEntries.Where(e => e.Id == entryId && e.CustomerId == customerId && e.Status == QueueEntryStatus.Waiting)
            .ExecuteUpdateAsync(e => e.SetProperty(x => x.TurnMessageChannels, channels), cancellationToken) == 1;
    }
}

namespace BookingPortal.Features.Notifications;

/// <summary>Whom a customer's messages go to, and in which language, read in the caller's transaction.</summary>
public static class CustomerContacts
{
    // An account whose closing has begun (its gate shut, DeletedAtUtc set) has no address to write to. The closing skips
    // what was queued before it ends, but a message queued by a transaction that read the address before the closing
    // committed (a late payment's refund notice, say) would otherwise go to someone who had closed their account.
    private static readonly System.Linq.Expressions.Expression<Func<ApplicationUser, CustomerContact>> ContactOf =
        u => new CustomerContact(u.Id, u.DeletedAtUtc == null ? u.Email : null, u.DisplayName, u.DeletedAtUtc == null ? u.PhoneNumber : null,
            u.SmsOptIn && u.DeletedAtUtc == null, u.PreferredCulture);

    /// <summary>The contacts of several customers in one query, by customer id; unknown ids are missing.</summary>
    public static Task<Dictionary<string, CustomerContact>> FindManyAsync(
        BookingDbContext db, IReadOnlyCollection<string> customerIds, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking().Where(u => customerIds.Contains(u.Id)).Select(ContactOf).ToDictionaryAsync(c => c.CustomerId, cancellationToken);

    public static Task<CustomerContact?> FindAsync(BookingDbContext db, string customerId, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking().Where(u => u.Id == customerId).Select(ContactOf).SingleOrDefaultAsync(cancellationToken);

    public static async Task<CustomerContact> GetAsync(BookingDbContext db, string customerId, CancellationToken cancellationToken) =>
        await FindAsync(db, customerId, cancellationToken) ?? throw new InvalidOperationException($"Customer {customerId} does not exist.");
}

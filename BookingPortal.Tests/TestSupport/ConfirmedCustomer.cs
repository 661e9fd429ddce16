namespace BookingPortal.Tests.TestSupport;

/// <summary>A customer account written straight to a database, e-mail confirmed, for tests of a portal with no demo data.</summary>
public static class ConfirmedCustomer
{
    public static ApplicationUser New(string email, string password) => new()
    {
        UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
        EmailConfirmed = true, SecurityStamp = Guid.NewGuid().ToString(), PasswordHash = new PasswordHasher<ApplicationUser>().HashPassword(null!, password),
    };
}

namespace BookingPortal.Tests.TestSupport;

/// <summary>A customer account written straight to a database, e-mail confirmed, for tests of a portal with no demo data.</summary>
public static class ConfirmedCustomer
{
    /// <summary>One nobody signs in as: no password, as hashing one for each of many customers would only slow the test.</summary>
    public static ApplicationUser New(string email) => new()
    {
        UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
        EmailConfirmed = true, SecurityStamp = Guid.NewGuid().ToString(),
    };

    public static ApplicationUser New(string email, string password) => WithPasswordHash(email, new PasswordHasher<ApplicationUser>().HashPassword(null!, password));

    /// <summary>One who signs in with the password of <paramref name="passwordHash"/>, hashed once for many customers.</summary>
    public static ApplicationUser WithPasswordHash(string email, string passwordHash)
    {
        var user = New(email);
        user.PasswordHash = passwordHash;
        return user;
    }
}

namespace BookingPortal.Data;

/// <summary>
/// "Identity:RequireConfirmedEmail": booking, joining a waitlist and a place in a release's draw
/// need a confirmed address. On unless configured otherwise, except in Development where no mail
/// is read. Lives in Data because every feature that hands out a seat asks it.
/// </summary>
public sealed class AccountRules
{
    public const string RequireConfirmedEmailKey = "Identity:RequireConfirmedEmail";

    public bool RequireConfirmedEmail { get; init; }

    public static AccountRules Read(IConfiguration configuration, IHostEnvironment environment)
    {
        var text = configuration[RequireConfirmedEmailKey];
        if (string.IsNullOrWhiteSpace(text))
        {
            return new AccountRules { RequireConfirmedEmail = !environment.IsDevelopment() };
        }

        return bool.TryParse(text, out var required)
            ? new AccountRules { RequireConfirmedEmail = required }
            : throw new InvalidOperationException($"Configuration key '{RequireConfirmedEmailKey}' has the value '{text}'; use true or false.");
    }

    /// <summary>The customers whose address stops them: unconfirmed ones, when confirmation is required.</summary>
    public System.Linq.Expressions.Expression<Func<ApplicationUser, bool>> Unconfirmed =>
        RequireConfirmedEmail ? u => !u.EmailConfirmed : u => false;
}

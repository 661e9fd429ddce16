using Microsoft.AspNetCore.Identity;

namespace BookingPortal.Data;

public class ApplicationUser : IdentityUser
{
    public string? DisplayName { get; set; }

    public int NoShowCount { get; set; }

    /// <summary>Reminders and waitlist offers also go by text to <see cref="Microsoft.AspNetCore.Identity.IdentityUser{TKey}.PhoneNumber"/> (E.164).</summary>
    public bool SmsOptIn { get; set; }

    /// <summary>Set by staff: once <see cref="NoShowCount"/> reaches it, this customer books only with staff help.</summary>
    public int? NoShowLimit { get; set; }

    /// <summary>
    /// Bumped at the start of every booking transaction of this customer. The update takes the
    /// row's write lock, so two bookings by one customer run one after the other and the
    /// active-booking count read afterwards cannot be stale.
    /// </summary>
    public long BookingGate { get; set; }

    /// <summary>The language the customer's e-mails are written in ("en-US", "es-ES"); null writes English.</summary>
    public string? PreferredCulture { get; set; }

    /// <summary>
    /// When the customer closed the account. The row stays as a nameless tombstone because past
    /// bookings (the clinic's records) point at it; everything that identified the person is gone.
    /// </summary>
    public DateTime? DeletedAtUtc { get; set; }
}

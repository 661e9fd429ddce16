namespace BookingPortal.Features.Notifications;

/// <summary>What a waitlist.offered webhook event says.</summary>
public sealed record WaitlistOfferData(long WaitlistEntryId, int ServiceId, string ServiceName, string CustomerId, DateTime SlotStartUtc, DateTime SlotEndUtc, DateTime? OfferExpiresAtUtc);

/// <summary>Whom a customer's messages go to.</summary>
public sealed record CustomerContact(string CustomerId, string? Email, string? DisplayName, string? PhoneNumber, bool SmsOptIn, string? PreferredCulture = null)
{
    /// <summary>The language the customer's messages are written in.</summary>
    public string Language => MessageLanguage.Of(PreferredCulture);
}

/// <summary>What a cancellation message says about money.</summary>
public sealed record CancellationMoney(decimal FeeRetained, decimal Released);

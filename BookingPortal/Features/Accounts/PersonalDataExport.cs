using System.Text.Json;
using Microsoft.AspNetCore.Identity;

namespace BookingPortal.Features.Accounts;

/// <summary>
/// "Download personal data": the account's own fields and everything the portal keeps about the
/// person: bookings with their ledgers and answers to the booking questions, waitlist places, the messages sent to them (subject and
/// dates, not the bodies), API key prefixes (never the secrets) and their consents.
/// </summary>
[ScopedService]
public sealed class PersonalDataExport(IDbContextFactory<BookingDbContext> dbFactory, UserManager<ApplicationUser> users)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public async Task<byte[]> ExportAsync(ApplicationUser user, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var account = typeof(ApplicationUser).GetProperties()
            .Where(p => Attribute.IsDefined(p, typeof(PersonalDataAttribute)))
            .ToDictionary(p => p.Name, p => p.GetValue(user)?.ToString());
        account[nameof(ApplicationUser.DisplayName)] = user.DisplayName;
        account[nameof(ApplicationUser.PreferredCulture)] = user.PreferredCulture;
        account["AuthenticatorKey"] = await users.GetAuthenticatorKeyAsync(user);
        var logins = (await users.GetLoginsAsync(user)).Select(l => new { l.LoginProvider, l.ProviderKey });

        var bookings = await db.Bookings.AsNoTracking().Where(b => b.CustomerId == user.Id).OrderBy(b => b.StartUtc)
            .Select(b => new
            {
                b.ConfirmationNumber, Service = b.Service!.Name, b.StartUtc, b.EndUtc, Status = b.Status.ToString(), b.Price, b.DepositAmount, b.Currency,
                b.CreatedAtUtc, b.ConfirmedAtUtc, b.CancelledAtUtc, b.CheckedInAtUtc, b.CancellationReason,
                Ledger = db.LedgerEntries.Where(e => e.BookingId == b.Id).OrderBy(e => e.AtUtc)
                    .Select(e => new { Kind = e.Kind.ToString(), e.Amount, e.Currency, e.AtUtc, e.Note }).ToList(),
                Answers = db.BookingAnswers.Where(a => a.BookingId == b.Id).OrderBy(a => a.Position)
                    .Select(a => new { Question = a.QuestionText, a.Value, Kind = a.Kind.ToString(), a.QuestionVersion, a.Language }).ToList(),
            })
            .ToListAsync(cancellationToken);
        var waitlist = await db.WaitlistEntries.AsNoTracking().Where(e => e.CustomerId == user.Id).OrderBy(e => e.CreatedAtUtc)
            .Select(e => new { e.ServiceId, e.LocalDate, e.SlotStartUtc, Status = e.Status.ToString(), e.CreatedAtUtc, e.OfferExpiresAtUtc })
            .ToListAsync(cancellationToken);
        var messages = await db.OutboxMessages.AsNoTracking().Where(m => m.CustomerId == user.Id && m.Channel != Domain.NotificationChannel.Webhook)
            .OrderBy(m => m.CreatedAtUtc)
            .Select(m => new { Kind = m.Kind.ToString(), Channel = m.Channel.ToString(), m.Recipient, m.Subject, m.CreatedAtUtc, m.SentAtUtc, Status = m.Status.ToString() })
            .ToListAsync(cancellationToken);
        var apiKeys = await db.ApiKeys.AsNoTracking().Where(k => k.OwnerId == user.Id).OrderBy(k => k.CreatedAtUtc)
            .Select(k => new { k.Name, k.Prefix, Scopes = k.Scopes.ToString(), k.CreatedAtUtc, k.LastUsedAtUtc, k.RevokedAtUtc })
            .ToListAsync(cancellationToken);
        var consents = new { TextMessages = user.SmsOptIn, EmailConfirmed = user.EmailConfirmed, Language = user.PreferredCulture };
        return JsonSerializer.SerializeToUtf8Bytes(new { account, logins, bookings, waitlist, messages, apiKeys, consents }, Indented);
    }
}

using BookingPortal.Features.Accounts.Templates;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Identity;

namespace BookingPortal.Features.Accounts;

/// <summary>
/// Identity's e-mails as outbox rows, delivered by the dispatcher and the e-mail channel like every
/// other message (retries, the admin outbox page, retention), written in the customer's language.
/// Links arrive raw: the template encodes them.
/// </summary>
[ScopedService]
public sealed class AccountMail(IDbContextFactory<BookingDbContext> dbFactory, IServiceProvider services, ILoggerFactory loggerFactory, TimeProvider time)
    : IEmailSender<ApplicationUser>
{
    public Task SendConfirmationLinkAsync(ApplicationUser user, string email, string confirmationLink) =>
        QueueAsync(NotificationKind.ConfirmEmail, user, email, confirmationLink);

    public Task SendPasswordResetLinkAsync(ApplicationUser user, string email, string resetLink) =>
        QueueAsync(NotificationKind.ResetPassword, user, email, resetLink);

    /// <summary>The portal's pages send links; a caller that sends a bare code gets it where the link would stand.</summary>
    public Task SendPasswordResetCodeAsync(ApplicationUser user, string email, string resetCode) =>
        QueueAsync(NotificationKind.ResetPassword, user, email, resetCode);

    public Task SendEmailChangeLinkAsync(ApplicationUser user, string newEmail, string confirmationLink) =>
        QueueAsync(NotificationKind.ConfirmEmailChange, user, newEmail, confirmationLink);

    public Task SendStaffInvitationAsync(ApplicationUser user, string email, string link) =>
        QueueAsync(NotificationKind.StaffInvitation, user, email, link);

    public Task SendAlreadyRegisteredAsync(ApplicationUser user, string signInLink) =>
        QueueAsync(NotificationKind.AlreadyRegistered, user, user.Email!, signInLink);

    private async Task QueueAsync(NotificationKind kind, ApplicationUser user, string email, string link)
    {
        var text = AccountMailTexts.For(kind, user.PreferredCulture);
        var nowUtc = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync();
        db.OutboxMessages.Add(new OutboxMessage
        {
            // Every request is its own event: a second "resend" is a second message.
            EventKey = $"{kind.ToString().ToLowerInvariant()}:{user.Id}:{Guid.NewGuid():N}",
            Kind = kind,
            Channel = NotificationChannel.Email,
            CustomerId = user.Id,
            Recipient = email,
            Subject = text.Subject,
            TextBody = AccountMailTexts.PlainText(text, link),
            HtmlBody = await RenderAsync(text, link),
            Status = OutboxStatus.Pending,
            CreatedAtUtc = nowUtc,
            NextAttemptAtUtc = nowUtc,
        });
        await db.SaveChangesAsync();
    }

    private async Task<string> RenderAsync(AccountMailText text, string link)
    {
        await using var renderer = new HtmlRenderer(services, loggerFactory);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(AccountEmail.Text)] = text, [nameof(AccountEmail.Link)] = link });
            return (await renderer.RenderComponentAsync<AccountEmail>(parameters)).ToHtmlString();
        });
    }
}

using BookingPortal.Infrastructure.Hosting;

namespace BookingPortal.Features.Notifications.Ports;

/// <summary>Bound from the "Notifications" section. With no provider keys, messages wait in the outbox.</summary>
public sealed class NotificationsOptions
{
    public const string SectionName = "Notifications";

    /// <summary>The address customers use to reach the portal; links in messages start with it.</summary>
    public string PortalBaseUrl { get; set; } = "http://localhost:5227/";

    /// <summary>The clinic's name as messages say it; privacy mode's messages say only "Your appointment at" it.</summary>
    public string ClinicName { get; set; } = "BookingPortal";

    /// <summary>Attempts per message before it is marked Failed.</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>The wait after the first failure; it doubles with every further failure (capped at an hour).</summary>
    public int RetryBaseDelaySeconds { get; set; } = 30;

    /// <summary>How long a dispatcher owns a claimed message; after that another may take it over (the first one died).</summary>
    public int ClaimTimeoutSeconds { get; set; } = 120;

    public int BatchSize { get; set; } = 50;

    /// <summary>
    /// An e-mail or text still unsent this many hours after it was due is skipped, not sent: a backlog left while
    /// delivery was off (the default) or down would tell customers old news the day it comes back. A retry's wait
    /// makes it due later, and staff sending a failed message again make it due now.
    /// </summary>
    public int MaxDelayHours { get; set; } = 48;

    public SendGridOptions SendGrid { get; set; } = new();

    public TwilioOptions Twilio { get; set; } = new();

    public Uri PortalBaseUri => new(PortalBaseUrl.EndsWith('/') ? PortalBaseUrl : PortalBaseUrl + "/");

    /// <summary>Whether any message leaves the portal (e-mail or SMS); webhooks carry no customer links.</summary>
    public bool DeliversMessages => SendGrid.IsConfigured || Twilio.IsConfigured;

    /// <summary>The portal address is this machine (the default): a link in a message would open the reader's own computer.</summary>
    public bool PortalBaseUrlIsLoopback =>
        Uri.TryCreate(PortalBaseUrl, UriKind.Absolute, out var portal) && portal.IsLoopback;

    /// <summary>
    /// The configured portal address; while that is still a loopback one (the default) and a <paramref name="fallback"/>
    /// is known, the fallback: an address that opens where the link is read, for links shown rather than mailed.
    /// </summary>
    public Uri PortalBaseUriOr(Uri? fallback) => PortalBaseUrlIsLoopback && fallback is not null ? fallback : PortalBaseUri;
}

public sealed class SendGridOptions
{
    public string? ApiKey { get; set; }
    public string FromEmail { get; set; } = "bookings@bookingportal.local";
    public string FromName { get; set; } = "BookingPortal";

    /// <summary>Only for tests and relays: where the SendGrid client sends its requests.</summary>
    public string? BaseUrl { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ApiKey);
}

public sealed class TwilioOptions
{
    public string? AccountSid { get; set; }
    public string? AuthToken { get; set; }

    /// <summary>The sending number, in E.164 form.</summary>
    public string? FromNumber { get; set; }

    /// <summary>Only for tests and relays: where the Twilio client sends its requests.</summary>
    public string? BaseUrl { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(AccountSid);
}

/// <summary>Start-up checks that name the key at fault.</summary>
internal sealed class NotificationsOptionsValidator(IHostEnvironment environment) : IValidateOptions<NotificationsOptions>
{
    private const string Section = NotificationsOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, NotificationsOptions options)
    {
        var errors = new OptionsErrors(Section);
        ValidatePortalAndDelivery(options, errors);
        ValidateSendGrid(options.SendGrid, errors);
        ValidateTwilio(options.Twilio, errors);
        ValidateProviderBaseUrls(options, errors);
        return errors.Result;
    }

    private void ValidatePortalAndDelivery(NotificationsOptions options, OptionsErrors errors)
    {
        if (!Uri.TryCreate(options.PortalBaseUrl, UriKind.Absolute, out var portal) || portal.Scheme is not ("http" or "https"))
        {
            errors.Add($"'{Section}:PortalBaseUrl' must be an absolute http(s) URL (was '{options.PortalBaseUrl}').");
        }
        else if (environment.IsProduction() && options.DeliversMessages && options.PortalBaseUrlIsLoopback)
        {
            // The default suits a developer's machine; sent from Production, every confirm-address and
            // booking link would point at the customer's own computer. Without a channel nothing leaves,
            // so DeliveryStatusReport only warns.
            errors.Add($"'{Section}:PortalBaseUrl' must be the portal's public address when e-mail or SMS delivery is on in Production (was '{options.PortalBaseUrl}').");
        }

        if (string.IsNullOrWhiteSpace(options.ClinicName) || options.ClinicName.Length > 100)
        {
            errors.Add($"'{Section}:ClinicName' must be 1 to 100 characters (was '{options.ClinicName}').");
        }

        errors.Range(nameof(options.MaxAttempts), options.MaxAttempts, 1, 50)
            .Range(nameof(options.RetryBaseDelaySeconds), options.RetryBaseDelaySeconds, 1, 3600);
        // A claim must outlast the slowest send (HTTP time-outs are 30 s for e-mail and SMS, at most
        // 60 s for webhooks) and the write of its answer; a shorter one lapses while the message is
        // still being sent, and another dispatcher sends it a second time.
        errors.Range(nameof(options.ClaimTimeoutSeconds), options.ClaimTimeoutSeconds, 90, 3600)
            .Range(nameof(options.BatchSize), options.BatchSize, 1, 1000)
            .Range(nameof(options.MaxDelayHours), options.MaxDelayHours, 1, 720);
    }

    private void ValidateSendGrid(SendGridOptions sendGrid, OptionsErrors errors)
    {
        if (!sendGrid.IsConfigured)
        {
            return;
        }

        if (!System.Net.Mail.MailAddress.TryCreate(sendGrid.FromEmail, out var from))
        {
            errors.Add($"'{Section}:SendGrid:FromEmail' must be an e-mail address (was '{sendGrid.FromEmail}').");
        }
        else if (environment.IsProduction() && IsLocalOnly(from.Host))
        {
            // The default sender (bookings@bookingportal.local) is no domain on the internet: SendGrid refuses
            // every message from it, so a clinic that set only the key would send nothing and learn it from the outbox.
            errors.Add($"'{Section}:SendGrid:FromEmail' must be an address on the clinic's own domain, verified with SendGrid, when e-mail delivery is on in Production (was '{sendGrid.FromEmail}').");
        }
    }

    private static bool IsLocalOnly(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || host.EndsWith(".local", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
        || host.EndsWith(".invalid", StringComparison.OrdinalIgnoreCase);

    private static void ValidateTwilio(TwilioOptions twilio, OptionsErrors errors)
    {
        if (!twilio.IsConfigured)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(twilio.AuthToken))
        {
            errors.Add($"'{Section}:Twilio:AuthToken' is required when '{Section}:Twilio:AccountSid' is set.");
        }

        if (!Domain.PhoneNumber.TryNormalize(twilio.FromNumber, out _))
        {
            errors.Add($"'{Section}:Twilio:FromNumber' must be a phone number in E.164 form, e.g. +12125550100 (was '{twilio.FromNumber}').");
        }
    }

    private void ValidateProviderBaseUrls(NotificationsOptions options, OptionsErrors errors) =>
        errors.ProviderUrl("SendGrid:BaseUrl", options.SendGrid.BaseUrl, environment.IsProduction())
            .ProviderUrl("Twilio:BaseUrl", options.Twilio.BaseUrl, environment.IsProduction());
}

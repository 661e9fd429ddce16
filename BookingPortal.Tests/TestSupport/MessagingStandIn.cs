namespace BookingPortal.Tests.TestSupport;

/// <summary>
/// A local stand-in on 127.0.0.1 for SendGrid's mail/send and Twilio's Messages endpoints. It
/// checks the credentials the way the providers do, records what arrives, and can be told to
/// fail the next requests.
/// </summary>
public sealed class MessagingStandIn : IAsyncDisposable
{
    public const string SendGridKey = "SG.standin-key";
    public const string TwilioSid = "ACstandin0000000000000000000000000";
    public const string TwilioToken = "standin-token";
    public const string TwilioFrom = "+12125550199";

    private readonly WebApplication app;
    private readonly ConcurrentQueue<int> scriptedStatuses = new();

    private MessagingStandIn(WebApplication app, string baseUrl)
    {
        this.app = app;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public ConcurrentQueue<SentEmail> Emails { get; } = new();

    public ConcurrentQueue<SentSms> TextMessages { get; } = new();

    /// <summary>The status codes to answer the next requests with (instead of success), in order.</summary>
    public void FailNext(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            scriptedStatuses.Enqueue(status);
        }
    }

    public sealed record SentEmail(string To, string Subject, string Text, string Html, IReadOnlyList<(string FileName, string Type, string Content)> Attachments, string? OutboxId);

    public sealed record SentSms(string To, string From, string Body);

    public static async Task<MessagingStandIn> StartAsync()
    {
        MessagingStandIn? standIn = null;
        var (app, baseUrl) = await LocalStandIn.StartAsync(endpoints =>
        {
            endpoints.MapPost("/v3/mail/send", async (HttpRequest request) =>
            {
                if (request.Headers.Authorization.ToString() != $"Bearer {SendGridKey}")
                {
                    return Results.Json(new { errors = new[] { new { message = "The provided authorization grant is invalid." } } }, statusCode: 401);
                }

                if (standIn!.scriptedStatuses.TryDequeue(out var status))
                {
                    return Results.Json(new { errors = new[] { new { message = "Stand-in scripted failure." } } }, statusCode: status);
                }

                using var json = await JsonDocument.ParseAsync(request.Body);
                standIn.Emails.Enqueue(ParseMail(json.RootElement));
                return Results.Accepted(value: null as object);
            });
            endpoints.MapPost("/2010-04-01/Accounts/{sid}/Messages.json", async (string sid, HttpRequest request, HttpResponse response) =>
            {
                var expected = "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{TwilioSid}:{TwilioToken}"));
                if (sid != TwilioSid || request.Headers.Authorization.ToString() != expected)
                {
                    return Results.Json(new { code = 20003, message = "Authenticate", status = 401 }, statusCode: 401);
                }

                if (standIn!.scriptedStatuses.TryDequeue(out var status))
                {
                    return Results.Json(new { code = 20500, message = "Stand-in scripted failure.", status }, statusCode: status);
                }

                var form = await request.ReadFormAsync();
                var sms = new SentSms(form["To"].ToString(), form["From"].ToString(), form["Body"].ToString());
                standIn.TextMessages.Enqueue(sms);
                return Results.Json(new { sid = $"SM{Guid.NewGuid():N}", status = "queued", to = sms.To, from = sms.From, body = sms.Body, account_sid = sid }, statusCode: 201);
            });
        });
        standIn = new MessagingStandIn(app, baseUrl);
        return standIn;
    }

    private static SentEmail ParseMail(JsonElement mail)
    {
        var personalization = mail.GetProperty("personalizations")[0];
        var to = personalization.GetProperty("to")[0].GetProperty("email").GetString()!;
        var subject = personalization.TryGetProperty("subject", out var s) ? s.GetString()! : mail.GetProperty("subject").GetString()!;
        string Content(string type) => mail.GetProperty("content").EnumerateArray()
            .Where(c => c.GetProperty("type").GetString() == type).Select(c => c.GetProperty("value").GetString()!).FirstOrDefault() ?? "";
        var attachments = mail.TryGetProperty("attachments", out var list)
            ? list.EnumerateArray().Select(a => (a.GetProperty("filename").GetString()!, a.GetProperty("type").GetString()!,
                System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(a.GetProperty("content").GetString()!)))).ToList()
            : [];
        // The client puts custom args on the personalization of a single-recipient mail.
        var outboxId = personalization.TryGetProperty("custom_args", out var args) && args.TryGetProperty("outbox_id", out var id) ? id.GetString() : null;
        return new SentEmail(to, subject, Content("text/plain"), Content("text/html"), attachments, outboxId);
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}

/// <summary>The portal with SendGrid and Twilio pointed at the stand-in.</summary>
public sealed class MessagingPortalFactory(MessagingStandIn standIn) : PortalFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings() => Settings(standIn);

    /// <summary>What points a portal's SendGrid and Twilio at <paramref name="standIn"/> (for a portal that also needs settings of its own).</summary>
    public static KeyValuePair<string, string>[] Settings(MessagingStandIn standIn) =>
    [
        new("Notifications:PortalBaseUrl", "https://portal.example.test/"),
        new("Notifications:SendGrid:ApiKey", MessagingStandIn.SendGridKey),
        new("Notifications:SendGrid:BaseUrl", standIn.BaseUrl),
        new("Notifications:Twilio:AccountSid", MessagingStandIn.TwilioSid),
        new("Notifications:Twilio:AuthToken", MessagingStandIn.TwilioToken),
        new("Notifications:Twilio:FromNumber", MessagingStandIn.TwilioFrom),
        new("Notifications:Twilio:BaseUrl", standIn.BaseUrl),
    ];
}

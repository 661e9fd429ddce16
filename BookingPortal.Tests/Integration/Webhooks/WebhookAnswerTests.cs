namespace BookingPortal.Tests.Integration.Webhooks;

/// <summary>
/// What the portal reads of a receiver's answer, against stand-ins on 127.0.0.1 that answer 200 with a body
/// far larger than what is kept, or with the start of a body and then nothing.
/// </summary>
public sealed class WebhookAnswerTests : IAsyncLifetime
{
    private const int HugeBodyBytes = 64 * 1024 * 1024;

    /// <summary>What the portal's connection may take of the huge body: what it reads plus what the kernels buffer (about 200 KB here).</summary>
    private const int MostTakenBytes = 8 * 1024 * 1024;
    private const int TimeoutSeconds = 15;
    private const string StalledStart = "accepted, more to follow";
    private readonly TaskCompletionSource stalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication receiver = null!;
    private string baseUrl = "";

    public async Task InitializeAsync() =>
        (receiver, baseUrl) = await LocalStandIn.StartAsync(app => app.MapPost("/stall", AnswerThenStallAsync));

    public async Task DisposeAsync() => await receiver.DisposeAsync();

    /// <summary>200 and the start of a body, then nothing until the portal hangs up.</summary>
    private async Task AnswerThenStallAsync(HttpContext context)
    {
        await context.Response.WriteAsync(StalledStart, context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        stalled.TrySetResult();
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The portal hung up.
        }
    }

    private sealed class AnswerPortal : PortalFactory
    {
        protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings() =>
        [
            new("Webhooks:AllowHttp", "true"),
            new("Webhooks:AllowPrivateNetworks", "true"),
            new("Webhooks:TimeoutSeconds", TimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ];
    }

    /// <summary>A portal with one endpoint at <paramref name="url"/> and one booking whose confirmation is waiting for it.</summary>
    private static async Task<AnswerPortal> PortalWithEventForAsync(string url)
    {
        var portal = new AnswerPortal();
        await portal.StartWithoutScheduledJobsAsync();
        var (_, errors) = await portal.Get<WebhookAdminService>().RegisterAsync(
            await portal.StaffAsync(), new WebhookEndpointDraft { Url = url, EventTypes = [WebhookEventTypes.BookingConfirmed] });
        errors.Should().BeEmpty();
        var service = await portal.ServiceNamedAsync(DemoSeeder.ConsultationName);
        await portal.BookAsNewCustomerAsync(service.Id, (await portal.BookableSlotsAsync(service))[0].StartUtc);
        return portal;
    }

    private static async Task<(OutboxMessage Row, List<DeliveryAttempt> Attempts)> DeliveryAsync(PortalFactory portal)
    {
        await using var db = await portal.DbFactory.CreateDbContextAsync();
        var row = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Channel == NotificationChannel.Webhook);
        return (row, await db.DeliveryAttempts.AsNoTracking().Where(a => a.OutboxMessageId == row.Id).ToListAsync());
    }

    [Fact]
    public async Task A_receiver_answering_200_with_a_huge_body_is_recorded_sent_with_the_start_of_it_and_the_rest_is_never_read()
    {
        await using var huge = new HugeAnswerReceiver(HugeBodyBytes);
        await using var portal = await PortalWithEventForAsync(huge.Url);

        await portal.Get<OutboxDispatcher>().DispatchDueAsync();
        var written = await huge.Written.WaitAsync(TimeSpan.FromMinutes(1));

        var (row, attempts) = await DeliveryAsync(portal);
        row.Status.Should().Be(OutboxStatus.Sent, "the receiver answered 200");
        var attempt = attempts.Should().ContainSingle().Subject;
        attempt.Succeeded.Should().BeTrue();
        attempt.Response.Should().StartWith("200 OK: xxxx").And.EndWith("…").And.HaveLength(1001, "the answer is cut to the 1,000 characters kept");
        written.Should().BeLessThan(MostTakenBytes, "the portal stopped reading after the first kilobyte and hung up: the receiver could not hand it the rest");
    }

    [Fact]
    public async Task A_receiver_that_answers_200_and_then_stalls_is_recorded_sent_with_what_it_said_once_the_timeout_passes()
    {
        await using var portal = await PortalWithEventForAsync(baseUrl + "/stall");

        var dispatch = portal.Get<OutboxDispatcher>().DispatchDueAsync();
        await stalled.Task.WaitAsync(TimeSpan.FromMinutes(1));
        // The body's deadline runs on the portal's clock: move it a timeout on each look until the dispatcher's run
        // (on its own threads) has reached the read and given up on it.
        var finished = await Poll.UntilAsync(() =>
        {
            portal.Clock.Advance(TimeSpan.FromSeconds(TimeoutSeconds));
            return Task.FromResult(dispatch.IsCompleted);
        }, TimeSpan.FromMinutes(1));

        finished.Should().BeTrue();
        await dispatch;
        var (row, attempts) = await DeliveryAsync(portal);
        row.Status.Should().Be(OutboxStatus.Sent, "the receiver answered 200 before it went quiet");
        attempts.Should().ContainSingle().Which.Response.Should().Be($"200 OK: {StalledStart}");
    }
}

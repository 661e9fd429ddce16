using BookingPortal.Features.Notifications.Ports;
using Microsoft.Extensions.Configuration;

namespace BookingPortal.Tests.Integration.Notifications;

public class NotificationSettingsTests
{
    [Fact]
    public async Task A_customer_opts_in_to_texts_with_a_number_that_is_stored_in_E164_form()
    {
        await using var factory = new PortalFactory();
        var (customer, client) = await factory.SignInNewCustomerAsync();

        var refused = await client.SubmitFormAsync("/Account/Manage", new() { ["Input.PhoneNumber"] = "555 0100", ["Input.SmsOptIn"] = "true" });
        (await refused.Content.ReadAsStringAsync()).Should().Contain("Enter the number with its country code.");
        var withoutNumber = await client.SubmitFormAsync("/Account/Manage", new() { ["Input.PhoneNumber"] = "", ["Input.SmsOptIn"] = "true" });
        (await withoutNumber.Content.ReadAsStringAsync()).Should().Contain("Add a phone number to get text messages.");
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            (await db.Users.SingleAsync(u => u.Id == customer.Id)).SmsOptIn.Should().BeFalse("nothing is saved from a refused form");
        }

        var saved = await client.SubmitFormAsync("/Account/Manage", new() { ["Input.PhoneNumber"] = "+1 (212) 555-0100", ["Input.SmsOptIn"] = "true" });

        saved.StatusCode.Should().Be(HttpStatusCode.Redirect);
        await using var check = await factory.DbFactory.CreateDbContextAsync();
        var user = await check.Users.SingleAsync(u => u.Id == customer.Id);
        user.PhoneNumber.Should().Be("+12125550100");
        user.SmsOptIn.Should().BeTrue();
    }

    [Theory]
    [InlineData("PortalBaseUrl", "not a url", "'Notifications:PortalBaseUrl'")]
    [InlineData("MaxAttempts", "0", "'Notifications:MaxAttempts'")]
    [InlineData("MaxDelayHours", "0", "'Notifications:MaxDelayHours'")]
    [InlineData("Twilio:AccountSid", "AC123", "'Notifications:Twilio:AuthToken'")]
    public void Bad_notification_settings_are_refused_with_the_key_named(string key, string value, string expected)
    {
        var options = new NotificationsOptions();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [$"Notifications:{key}"] = value }).Build();
        configuration.GetSection("Notifications").Bind(options);

        var result = new NotificationsOptionsValidator(new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = "Testing" }).Validate(null, options);

        result.Failed.Should().BeTrue();
        result.FailureMessage.Should().Contain(expected);
    }

    [Fact]
    public async Task The_app_does_not_start_with_a_bad_notification_setting()
    {
        var failure = await StartupFailure.OfAsync(() => new SettingsFactory(new KeyValuePair<string, string>("Notifications:SendGrid:BaseUrl", "relative/path")));

        failure.Should().BeAssignableTo<Exception>().Which.Message.Should().Match("*'Notifications:SendGrid:BaseUrl'*");
    }

    [Fact]
    public async Task The_jobs_page_data_shows_each_jobs_next_run_and_the_last_run_once_it_has_run()
    {
        await using var factory = new PortalFactory();
        var scheduler = await factory.Services.GetRequiredService<Quartz.ISchedulerFactory>().GetScheduler();
        var outbox = factory.Get<OutboxAdminService>();
        var staff = await factory.StaffAsync();

        // Every job starts at start-up; wait (bounded) for the scheduler's own thread to run the dispatcher once.
        JobStatus? dispatcher = null;
        await Poll.UntilAsync(async () =>
        {
            await scheduler.TriggerJob(OutboxDispatchJob.Key);
            dispatcher = (await outbox.ListJobsAsync(staff)).Single(j => j.Name == OutboxDispatchJob.Key.Name);
            return dispatcher.LastRun is not null;
        }, TimeSpan.FromSeconds(30));

        var jobs = await outbox.ListJobsAsync(staff);
        jobs.Select(j => j.Name).Should().Contain([nameof(OutboxDispatchJob), nameof(ReminderJob), "HoldExpiryJob", "NoShowJob"]);
        jobs.Should().OnlyContain(j => j.NextRunUtc != null);
        dispatcher!.LastRun.Should().NotBeNull();
        dispatcher.LastRun!.Error.Should().BeNull();
    }

    private sealed class SettingsFactory(params KeyValuePair<string, string>[] settings) : PortalFactory
    {
        protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings() => settings;
    }
}

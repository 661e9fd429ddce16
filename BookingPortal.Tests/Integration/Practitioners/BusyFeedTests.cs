namespace BookingPortal.Tests.Integration.Practitioners;

/// <summary>Outside calendars read from a stand-in on 127.0.0.1, with the webhooks' guard on private addresses on and off.</summary>
public sealed class BusyFeedTests : IAsyncLifetime
{
    private WebApplication feedServer = null!;
    private string feedUrl = "";
    private string feed = "";

    public async Task InitializeAsync()
    {
        // Shaped like a private calendar link: its secret is in the path.
        (feedServer, var baseUrl) = await LocalStandIn.StartAsync(app => app.MapGet($"/ical/{FeedSecret}/basic.ics", () => Results.Text(feed, "text/calendar")));
        feedUrl = $"{baseUrl}/ical/{FeedSecret}/basic.ics";
    }

    public async Task DisposeAsync() => await feedServer.DisposeAsync();

    /// <summary>The secret of a private calendar link, which must reach neither the log nor a trace.</summary>
    internal const string FeedSecret = "private-5f2c9e41";

    private sealed class FeedPortal(bool allowPrivateNetworks) : PortalFactory
    {
        /// <summary>Everything logged, at every level: the request log of an HTTP client writes at Information.</summary>
        public CapturedLog Everything { get; } = new(LogLevel.Trace);

        /// <summary>Starts the portal without its jobs and adds a practitioner of the demo consultation.</summary>
        public async Task<int> StartWithPractitionerAsync(string name)
        {
            await StartWithoutScheduledJobsAsync();
            return await this.CreatePractitionerAsync(name, (await this.ServiceNamedAsync(DemoSeeder.ConsultationName)).Id);
        }

        protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings() =>
            [new("Webhooks:AllowHttp", "true"), new("Webhooks:AllowPrivateNetworks", allowPrivateNetworks ? "true" : "false")];

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(Everything).AddFilter<CapturedLog>(null, LogLevel.Trace));
        }
    }

    private static string Event(string uid, DateTime startUtc, int minutes) =>
        $"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTART:{startUtc:yyyyMMdd'T'HHmmss}Z\r\nDURATION:PT{minutes}M\r\nEND:VEVENT\r\n";

    internal static string Calendar(params string[] events) => "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Stand-in//EN\r\n" + string.Concat(events) + "END:VCALENDAR\r\n";

    [Fact]
    public async Task Staff_opening_the_practitioner_see_where_the_calendar_is_never_its_secret_address()
    {
        await using var portal = new FeedPortal(allowPrivateNetworks: true);
        var practitioner = await portal.StartWithPractitionerAsync("Dr Private");
        var staff = await portal.StaffAsync();
        feed = Calendar();
        (await portal.Get<BusyFeedService>().SetUrlAsync(staff, practitioner, feedUrl)).Errors.Should().BeEmpty();

        var detail = await portal.Get<PractitionerAdminService>().GetAsync(staff, practitioner);

        detail!.BusyFeedHost.Should().Be(new Uri(feedUrl).Host);
        System.Text.Json.JsonSerializer.Serialize(detail).Should().NotContain(FeedSecret, "with it anyone reads the practitioner's whole private calendar");
    }

    /// <summary>The job read the list of feeds, then staff disconnected the calendar while the job was still fetching it.</summary>
    [Fact]
    public async Task A_read_that_ends_after_the_calendar_was_disconnected_puts_back_nothing()
    {
        await using var portal = new FeedPortal(allowPrivateNetworks: true);
        var practitioner = await portal.StartWithPractitionerAsync("Dr Disconnected");
        var staff = await portal.StaffAsync();
        var feeds = portal.Get<BusyFeedService>();
        feed = Calendar(Event("a", PortalFactory.DefaultNow.UtcDateTime.Date.AddDays(1).AddHours(15), 60));
        (await feeds.SetUrlAsync(staff, practitioner, feedUrl)).Errors.Should().BeEmpty();
        (await feeds.SetUrlAsync(staff, practitioner, null)).Errors.Should().BeEmpty();

        await feeds.RefreshAsync(practitioner, feedUrl);

        await using var db = await portal.DbFactory.CreateDbContextAsync();
        (await db.PractitionerBusyPeriods.CountAsync(b => b.PractitionerId == practitioner)).Should().Be(0, "no later read would ever clear them");
    }

    [Fact]
    public async Task Each_read_replaces_the_practitioners_busy_periods_and_the_week_view_shows_them()
    {
        await using var portal = new FeedPortal(allowPrivateNetworks: true);
        var practitioner = await portal.StartWithPractitionerAsync("Dr Busy");
        var staff = await portal.StaffAsync();
        var tomorrow = PortalFactory.DefaultNow.UtcDateTime.Date.AddDays(1).AddHours(15);
        feed = Calendar(Event("a", tomorrow, 60), Event("b", tomorrow.AddDays(1), 30));

        var saved = await portal.Get<BusyFeedService>().SetUrlAsync(staff, practitioner, feedUrl);
        feed = Calendar(Event("c", tomorrow.AddHours(2), 45));
        await portal.Get<BusyFeedService>().RefreshAllAsync();

        saved.Errors.Should().BeEmpty();
        portal.Everything.Entries.Should().Contain(e => e.Level == LogLevel.Information, "the capture hears the portal's ordinary log")
            .And.NotContain(e => e.Message.Contains(FeedSecret), "a feed's secret must not reach the log");
        await using var db = await portal.DbFactory.CreateDbContextAsync();
        var periods = await db.PractitionerBusyPeriods.Where(p => p.PractitionerId == practitioner).ToListAsync();
        periods.Should().ContainSingle().Which.StartUtc.Should().Be(tomorrow.AddHours(2));
        portal.Get<BusyFeedStatus>().LastRead(practitioner)!.Periods.Should().Be(1);
        var week = await portal.Get<PractitionerWeekService>().WeekAsync(staff, practitioner, DateOnly.FromDateTime(tomorrow));
        week!.Days.SelectMany(d => d.Busy).Should().ContainSingle().Which.Start.Should().Be(new TimeOnly(12, 0), "17:00 UTC is noon in New York");
    }

    [Fact]
    public async Task Without_the_private_network_switch_the_address_is_refused_beside_the_field_and_a_stored_one_is_never_connected_to()
    {
        await using var portal = new FeedPortal(allowPrivateNetworks: false);
        var practitioner = await portal.StartWithPractitionerAsync("Dr Guarded");
        feed = Calendar(Event("a", PortalFactory.DefaultNow.UtcDateTime.AddDays(1), 60));

        var refused = await portal.Get<BusyFeedService>().SetUrlAsync(await portal.StaffAsync(), practitioner, feedUrl);
        var read = await portal.Get<BusyFeedService>().RefreshAsync(practitioner, feedUrl);

        refused.Errors.Should().ContainSingle().Which.Field.Should().Be("ExternalBusyFeedUrl");
        read.Error.Should().Contain("Refused to connect");
        await using var db = await portal.DbFactory.CreateDbContextAsync();
        (await db.PractitionerBusyPeriods.CountAsync(p => p.PractitionerId == practitioner)).Should().Be(0);
        (await db.Practitioners.SingleAsync(p => p.Id == practitioner)).ExternalBusyFeedUrl.Should().BeNull();
    }
}

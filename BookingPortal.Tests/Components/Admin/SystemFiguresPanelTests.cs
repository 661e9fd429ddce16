using BookingPortal.Features.Admin.Components;
using MudBlazor.Services;

namespace BookingPortal.Tests.Components.Admin;

public sealed class SystemFiguresPanelTests : IDisposable
{
    private readonly BunitContext context = new();

    public SystemFiguresPanelTests()
    {
        context.Services.AddMudServices();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
    }

    [Fact]
    public void An_opening_in_full_swing_shows_its_rates_refusals_by_reason_outbox_by_channel_and_latencies()
    {
        var figures = new SystemFigures(
            AdmittedPerMinute: 600, LapsedPerMinute: 14, Waiting: 9_412, SeatsLeft: 57, BookedPerMinute: 480,
            RefusedPerMinute: new Dictionary<string, double> { ["SlotFull"] = 95, ["NotAdmitted"] = 3 },
            BookingLatencyMs: 42.5, OpenCircuits: 1_530,
            OutboxPending: new Dictionary<string, double> { ["Email"] = 120, ["Sms"] = 4, ["Webhook"] = 0 },
            OutboxFailed: new Dictionary<string, double> { ["Email"] = 2, ["Sms"] = 0, ["Webhook"] = 1 },
            DatabaseLatencyMs: 1.8, ConflictRetriesPerMinute: 0, JobFailuresPerMinute: 1, ConsistencyViolationsPerMinute: 0);

        var panel = context.Render<SystemFiguresPanel>(p => p.Add(x => x.Figures, figures));

        panel.Find("[data-testid=admitted]").TextContent.Should().Contain("600").And.Contain("Admitted / min");
        panel.Find("[data-testid=waiting]").TextContent.Should().Contain("9,412");
        panel.Find("[data-testid=booked]").TextContent.Should().Contain("480");
        panel.Find("[data-testid=refused]").TextContent.Should().Contain("98");
        panel.FindAll("[data-testid=refusal]").Select(r => r.TextContent).Should().Equal("SlotFull95", "NotAdmitted3");
        panel.Find("[data-testid=booking-latency]").TextContent.Should().Contain("42.5 ms");
        panel.Find("[data-testid=database-latency]").TextContent.Should().Contain("1.8 ms");
        panel.Find("[data-testid=circuits]").TextContent.Should().Contain("1,530");
        panel.Find("[data-testid=outbox-Email]").TextContent.Should().Be("Email1202");
        panel.Find("[data-testid=job-failures]").TextContent.Should().Be("1");
    }

    [Fact]
    public void A_quiet_instance_says_there_were_no_refusals_and_shows_no_latency_rather_than_zero()
    {
        var none = new Dictionary<string, double>();
        var figures = new SystemFigures(0, 0, 0, null, 0, none, null, 0, none, none, null, 0, 0, 0);

        var panel = context.Render<SystemFiguresPanel>(p => p.Add(x => x.Figures, figures));

        panel.Find("[data-testid=no-refusals]").TextContent.Should().Be("None in the last minute.");
        panel.Find("[data-testid=booking-latency]").TextContent.Should().Contain("–");
    }

    public void Dispose() => context.Dispose();
}

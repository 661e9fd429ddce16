using BookingPortal.Tests.EndToEnd;

namespace BookingPortal.Tests.Unit.TestSupport;

public class PortalProcessLogTests
{
    [Fact]
    public void Problems_are_the_warnings_and_failures_of_either_log_format_with_what_belongs_to_them()
    {
        const string log = """
            info: Microsoft.Hosting.Lifetime[14]
                  Now listening on: http://127.0.0.1:5123
            warn: BookingPortal.Features.Booking.BookingJourney[3]
                  A click was answered late
            fail: Microsoft.AspNetCore.Components.Server.Circuits.CircuitHost[111]
                  Unhandled exception in circuit 'x'.
                  System.InvalidOperationException: broken
            info: Microsoft.Hosting.Lifetime[0]
                  Application started.
            {"Timestamp":"2026-12-05T03:00:00Z","EventId":0,"LogLevel":"Information","Category":"A","Message":"fine"}
            {"Timestamp":"2026-12-05T03:00:01Z","EventId":0,"LogLevel":"Error","Category":"B","Message":"json failure"}
            {"Timestamp":"2026-12-05T03:00:02Z","EventId":0,"LogLevel":"Warning","Category":"C","Message":"json warning"}
            """;

        var problems = PortalProcess.ProblemsIn(log);

        problems.Should().Contain("A click was answered late").And.Contain("System.InvalidOperationException: broken")
            .And.Contain("json failure").And.Contain("json warning");
        problems.Should().NotContain("Now listening").And.NotContain("Application started").And.NotContain("fine");
    }
}

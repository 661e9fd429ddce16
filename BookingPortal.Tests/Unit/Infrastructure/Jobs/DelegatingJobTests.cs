using BookingPortal.Infrastructure.Jobs;
using Quartz;

namespace BookingPortal.Tests.Unit.Infrastructure.Jobs;

public class DelegatingJobTests
{
    /// <summary>Each job class once carried the attribute itself; Quartz must still see it through the shared base.</summary>
    [Fact]
    public void Every_job_that_hands_its_run_to_a_service_never_runs_twice_at_once()
    {
        var jobs = typeof(Program).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(DelegatingJob))).ToList();

        jobs.Should().HaveCountGreaterThanOrEqualTo(11);
        jobs.Should().AllSatisfy(job => JobBuilder.Create().OfType(job).WithIdentity(job.Name).Build().ConcurrentExecutionDisallowed.Should().BeTrue(job.Name));
    }
}

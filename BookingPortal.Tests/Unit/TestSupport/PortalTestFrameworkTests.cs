using BookingPortal.Tests.Integration.Concurrency;
using BookingPortal.Tests.Integration.Instances;
using Xunit.Sdk;

namespace BookingPortal.Tests.Unit.TestSupport;

public class PortalTestFrameworkTests
{
    [Theory]
    [InlineData(typeof(MixedSeatContentionOnPostgresTests))]
    [InlineData(typeof(TwoInstancesTests))]
    public void A_PostgreSQL_suite_is_skipped_with_its_reason_only_when_there_is_no_server_and_the_run_does_not_demand_one(Type suite)
    {
        var type = Reflector.Wrap(suite);

        PortalTestFramework.PostgresSkipReason(type, serverGiven: false, demanded: false).Should().Contain("./test.sh");
        PortalTestFramework.PostgresSkipReason(type, serverGiven: true, demanded: false).Should().BeNull();
        PortalTestFramework.PostgresSkipReason(type, serverGiven: false, demanded: true).Should().BeNull("./test.sh demands them: a missing server fails them");
    }

    [Fact]
    public void Other_suites_always_run()
    {
        PortalTestFramework.PostgresSkipReason(Reflector.Wrap(typeof(MixedSeatContentionTests)), serverGiven: false, demanded: false).Should().BeNull();
    }
}

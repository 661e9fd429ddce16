namespace BookingPortal.Tests.Integration.Data;

/// <summary>
/// Two instances starting together on a new database both find a role missing and both create it. Each must come up
/// with the role there, not fail on the unique role name (and be restarted by systemd, or not at all by hand).
/// </summary>
public class RoleCreationRaceTests() : PortalSuite(scheduledJobs: false)
{
    [Fact]
    public async Task Instances_creating_the_same_missing_role_at_once_all_succeed_and_it_exists_once()
    {
        var roles = Enumerable.Range(0, 5).Select(i => $"Race{i}-{Guid.NewGuid():N}").ToList();

        foreach (var role in roles)
        {
            var starts = Enumerable.Range(0, 6).Select(_ => (Func<Task<bool>>)(async () =>
            {
                await DatabaseInitializer.EnsureRoleAsync(factory.Services, role);
                return true;
            }));
            var started = await Race.AllAtOnceAsync(starts.ToList());
            started.Should().OnlyContain(ok => ok, $"every instance started ({role})");
        }

        await using var db = await factory.DbFactory.CreateDbContextAsync();
        foreach (var role in roles)
        {
            (await db.Roles.CountAsync(r => r.Name == role)).Should().Be(1);
        }
    }
}

public class RoleCreationRaceOnPostgresTests : RoleCreationRaceTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

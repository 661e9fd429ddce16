using BookingPortal.Features.Accounts;
using BookingPortal.Tests.Integration.Accounts;

namespace BookingPortal.Tests.Integration.Instances;

/// <summary>
/// Two portal instances on one database share the account forms' limits: tries fired at both at
/// once count in one window, so a script cannot multiply its allowance by the number of instances.
/// </summary>
public class SharedAccountLimitsTests
{
    [Fact]
    public Task Two_instances_on_one_SQLite_file_with_shared_counters_allow_the_limit_once_between_them() =>
        SharedLimitHoldsAcrossInstancesAsync(DatabaseProvider.Sqlite, ("RateLimits:Accounts:SharedCounters", "true"));

    [Fact]
    public async Task A_single_SQLite_instance_keeps_its_counts_in_memory_by_default()
    {
        await using var factory = new PortalFactory();

        factory.Services.GetRequiredService<IAttemptWindows>().Should().BeOfType<MemoryAttemptWindows>();
    }

    /// <summary>Fires 8 forgot-password tries for one address, half at each instance, with a limit of 3 per account.</summary>
    internal static async Task SharedLimitHoldsAcrossInstancesAsync(DatabaseProvider provider, params (string Key, string Value)[] settings)
    {
        (string, string)[] all = [.. settings, ("RateLimits:Accounts:PerAccount", "3"), ("RateLimits:Accounts:WindowMinutes", "15")];
        await using var first = new SettingsPortalFactory(all) { Provider = provider };
        await first.StartWithoutScheduledJobsAsync();
        await using var second = new SettingsPortalFactory(all) { Provider = provider, SharesDatabaseOf = first };
        await second.StartWithoutScheduledJobsAsync();
        var email = $"target-{Guid.NewGuid():N}@test.local";
        var clients = Enumerable.Range(0, 8).Select(i => (i % 2 == 0 ? first : second).CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true })).ToList();

        var answers = await Race.AllAtOnceAsync(clients.Select(c => (Func<Task<HttpResponseMessage>>)(() =>
            c.SubmitFormAsync("/Account/ForgotPassword", new() { ["Input.Email"] = email }))));

        first.Services.GetRequiredService<IAttemptWindows>().Should().BeOfType<DatabaseAttemptWindows>();
        answers.Count(a => a.StatusCode == HttpStatusCode.Redirect).Should().Be(3, "three tries per account between both instances, not three each");
        answers.Count(a => a.StatusCode == HttpStatusCode.TooManyRequests).Should().Be(5);
        await using (var db = await first.DbFactory.CreateDbContextAsync())
        {
            var counters = await db.AttemptCounters.AsNoTracking().ToListAsync();
            counters.Should().Contain(c => c.Count == 8, "one row per key and window, counted by every instance");
            counters.Should().OnlyContain(c => c.Key.Length == 64 && !c.Key.Contains('@'), "keys are hashed: the table holds no address");
        }

        foreach (var instance in new[] { first, second })
        {
            instance.Clock.Advance(TimeSpan.FromMinutes(15));
        }

        (await second.Services.GetRequiredService<DatabaseAttemptWindows>().PruneAsync(second.Clock.GetUtcNow())).Should().BeGreaterThan(0, "ended windows are pruned");
        (await clients[1].SubmitFormAsync("/Account/ForgotPassword", new() { ["Input.Email"] = email })).StatusCode.Should().Be(HttpStatusCode.Redirect, "a new window takes tries again");
        clients.ForEach(c => c.Dispose());
    }
}

/// <summary>On PostgreSQL, as in production behind a load balancer: shared counters are the default on a server database.</summary>
public class SharedAccountLimitsPostgresTests
{
    [Fact]
    public Task Two_instances_on_one_PostgreSQL_database_allow_the_limit_once_between_them() =>
        SharedAccountLimitsTests.SharedLimitHoldsAcrossInstancesAsync(DatabaseProvider.Postgres);
}

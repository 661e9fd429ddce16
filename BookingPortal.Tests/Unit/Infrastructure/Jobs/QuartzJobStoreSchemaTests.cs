using System.Security.Cryptography;
using System.Text;
using BookingPortal.Infrastructure.Jobs;

namespace BookingPortal.Tests.Unit.Infrastructure.Jobs;

/// <summary>
/// The job store's tables come from a copy of the script Quartz 4.7.3 ships, kept in the portal: a migration is history,
/// and read from the installed package a Quartz upgrade would create other tables on new databases than on those migrated
/// before, whose scheduler then fails its start-up schema check on every instance of the cluster.
/// </summary>
public class QuartzJobStoreSchemaTests
{
    [Theory]
    [InlineData("postgres", "d6a72051730fe8b08596991b9f99ab8e546e7a402273848e34cba5b7fca48095")]
    [InlineData("sqlServer", "3ae2253368d1f10297896416d8f9ea2f41bf2c2112a0eb1b8153660c690ee53b")]
    public void The_first_migrations_script_never_changes(string dialect, string sha256) =>
        Hash(QuartzJobStoreSchema.Statements(dialect)).Should().Be(sha256, "databases migrated before ran exactly this; a change goes in a new migration");

    [Theory]
    [InlineData("postgres")]
    [InlineData("sqlServer")]
    public void The_installed_quartz_wants_the_tables_the_migrations_make(string dialect)
    {
        using var stream = typeof(Quartz.IScheduler).Assembly.GetManifestResourceStream($"Quartz.Impl.AdoJobStore.Schema.create_{dialect}.sql")!;
        var shipped = QuartzJobStoreSchema.StatementsOf(new StreamReader(stream).ReadToEnd());

        shipped.Should().Equal(QuartzJobStoreSchema.Statements(dialect),
            "a Quartz upgrade changed its tables: add a migration that brings every database from the kept script to the new one");
    }

    private static string Hash(IReadOnlyList<string> statements) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n;\n", statements))));
}

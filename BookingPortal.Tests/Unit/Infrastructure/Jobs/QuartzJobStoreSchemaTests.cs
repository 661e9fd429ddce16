using System.Security.Cryptography;
using System.Text;
using BookingPortal.Infrastructure.Jobs;

namespace BookingPortal.Tests.Unit.Infrastructure.Jobs;

/// <summary>
/// The job store's tables come from the script the Quartz package ships, read when the migration runs. A database migrated
/// once never runs it again, so a Quartz upgrade whose script differs would leave existing databases on the old tables and
/// new ones on the new: every instance of an upgraded cluster could fail the scheduler's start-up schema check.
/// </summary>
public class QuartzJobStoreSchemaTests
{
    [Theory]
    [InlineData("postgres", "d6a72051730fe8b08596991b9f99ab8e546e7a402273848e34cba5b7fca48095")]
    [InlineData("sqlServer", "3ae2253368d1f10297896416d8f9ea2f41bf2c2112a0eb1b8153660c690ee53b")]
    public void The_schema_script_is_the_one_the_migrations_were_written_for(string dialect, string sha256)
    {
        var script = string.Join("\n;\n", QuartzJobStoreSchema.Statements(dialect));

        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(script))).Should().Be(sha256,
            "a Quartz upgrade changed its tables: add a migration that brings databases migrated before to the new script, then this hash");
    }
}

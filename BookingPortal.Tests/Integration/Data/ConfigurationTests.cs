using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace BookingPortal.Tests.Integration.Data;

public class ConfigurationTests
{
    [Theory]
    [InlineData("an unknown provider", "Database:Provider", "Oracle", "*'Database:Provider'*Oracle*Sqlite, SqlServer*")]
    [InlineData("SQL Server without a connection string", "Database:Provider", "SqlServer", "*'ConnectionStrings:SqlServer'*")]
    [InlineData("a seed flag that is not a boolean", "Demo:Seed", "sometimes", "*'Demo:Seed'*")]
    [InlineData("the retired seed key, naming the one to use", "Database:SeedDemoData", "true", "*'Database:SeedDemoData'*'Demo:Seed'*")]
    public void A_bad_database_setting_stops_start_up_naming_the_key(string setting, string key, string value, string message)
    {
        var read = () => Read(new() { [key] = value });

        read.Should().Throw<InvalidOperationException>().WithMessage(message, setting);
    }

    [Fact]
    public void The_default_is_an_embedded_sqlite_file_with_demo_data_in_development()
    {
        var options = Read([]);

        options.Provider.Should().Be(DatabaseProvider.Sqlite);
        options.ConnectionString.Should().Contain("bookingportal.db");
        options.SeedDemoData.Should().BeTrue();
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void Outside_development_the_embedded_database_gets_no_demo_data_unless_asked(string environment)
    {
        Read([], environment).SeedDemoData.Should().BeFalse();
        Read(new() { ["Database:Provider"] = "sqlserver", ["ConnectionStrings:SqlServer"] = "Server=db;Database=bp" }, environment).SeedDemoData.Should().BeFalse();
    }

    [Fact]
    public void Staging_seeds_demo_data_when_asked()
    {
        Read(new() { ["Demo:Seed"] = "true" }, "Staging").SeedDemoData.Should().BeTrue();
    }

    [Fact]
    public void Production_refuses_demo_data_naming_the_key()
    {
        var read = () => Read(new() { ["Demo:Seed"] = "true" }, "Production");

        read.Should().Throw<InvalidOperationException>().WithMessage("*'Demo:Seed'*Production*");
    }

    [Theory]
    [InlineData("Database:Provider", "Mongo")]
    [InlineData("ConnectionStrings:Sqlite", "this is not; a")]
    public async Task A_misconfigured_app_fails_to_start_with_the_key_in_the_error(string key, string value)
    {
        await using var factory = new PortalFactoryWithSettings(new() { [key] = value });

        var start = () => factory.CreateClient();

        start.Should().Throw<InvalidOperationException>().WithMessage($"*'{key}'*");
    }

    [Theory]
    [InlineData("Sqlite", "this is not; a")]
    [InlineData("Sqlite", "Data Source=portal.db;Colour=blue")]
    [InlineData("Postgres", "Host=db;Nonsense=1")]
    [InlineData("SqlServer", "Server=db;Database=bp;Colour=blue")]
    public void A_connection_string_the_provider_cannot_read_stops_start_up_naming_the_key(string provider, string connectionString)
    {
        var read = () => Read(new() { ["Database:Provider"] = provider, [$"ConnectionStrings:{provider}"] = connectionString });

        read.Should().Throw<InvalidOperationException>().WithMessage($"*'ConnectionStrings:{provider}'*");
    }

    /// <summary>Features whose AddXxx() is not handed the configuration bind theirs from the host's: it is still checked at start.</summary>
    [Theory]
    [InlineData("Queue:ProofOfWork:BaseDifficulty", "27")]
    [InlineData("Insights:WarmUp:Timeout", "02:00:00")]
    public async Task A_setting_out_of_range_stops_start_up_naming_the_key(string key, string value)
    {
        var failure = await StartupFailure.OfAsync(() => new PortalFactoryWithSettings(new() { [key] = value }));

        failure.Should().BeOfType<OptionsValidationException>().Which.Message.Should().Contain($"'{key}'").And.Contain(value);
    }

    [Fact]
    public void PostgreSQL_statements_are_prepared_automatically_unless_the_connection_string_says_otherwise()
    {
        var plain = new Npgsql.NpgsqlConnectionStringBuilder(DataServiceCollectionExtensions.WithAutomaticPreparation("Host=db;Database=bp;Username=app"));
        var turnedOff = DataServiceCollectionExtensions.WithAutomaticPreparation("Host=db;Database=bp;Max Auto Prepare=0");

        plain.MaxAutoPrepare.Should().Be(64);
        plain.AutoPrepareMinUsages.Should().Be(2);
        new Npgsql.NpgsqlConnectionStringBuilder(turnedOff).MaxAutoPrepare.Should().Be(0);
    }

    [Fact]
    public async Task At_start_up_the_portal_says_where_its_data_is()
    {
        await using var factory = new InformationPortal();

        _ = factory.Services;

        factory.Everything.Entries.Should().ContainSingle(e => e.Message.StartsWith("The portal's data is in the SQLite database /", StringComparison.Ordinal))
            .Which.Message.Should().EndWith(".db.");
    }

    [Fact]
    public void A_default_sqlite_folder_that_cannot_be_made_stops_start_up_naming_the_key_to_set()
    {
        // Running as root here, permissions stop nothing: a file where the folder should be does.
        var root = Directory.CreateTempSubdirectory("bookingportal-readonly-").FullName;
        File.WriteAllText(Path.Combine(root, "App_Data"), "a file, not a folder");
        var configuration = new ConfigurationBuilder().Build();

        var read = () => DataServiceCollectionExtensions.ReadOptions(configuration, new TestEnvironment("Production", root));

        read.Should().Throw<InvalidOperationException>().WithMessage($"*{Path.Combine(root, "App_Data")}*'ConnectionStrings:Sqlite'*");
        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public async Task An_embedded_database_with_no_process_to_run_the_jobs_is_refused_naming_the_key()
    {
        await using var factory = new PortalFactoryWithSettings(new() { ["Jobs:RunScheduledJobs"] = "false" });

        var start = () => factory.CreateClient();

        start.Should().Throw<InvalidOperationException>().WithMessage("*'Jobs:RunScheduledJobs'*server database*");
    }

    private static DatabaseOptions Read(Dictionary<string, string?> settings, string environment = "Development")
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var root = Path.Combine(Path.GetTempPath(), "bookingportal-config-tests");
        return DataServiceCollectionExtensions.ReadOptions(configuration, new TestEnvironment(environment, root));
    }

    /// <summary>A test portal whose Information lines are heard too (the usual capture starts at Warning).</summary>
    private sealed class InformationPortal : PortalFactory
    {
        public CapturedLog Everything { get; } = new(LogLevel.Information);

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(Everything).AddFilter<CapturedLog>(null, LogLevel.Information));
        }
    }

    private sealed class TestEnvironment(string name, string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "BookingPortal";
        public string ContentRootPath { get; set; } = root;
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }

    private sealed class PortalFactoryWithSettings(Dictionary<string, string> settings) : Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}

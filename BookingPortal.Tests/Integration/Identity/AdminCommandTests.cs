using BookingPortal.Infrastructure.Identity;

namespace BookingPortal.Tests.Integration.Identity;

/// <summary>`admin create`: the first admin of a real install, made without the demo accounts.</summary>
public class AdminCommandTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_generated_password_is_shown_once_and_signs_the_new_admin_in()
    {
        var output = new StringWriter();

        var exit = await AdminCommand.Parse(["admin", "create", "--email", "owner@clinic.test", "--generate-password"])!.RunAsync(factory.Services, output);

        exit.Should().Be(0);
        output.ToString().Should().Contain($"Created admin owner@clinic.test (roles Admin, Staff) in the SQLite database {factory.DatabasePath}.");
        var password = output.ToString().Split("Password (shown once, change it after signing in): ")[1].Trim();
        password.Length.Should().BeGreaterThanOrEqualTo(20);
        using var admin = await factory.SignInAsync("owner@clinic.test", password);
        (await admin.GetAsync("/admin")).StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        await ShouldBeAdminAsync("owner@clinic.test");
    }

    [Fact]
    public async Task A_typed_password_is_used_and_never_written_out()
    {
        var output = new StringWriter();

        var exit = await AdminCommand.Parse(["admin", "create", "--email", "typed@clinic.test"])!.RunAsync(factory.Services, output, () => "Typed#Password2026");

        exit.Should().Be(0);
        output.ToString().Should().Contain("Password for the new admin:").And.NotContain("Typed#Password2026");
        using var admin = await factory.SignInAsync("typed@clinic.test", "Typed#Password2026");
        await ShouldBeAdminAsync("typed@clinic.test");
    }

    [Fact]
    public async Task An_existing_account_a_weak_password_or_no_address_are_refused_with_the_reason()
    {
        var existing = new StringWriter();
        var weak = new StringWriter();
        var usage = new StringWriter();

        (await AdminCommand.Parse(["admin", "create", "--email", DemoSeeder.CustomerEmail, "--generate-password"])!.RunAsync(factory.Services, existing)).Should().Be(1);
        (await AdminCommand.Parse(["admin", "create", "--email", "weak@clinic.test", "--password", "short"])!.RunAsync(factory.Services, weak)).Should().Be(1);
        (await AdminCommand.Parse(["admin", "create"])!.RunAsync(factory.Services, usage)).Should().Be(2);

        existing.ToString().Should().Contain("exists already");
        weak.ToString().Should().Contain("was not created").And.Contain("Passwords must be at least");
        usage.ToString().Should().Contain("Usage: admin create --email");
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        (await users.IsInRoleAsync((await users.FindByEmailAsync(DemoSeeder.CustomerEmail))!, Roles.Admin)).Should().BeFalse();
        (await users.FindByEmailAsync("weak@clinic.test")).Should().BeNull();
    }

    [Fact]
    public void Only_admin_create_is_a_command_and_other_arguments_go_to_the_host()
    {
        AdminCommand.Parse(["--urls", "http://127.0.0.1:5000"]).Should().BeNull();
        AdminCommand.Parse([]).Should().BeNull();
        var command = AdminCommand.Parse(["admin", "create", "--environment", "Production", "--email", "a@b.test"])!;
        command.Email.Should().Be("a@b.test");
        command.HostArguments.Should().Equal("--environment", "Production");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=portal.db", "the SQLite database {cwd}portal.db")]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=:memory:", "an in-memory SQLite database")]
    [InlineData(DatabaseProvider.Postgres, "Host=db.internal;Database=bookingportal;Username=app", "the PostgreSQL database 'bookingportal' on db.internal")]
    [InlineData(DatabaseProvider.SqlServer, "Server=sql.internal;Database=BookingPortal", "the SQL Server database 'BookingPortal' on sql.internal")]
    public void The_success_line_names_the_database_a_relative_sqlite_path_in_full(DatabaseProvider provider, string connectionString, string expected)
    {
        var written = AdminCommand.DatabaseWritten(new DatabaseOptions { Provider = provider, ConnectionString = connectionString });

        written.Should().StartWith(expected.Replace("{cwd}", Path.GetFullPath(".") + Path.DirectorySeparatorChar));
    }

    /// <summary>The built app as an operator runs it: on a new Production database, no web host, no demo accounts.</summary>
    [Fact]
    public async Task The_built_portal_creates_the_admin_on_a_new_production_database_and_exits()
    {
        var folder = Directory.CreateTempSubdirectory("bookingportal-admin-command").FullName;
        var database = Path.Combine(folder, "portal.db");
        var appFolder = Path.Combine(RepositoryRoot.Path, "BookingPortal");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = appFolder, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "BookingPortal.dll"), "admin", "create", "--email", "first@clinic.test" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Sqlite"] = $"Data Source={database}";
        using var process = Process.Start(start)!;
        process.StandardInput.Close(); // no terminal: the password is generated
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);

        process.ExitCode.Should().Be(0, await stderr);
        (await stdout).Should().Contain($"Created admin first@clinic.test (roles Admin, Staff) in the SQLite database {database}.").And.Contain("Password (shown once").And.NotContain("Now listening");
        await using var db = OpenSqlite(database);
        var admins = await (from user in db.Users
                            join membership in db.UserRoles on user.Id equals membership.UserId
                            join role in db.Roles on membership.RoleId equals role.Id
                            where role.Name == Roles.Admin
                            select user.Email).ToListAsync();
        admins.Should().Equal("first@clinic.test");
        (await db.Services.CountAsync()).Should().Be(0, "Production seeds no demo data");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private async Task ShouldBeAdminAsync(string email)
    {
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync(email);
        (await users.GetRolesAsync(user!)).Should().BeEquivalentTo(Roles.Admin, Roles.Staff);
        user!.EmailConfirmed.Should().BeTrue();
    }

    private static SqliteBookingDbContext OpenSqlite(string path)
    {
        var options = new DbContextOptionsBuilder<SqliteBookingDbContext>();
        DataServiceCollectionExtensions.ConfigureSqlite(options, $"Data Source={path}");
        DesignTimeIdentity.Apply(options);
        return new SqliteBookingDbContext(options.Options);
    }
}

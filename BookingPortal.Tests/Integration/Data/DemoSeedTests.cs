using Microsoft.Extensions.Hosting;

namespace BookingPortal.Tests.Integration.Data;

public class DemoSeedTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Starting_again_on_the_same_database_seeds_nothing_twice()
    {
        var initializer = factory.Services.GetServices<IHostedService>().OfType<DatabaseInitializer>().Single();

        await initializer.StartAsync(CancellationToken.None);
        await initializer.StartAsync(CancellationToken.None);

        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.Services.Select(s => s.Name).ToListAsync()).Should().BeEquivalentTo(DemoSeeder.ConsultationName, DemoSeeder.VideoConsultationName, DemoSeeder.WeeklyClinicName);
        (await db.Users.CountAsync(u => u.Email!.EndsWith("@bookingportal.local"))).Should().Be(3);
        (await db.Roles.CountAsync()).Should().Be(3);
        var consultation = await db.Services.Include(s => s.TimeSlots).SingleAsync(s => s.Name == DemoSeeder.ConsultationName);
        consultation.TimeSlots.Should().HaveCount(4).And.OnlyContain(t => t.Capacity == 3);
        (await db.Practitioners.CountAsync()).Should().Be(3);
        (await db.AvailabilityExceptions.CountAsync()).Should().Be(1);
        consultation.Price.Should().Be(200m);
        consultation.DepositAmount.Should().Be(50m);
    }

    [Fact]
    public async Task The_demo_accounts_can_sign_in_with_the_passwords_in_the_readme()
    {
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();

        var admin = await users.FindByEmailAsync(DemoSeeder.AdminEmail);
        var customer = await users.FindByEmailAsync(DemoSeeder.CustomerEmail);

        (await users.CheckPasswordAsync(admin!, DemoSeeder.AdminPassword)).Should().BeTrue();
        (await users.IsInRoleAsync(admin!, Roles.Admin)).Should().BeTrue();
        (await users.CheckPasswordAsync(customer!, DemoSeeder.CustomerPassword)).Should().BeTrue();
        (await users.IsInRoleAsync(customer!, Roles.Customer)).Should().BeTrue();
        var readme = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "README.md"));
        readme.Should().Contain(DemoSeeder.CustomerPassword).And.Contain(DemoSeeder.AdminPassword);
    }

    [Fact]
    public async Task A_role_taken_from_a_demo_account_is_not_given_back_at_the_next_start()
    {
        var initializer = factory.Services.GetServices<IHostedService>().OfType<DatabaseInitializer>().Single();
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var staff = await users.FindByEmailAsync(DemoSeeder.StaffEmail);
        (await users.RemoveFromRoleAsync(staff!, Roles.Staff)).Succeeded.Should().BeTrue();

        await initializer.StartAsync(CancellationToken.None);

        using var after = factory.Services.CreateScope();
        var reread = after.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        (await reread.IsInRoleAsync((await reread.FindByEmailAsync(DemoSeeder.StaffEmail))!, Roles.Staff)).Should().BeFalse();
    }
}

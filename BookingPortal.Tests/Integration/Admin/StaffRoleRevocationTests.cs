using BookingPortal.Components.Account;
using Microsoft.AspNetCore.Components.Authorization;

namespace BookingPortal.Tests.Integration.Admin;

/// <summary>
/// A role taken away stops working on the next action, although the cookie and the circuit still carry its
/// claim (they are checked against the security stamp only every 30 minutes, and a circuit's only every minute).
/// </summary>
public class StaffRoleRevocationTests : PortalSuite
{
    [Fact]
    public async Task A_staff_member_whose_role_is_removed_is_refused_on_the_next_action_with_the_same_session()
    {
        var service = await factory.ServiceNamedAsync("Specialist Consultation");
        var booking = await factory.BookAsNewCustomerAsync(service.Id, (await factory.BookableSlotsAsync(service))[0].StartUtc);
        var staffId = (await factory.StaffAsync()).Id;
        var client = await factory.SignInAsync(DemoSeeder.StaffEmail, DemoSeeder.StaffPassword);
        var circuitUser = await PrincipalAsync(factory, staffId);
        var staffActors = factory.Get<StaffActors>();
        var calendar = $"/bookings/{booking.ConfirmationNumber}/calendar.ics";
        var moving = $"/services/{service.Id}/book?reschedule={booking.ConfirmationNumber}";
        (await client.GetStringAsync(moving)).Should().Contain("data-testid=\"move-window\"", "staff may move any customer's booking");
        (await client.GetAsync("/admin/appointments.csv")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync(calendar)).StatusCode.Should().Be(HttpStatusCode.OK, "staff see any customer's booking");
        await factory.Get<DashboardService>().GetAsync(await staffActors.ResolveAsync(circuitUser));

        var removed = await factory.Get<PeopleService>().SetRoleAsync(await factory.StaffAsync(admin: true), staffId, Roles.Staff, grant: false);

        removed.Succeeded.Should().BeTrue(removed.Message);
        circuitUser.IsInRole(Roles.Staff).Should().BeTrue("the circuit's principal still carries the old claim");
        var actor = await staffActors.ResolveAsync(circuitUser);
        actor.IsStaff.Should().BeFalse();
        await factory.Invoking(f => f.Get<DashboardService>().GetAsync(actor)).Should().ThrowAsync<UnauthorizedAccessException>();
        await factory.Invoking(f => f.Get<AppointmentsService>().SearchAsync(actor, new AppointmentQuery())).Should().ThrowAsync<UnauthorizedAccessException>();
        await factory.Invoking(f => f.Get<OutboxAdminService>().CountAsync(actor)).Should().ThrowAsync<UnauthorizedAccessException>();
        (await staffActors.IsStaffAsync(circuitUser)).Should().BeFalse("customer pages ask the same question before showing someone else's booking");

        // The cookie is not due for its stamp check yet: its role claim still passes the policy, the endpoints refuse.
        var export = await client.GetAsync("/admin/appointments.csv");
        export.StatusCode.Should().Be(HttpStatusCode.Redirect);
        export.Headers.Location!.OriginalString.Should().Contain("Account/AccessDenied");
        (await client.GetAsync(calendar)).StatusCode.Should().Be(HttpStatusCode.NotFound, "someone else's booking is not theirs to see any more");
        (await client.GetStringAsync(moving)).Should().NotContain("data-testid=\"move-window\"", "nor when changes to it close");
        var dashboard = await client.GetStringAsync("/admin");
        dashboard.Should().Contain("data-testid=\"error-message\"", "the page's first service call is refused and the error boundary shows it")
            .And.NotContain("Waiting to arrive");
    }

    [Fact]
    public async Task A_demoted_admin_cannot_give_themselves_a_role_back_nor_invite_an_admin()
    {
        var people = factory.Get<PeopleService>();
        var firstAdmin = await factory.StaffAsync(admin: true);
        var second = await factory.CreateSignInCustomerAsync();
        (await people.SetRoleAsync(firstAdmin, second.Id, Roles.Admin, grant: true)).Succeeded.Should().BeTrue();
        var secondAdminCircuit = await PrincipalAsync(factory, second.Id);
        var staleSecondAdmin = new StaffActor(second.Id, second.Email, IsStaff: true, IsAdmin: true);

        (await people.SetRoleAsync(firstAdmin, second.Id, Roles.Admin, grant: false)).Succeeded.Should().BeTrue();

        secondAdminCircuit.IsInRole(Roles.Admin).Should().BeTrue("the demoted admin's session still says Admin");
        var resolved = await factory.Get<StaffActors>().ResolveAsync(secondAdminCircuit);
        resolved.IsAdmin.Should().BeFalse();
        await people.Invoking(p => p.SetRoleAsync(resolved, second.Id, Roles.Admin, grant: true)).Should().ThrowAsync<UnauthorizedAccessException>();
        await people.Invoking(p => p.SetRoleAsync(staleSecondAdmin, second.Id, Roles.Admin, grant: true))
            .Should().ThrowAsync<UnauthorizedAccessException>("the service asks the database itself, whoever built the actor");
        await people.Invoking(p => p.SetRoleAsync(staleSecondAdmin, second.Id, Roles.Staff, grant: true)).Should().ThrowAsync<UnauthorizedAccessException>();
        await people.Invoking(p => p.SetRoleAsync(staleSecondAdmin, firstAdmin.Id, Roles.Admin, grant: false)).Should().ThrowAsync<UnauthorizedAccessException>();
        await people.Invoking(p => p.InviteStaffAsync(staleSecondAdmin, "accomplice@clinic.test", null, Roles.Admin, StaffPageAddress.Value)).Should().ThrowAsync<UnauthorizedAccessException>();

        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var rolesNow = await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name }).ToListAsync();
        rolesNow.Where(r => r.UserId == second.Id).Select(r => r.Name).Should().Equal(Roles.Customer);
        rolesNow.Where(r => r.UserId == firstAdmin.Id).Select(r => r.Name).Should().Contain(Roles.Admin);
        (await db.Users.AnyAsync(u => u.Email == "accomplice@clinic.test")).Should().BeFalse();
        (await db.AuditEntries.Select(a => a.Action).ToListAsync()).Should().Equal("person.role_granted", "person.role_removed");
    }

    [Fact]
    public async Task An_open_staff_circuit_is_revalidated_every_minute_and_fails_once_the_role_is_removed()
    {
        var staffId = (await factory.StaffAsync()).Id;
        var customer = await factory.CreateSignInCustomerAsync();
        var staffCircuit = await PrincipalAsync(factory, staffId);
        var customerCircuit = await PrincipalAsync(factory, customer.Id);
        using var scope = factory.Services.CreateScope();
        var revalidation = (IdentityRevalidatingAuthenticationStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        (await revalidation.IsStillValidAsync(staffCircuit)).Should().BeTrue();

        var removed = await factory.Get<PeopleService>().SetRoleAsync(await factory.StaffAsync(admin: true), staffId, Roles.Staff, grant: false);

        removed.Succeeded.Should().BeTrue(removed.Message);
        IdentityRevalidatingAuthenticationStateProvider.RevalidationIntervalFor(staffCircuit).Should().BeLessThanOrEqualTo(TimeSpan.FromMinutes(1));
        IdentityRevalidatingAuthenticationStateProvider.RevalidationIntervalFor(customerCircuit).Should().Be(TimeSpan.FromMinutes(30));
        (await revalidation.IsStillValidAsync(staffCircuit)).Should().BeFalse("removing the role changed the security stamp");
        (await revalidation.IsStillValidAsync(customerCircuit)).Should().BeTrue();
    }

    /// <summary>The principal a cookie (and so a circuit) carries for the user as they are now: their roles and security stamp.</summary>
    private static async Task<ClaimsPrincipal> PrincipalAsync(PortalFactory factory, string userId)
    {
        using var scope = factory.Services.CreateScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<ApplicationUser>>();
        return await signIn.CreateUserPrincipalAsync((await signIn.UserManager.FindByIdAsync(userId))!);
    }
}

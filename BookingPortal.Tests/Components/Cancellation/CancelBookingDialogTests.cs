using BookingPortal.Features.Cancellation.Components;
using MudBlazor;
using MudBlazor.Services;

namespace BookingPortal.Tests.Components.Cancellation;

/// <summary>
/// The cancel dialog over a test portal's real cancellation service, opened by the demo staff member. It is drawn by the
/// layout's dialog provider, outside the page's error boundary, so it has to handle its own failures.
/// </summary>
public sealed class CancelBookingDialogTests : IAsyncLifetime
{
    private readonly PortalFactory factory = new();
    private readonly BunitContext context = new();
    private StaffRoleDatabase staffDatabase = default!;
    private string staffId = "";

    public async Task InitializeAsync()
    {
        await factory.StartWithoutScheduledJobsAsync();
        var staff = await factory.StaffAsync();
        staffId = staff.Id;
        staffDatabase = new StaffRoleDatabase(factory.DbFactory);
        context.Services.AddMudServices();
        context.Services.AddLocalization();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.AddAuthorization().SetAuthorized(staff.Name).SetRoles(Roles.Staff).SetClaims(new Claim(PortalClaims.UserIdType, staffId));
        // A staff member's roles are read from the database when the dialog opens and again on cancelling: the place to break it.
        context.Services.AddSingleton(new StaffActors(staffDatabase));
        context.Services.AddSingleton(factory.Services.CreateScope().ServiceProvider.GetRequiredService<CancellationService>());
    }

    public async Task DisposeAsync()
    {
        await context.DisposeAsync();
        await factory.DisposeAsync();
    }

    [Fact]
    public async Task A_booking_that_is_not_there_is_said_so_instead_of_a_spinner_that_never_stops()
    {
        var dialog = await ShowAsync("BK-NOSUCH1");

        dialog.WaitForAssertion(() => dialog.Find("[data-testid=cancel-not-found]").TextContent.Should().Contain("could not find this booking"));
        dialog.FindAll(".mud-progress-linear").Should().BeEmpty();
    }

    [Fact]
    public async Task A_failure_while_loading_the_terms_is_shown_in_the_dialog()
    {
        staffDatabase.Broken = true;

        var dialog = await ShowAsync("BK-NOSUCH2");

        dialog.WaitForAssertion(() => dialog.Find("[role=alert]").TextContent.Should().Contain("could not load the cancellation terms"));
    }

    [Fact]
    public async Task A_failure_while_cancelling_is_shown_in_the_dialog_and_the_booking_is_kept()
    {
        var (service, slots) = await factory.ServiceAndSlotsAsync(DemoSeeder.ConsultationName);
        var booking = await factory.BookAsNewCustomerAsync(service.Id, slots[0].StartUtc);
        var dialog = await ShowAsync(booking.ConfirmationNumber);
        dialog.WaitForAssertion(() => dialog.Find("[data-testid=cancel-terms]"));

        staffDatabase.Broken = true;
        await dialog.FindAll("button").Last(b => b.TextContent.Trim() == "Cancel booking").ClickAsync(new());

        dialog.WaitForAssertion(() => dialog.Find("[role=alert]").TextContent.Should().Contain("could not cancel the booking"));
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.Bookings.SingleAsync(b => b.Id == booking.Id)).Status.Should().Be(booking.Status);
    }

    [Fact]
    public async Task A_fee_that_starts_while_the_dialog_is_open_is_shown_before_anything_is_kept()
    {
        var (booking, dialog) = await DialogForConsultationAsync(TimeSpan.FromHours(48) + TimeSpan.FromMinutes(1));
        dialog.Find("[data-testid=cancel-terms]").TextContent.Should().NotContain("$25.00");
        factory.Clock.Advance(TimeSpan.FromMinutes(2));

        await dialog.FindAll("button").Last(b => b.TextContent.Trim() == "Cancel booking").ClickAsync(new());

        dialog.WaitForAssertion(() => dialog.Find("[role=alert]").TextContent.Should().Contain("costs more"));
        dialog.Find("[data-testid=cancel-terms]").TextContent.Should().Contain("A fee of $25.00");
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.Bookings.SingleAsync(b => b.Id == booking.Id)).Status.Should().Be(booking.Status, "nothing is kept until the new terms are confirmed");
    }

    [Fact]
    public async Task Staff_see_the_fee_record_why_they_cancel_and_the_fee_is_kept_unless_waived()
    {
        var (booking, dialog) = await DialogForConsultationAsync(TimeSpan.FromHours(47));
        dialog.Find("[data-testid=cancel-terms]").TextContent.Should().Contain("A fee of $25.00");

        await dialog.Find("input:not([type=checkbox])").ChangeAsync(new() { Value = "Customer phoned in sick" });
        await dialog.FindAll("button").Last(b => b.TextContent.Trim() == "Cancel booking").ClickAsync(new());

        dialog.WaitForAssertion(() => dialog.FindAll("[data-testid=cancel-terms]").Should().BeEmpty("the dialog closed"));
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var cancelled = await db.Bookings.SingleAsync(b => b.Id == booking.Id);
        cancelled.Status.Should().Be(BookingStatus.Cancelled);
        cancelled.CancellationReason.Should().Be("Customer phoned in sick");
        (await db.LedgerEntries.Where(e => e.BookingId == booking.Id && e.Kind == LedgerEntryKind.CancellationFeeRetained).SumAsync(e => e.Amount)).Should().Be(25m);
    }

    [Fact]
    public async Task Unticking_the_waiver_takes_its_missing_reason_message_with_it()
    {
        var (booking, dialog) = await DialogForConsultationAsync(TimeSpan.FromHours(47));

        await dialog.Find("input[type=checkbox]").ChangeAsync(new() { Value = true });
        await dialog.FindAll("button").Last(b => b.TextContent.Trim() == "Cancel booking").ClickAsync(new());
        dialog.Markup.Should().Contain("Say why the fee is waived");
        await dialog.Find("input[type=checkbox]").ChangeAsync(new() { Value = false });

        dialog.Markup.Should().NotContain("Say why the fee is waived");
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.Bookings.SingleAsync(b => b.Id == booking.Id)).Status.Should().Be(booking.Status);
    }

    /// <summary>A booking of the consultation, the clock <paramref name="beforeStart"/> before it, and its dialog open on the terms.</summary>
    private async Task<(BookingView Booking, IRenderedComponent<MudDialogProvider> Dialog)> DialogForConsultationAsync(TimeSpan beforeStart)
    {
        var service = await factory.SimpleConsultationAsync();
        var booking = await factory.BookAsNewCustomerAsync(service.Id, (await factory.BookableSlotsAsync(service))[0].StartUtc);
        factory.Clock.SetUtcNow(new DateTimeOffset(booking.StartUtc - beforeStart, TimeSpan.Zero));
        var dialog = await ShowAsync(booking.ConfirmationNumber);
        dialog.WaitForAssertion(() => dialog.Find("[data-testid=cancel-terms]"));
        return (booking, dialog);
    }

    private async Task<IRenderedComponent<MudDialogProvider>> ShowAsync(string confirmationNumber)
    {
        var provider = context.Render<MudDialogProvider>();
        var parameters = new DialogParameters<CancelBookingDialog>
        {
            { d => d.ConfirmationNumber, confirmationNumber },
            { d => d.UserId, staffId },
        };
        await provider.InvokeAsync(() => context.Services.GetRequiredService<IDialogService>().ShowAsync<CancelBookingDialog>("Cancel booking", parameters));
        return provider;
    }
}

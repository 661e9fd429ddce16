using BookingPortal.Features.Admin.Components;
using BookingPortal.Features.Admin.Pages;
using MudBlazor;

namespace BookingPortal.Tests.Components.Admin;

/// <summary>
/// Archiving a service tells everyone on its waitlist that their place ended, for good: the dialog says what will happen and
/// nothing happens until it is confirmed. Over a test portal's real services, as the demo staff member.
/// </summary>
public sealed class ArchiveServiceDialogTests() : StaffPageSuite(typeof(ServiceAdminService), typeof(ServiceArchiving))
{
    [Fact]
    public async Task The_dialog_says_what_archiving_would_do_and_keeping_the_service_does_nothing()
    {
        var service = await ServiceWithTwoWaitingAsync();
        var (provider, dialog) = await ShowAsync(service);

        provider.WaitForAssertion(() => provider.Find("[data-testid=archive-impact]").TextContent
            .Should().Contain($"Its {SimpleConsultation.SeatsPerSlot} upcoming bookings are kept.").And.Contain("Its waitlist ends: 2 waiting customers are told."));
        await provider.FindAll("button").Single(b => b.TextContent.Trim() == "Keep it offered").ClickAsync(new());

        (await dialog.Result)!.Canceled.Should().BeTrue();
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.Services.SingleAsync(s => s.Id == service.Id)).IsArchived.Should().BeFalse();
        (await db.WaitlistEntries.Where(e => e.ServiceId == service.Id).Select(e => e.Status).ToListAsync()).Should().OnlyContain(s => s == WaitlistStatus.Waiting);
        (await db.OutboxMessages.CountAsync(m => m.Kind == NotificationKind.WaitlistClosed)).Should().Be(0, "nobody is told of an archiving that did not happen");
    }

    [Fact]
    public async Task Confirming_archives_the_service_and_tells_the_waiting_customers()
    {
        var service = await ServiceWithTwoWaitingAsync();
        var (provider, dialog) = await ShowAsync(service);
        provider.WaitForAssertion(() => provider.Find("[data-testid=archive-impact]"));

        await provider.Find("button[data-testid=archive-confirm]").ClickAsync(new());

        var result = (await dialog.Result)!;
        result.Canceled.Should().BeFalse();
        result.Data.Should().BeOfType<string>().Which.Should().StartWith("Archived");
        (await IsArchivedAsync(service)).Should().BeTrue();
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.OutboxMessages.CountAsync(m => m.Kind == NotificationKind.WaitlistClosed)).Should().Be(2);
    }

    [Fact]
    public async Task The_dialog_speaks_Spanish_on_a_Spanish_page()
    {
        var service = await ServiceWithTwoWaitingAsync();
        using var spanish = Localization.InCulture("es-ES");

        var (provider, _) = await ShowAsync(service);

        provider.WaitForAssertion(() => provider.Find("[data-testid=archive-impact]").TextContent
            .Should().Contain("Su lista de espera termina: se avisa a 2 clientes en espera."));
        provider.Find("button[data-testid=archive-confirm]").TextContent.Trim().Should().Be("Archivar");
    }

    [Fact]
    public async Task Archive_on_the_services_page_asks_first_and_archives_only_once_confirmed()
    {
        var service = await ServiceWithTwoWaitingAsync();
        var provider = context.Render<MudDialogProvider>();
        var page = context.Render<ServicesAdminPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=services-table]"));

        // Not awaited: the press waits for the dialog's answer.
        var press = page.Find($"button[aria-label='Archive {service.Name}']").ClickAsync(new());
        provider.WaitForAssertion(() => provider.Find("[data-testid=archive-impact]"));
        var archivedBeforeConfirming = await IsArchivedAsync(service);
        await provider.Find("button[data-testid=archive-confirm]").ClickAsync(new());
        await press;

        archivedBeforeConfirming.Should().BeFalse("the dialog asks before anything happens");
        (await IsArchivedAsync(service)).Should().BeTrue();
        page.WaitForAssertion(() => page.Find("[data-testid=services-table]").TextContent.Should().Contain("Restore"));
    }

    private async Task<bool> IsArchivedAsync(Service service)
    {
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        return await db.Services.Where(s => s.Id == service.Id).Select(s => s.IsArchived).SingleAsync();
    }

    /// <summary>The simple consultation's first slot fully booked, and two customers waiting for it.</summary>
    private async Task<Service> ServiceWithTwoWaitingAsync()
    {
        var (service, slots) = await factory.SimpleConsultationAndSlotsAsync();
        for (var seat = 0; seat < SimpleConsultation.SeatsPerSlot; seat++)
        {
            await factory.BookAsNewCustomerAsync(service.Id, slots[0].StartUtc);
        }

        foreach (var customer in await factory.CreateCustomersAsync(2))
        {
            (await factory.Get<WaitlistJoining>().JoinAsync(customer, service.Id, DateOnly.FromDateTime(slots[0].LocalStart.DateTime), slots[0].StartUtc))
                .Succeeded.Should().BeTrue();
        }

        return service;
    }

    private async Task<(IRenderedComponent<MudDialogProvider> Provider, IDialogReference Dialog)> ShowAsync(Service service)
    {
        var provider = context.Render<MudDialogProvider>();
        var parameters = new DialogParameters<ArchiveServiceDialog> { { d => d.ServiceId, service.Id }, { d => d.ServiceName, service.Name } };
        var dialog = await provider.InvokeAsync(() => context.Services.GetRequiredService<IDialogService>().ShowAsync<ArchiveServiceDialog>("Archive", parameters));
        return (provider, dialog);
    }
}

using MudBlazor.Services;

namespace BookingPortal.Tests.Components;

/// <summary>A bUnit context with MudBlazor's services and loose JS interop, as the components expect.</summary>
public abstract class BookingComponentsTestContext : IAsyncLifetime
{
    private readonly BunitContext context = new();

    protected BookingComponentsTestContext()
    {
        context.Services.AddMudServices();
        context.Services.AddLocalization();
        context.Services.AddScoped<BookingPortal.Infrastructure.Time.BrowserTimeZone>();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
    }

    protected IRenderedComponent<TComponent> Render<TComponent>(Action<ComponentParameterCollectionBuilder<TComponent>> parameters)
        where TComponent : Microsoft.AspNetCore.Components.IComponent =>
        context.Render(parameters);

    protected BunitJSInterop JSInterop => context.JSInterop;

    protected BunitContext Context => context;

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor's popover service can only be disposed asynchronously.
    public Task DisposeAsync() => context.DisposeAsync().AsTask();

    protected static readonly TimeSpan NewYorkWinter = TimeSpan.FromHours(-5);

    protected static SlotAvailability Slot(int day, int hour, int remaining, int capacity = 5, bool bookable = true)
    {
        var start = new DateTimeOffset(2026, 3, day, hour, 0, 0, NewYorkWinter);
        return new SlotAvailability(start.UtcDateTime, start.AddHours(1).UtcDateTime, start, start.AddHours(1), capacity, remaining, bookable && remaining > 0);
    }

    protected static Service Consultation() =>
        BookingPortal.Data.DemoSeeder.DemoServices().Single(s => s.Name == BookingPortal.Data.DemoSeeder.ConsultationName);
}

using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Infrastructure;

namespace BookingPortal.Tests.TestSupport;

/// <summary>
/// As at the end of a prerender and the start of its circuit, through the framework's own persistence: the pages' state
/// persisted, the pages gone, the state restored; a page rendered next is the circuit's. The context needs
/// <c>AddSupplyValueFromPersistentComponentStateProvider</c> and <c>AddBunitPersistentComponentState</c>.
/// </summary>
public static class CircuitCarry
{
    public static async Task CarryIntoTheCircuitAsync(this BunitContext context)
    {
        var store = new PageStateStore();
        var manager = context.Services.GetRequiredService<ComponentStatePersistenceManager>();
        await manager.PersistStateAsync(store, context.Renderer);
        await context.DisposeComponentsAsync();
        await manager.RestoreStateAsync(store, RestoreContext.InitialValue);
    }

    /// <summary>Where the page's state goes between the two renders, as the prerendered page's markup carries it.</summary>
    private sealed class PageStateStore : IPersistentComponentStateStore
    {
        private IDictionary<string, byte[]> state = new Dictionary<string, byte[]>();

        public Task<IDictionary<string, byte[]>> GetPersistedStateAsync() => Task.FromResult(state);

        public Task PersistStateAsync(IReadOnlyDictionary<string, byte[]> persisted)
        {
            state = persisted.ToDictionary();
            return Task.CompletedTask;
        }
    }
}

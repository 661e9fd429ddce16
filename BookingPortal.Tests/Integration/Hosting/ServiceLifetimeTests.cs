using System.Reflection;
using BookingPortal.Components;
using BookingPortal.Components.Layout;
using BookingPortal.Components.Shared;
using BookingPortal.Features.Booking.Pages;
using BookingPortal.Features.Branding;
using BookingPortal.Features.Queue.Components;
using Microsoft.AspNetCore.Components;

namespace BookingPortal.Tests.Integration.Hosting;

/// <summary>
/// A waiting customer's circuit is held open for the whole wait, tens of thousands at once: every scoped service
/// it resolves is an object and an entry in the circuit's scope for each of them. The portal's own services on
/// that path are stateless, so they are singletons; only what is the circuit's own state stays scoped.
/// </summary>
public class ServiceLifetimeTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly Type[] WaitingCircuit =
    [
        typeof(Routes), typeof(PortalRouteView), typeof(MainLayout), typeof(PortalErrorBoundary), typeof(DocumentTitle),
        typeof(BookPage), typeof(WaitingRoom), typeof(WaitingRoomStage), typeof(TurnMessageOptIn), typeof(RankedChoicesPanel),
    ];

    /// <summary>State of one circuit by nature: the theme it was opened with and the title it has set.</summary>
    private static readonly Type[] CircuitState = [typeof(ChosenTheme), typeof(DocumentTitleTracker)];

    [Fact]
    public void The_portal_builds_with_scopes_validated_so_no_singleton_holds_a_scoped_service()
    {
        using var portal = factory.WithWebHostBuilder(b => b.UseDefaultServiceProvider(o =>
        {
            o.ValidateScopes = true;
            o.ValidateOnBuild = true;
        }));

        var build = () => portal.Services;

        build.Should().NotThrow();
    }

    [Fact]
    public void The_portal_services_a_waiting_room_circuit_resolves_are_singletons()
    {
        IServiceCollection? registered = null;
        using var portal = factory.WithWebHostBuilder(b => b.ConfigureServices(services => registered = services));
        _ = portal.Services;
        var lifetimes = registered!.Where(d => !d.IsKeyedService).GroupBy(d => d.ServiceType).ToDictionary(g => g.Key, g => g.Last());

        var resolved = PortalServicesResolvedBy(WaitingCircuit, lifetimes);

        resolved.Should().Contain([typeof(QueueService), typeof(BookingService), typeof(CatalogService)], "the walk must reach the services the book page injects");
        resolved.Except(CircuitState).Where(t => lifetimes[t].Lifetime != ServiceLifetime.Singleton)
            .Should().BeEmpty("a scoped service here is one more object in every waiting circuit");
    }

    /// <summary>
    /// A class that declares its lifetime is registered once in the running portal, as itself, with that lifetime:
    /// no feature forgets to scan its folder and no hand-written registration adds it again or changes it.
    /// </summary>
    [Fact]
    public void Every_class_that_declares_its_lifetime_is_registered_once_with_it()
    {
        IServiceCollection? registered = null;
        using var portal = factory.WithWebHostBuilder(b => b.ConfigureServices(services => registered = services));
        _ = portal.Services;
        var declared = typeof(Program).Assembly.GetTypes()
            .Select(type => (Type: type, Declaration: type.GetCustomAttribute<BookingPortal.Features.FeatureServiceAttribute>(inherit: false)))
            .Where(found => found.Declaration is not null)
            .ToList();

        declared.Should().Contain(found => found.Type == typeof(QueueService), "the test must see the declarations to judge them");
        var registrations = registered!.Where(d => !d.IsKeyedService).Select(d => $"{d.ServiceType.FullName} as {d.ImplementationType?.FullName}, {d.Lifetime}").ToList();
        foreach (var (type, declaration) in declared)
        {
            registrations.Where(r => r.StartsWith(type.FullName + " as ", StringComparison.Ordinal))
                .Should().Equal([$"{type.FullName} as {type.FullName}, {declaration!.Lifetime}"], "a declared class is registered once, as itself, with its declared lifetime");
        }
    }

    private static HashSet<Type> PortalServicesResolvedBy(IEnumerable<Type> components, Dictionary<Type, ServiceDescriptor> lifetimes)
    {
        var found = new HashSet<Type>();
        var pending = new Stack<Type>(components.SelectMany(InjectedTypes));
        while (pending.TryPop(out var type))
        {
            if (type.Namespace?.StartsWith("BookingPortal", StringComparison.Ordinal) != true || !lifetimes.TryGetValue(type, out var descriptor) || !found.Add(type))
            {
                continue;
            }

            var constructor = descriptor.ImplementationType?.GetConstructors().MaxBy(c => c.GetParameters().Length);
            foreach (var parameter in constructor?.GetParameters() ?? [])
            {
                pending.Push(parameter.ParameterType);
            }
        }

        return found;
    }

    private static IEnumerable<Type> InjectedTypes(Type component) =>
        component.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Where(p => p.GetCustomAttribute<InjectAttribute>() is not null)
            .Select(p => p.PropertyType);
}

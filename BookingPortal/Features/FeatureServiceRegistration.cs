using System.Reflection;

namespace BookingPortal.Features;

public static class FeatureServiceRegistration
{
    /// <summary>The portal's classes that declare their lifetime, read from the assembly once.</summary>
    private static readonly (Type Type, ServiceLifetime Lifetime)[] Declared = typeof(FeatureServiceAttribute).Assembly.GetTypes()
        .Select(type => (Type: type, Lifetime: DeclaredLifetime(type)))
        .Where(found => found.Lifetime is not null)
        .Select(found => (found.Type, found.Lifetime!.Value))
        .OrderBy(found => found.Type.FullName, StringComparer.Ordinal)
        .ToArray();

    /// <summary>
    /// The lifetime a class declares, or null when it declares none. Two declarations on one class would leave
    /// its lifetime a guess, so start-up stops naming the class (rather than with reflection's bare ambiguity).
    /// </summary>
    internal static ServiceLifetime? DeclaredLifetime(Type type) =>
        type.GetCustomAttributes<FeatureServiceAttribute>(inherit: false).ToArray() switch
        {
            [] => null,
            [var only] => only.Lifetime,
            var several => throw new InvalidOperationException(
                $"{type.FullName} declares {several.Length} lifetimes ({string.Join(", ", several.Select(d => d.GetType().Name))}); keep the one it needs."),
        };

    /// <summary>
    /// Registers, each as itself with its declared lifetime, the classes marked <see cref="SingletonServiceAttribute"/> or
    /// <see cref="ScopedServiceAttribute"/> in the namespace of <paramref name="feature"/> (a feature's registration class)
    /// and the namespaces below it: a feature's folder.
    /// </summary>
    public static IServiceCollection AddDeclaredServices(this IServiceCollection services, Type feature)
    {
        foreach (var (type, lifetime) in DeclaredIn(feature.Namespace!))
        {
            services.Add(new ServiceDescriptor(type, type, lifetime));
        }

        return services;
    }

    /// <summary>The declared classes of one namespace and those below it ("Booking" does not take in "Bookings").</summary>
    private static IEnumerable<(Type Type, ServiceLifetime Lifetime)> DeclaredIn(string featureNamespace) =>
        Declared.Where(declared => declared.Type.Namespace is { } ns
                                   && (ns == featureNamespace || ns.StartsWith(featureNamespace + ".", StringComparison.Ordinal)));
}

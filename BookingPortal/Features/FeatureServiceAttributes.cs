namespace BookingPortal.Features;

/// <summary>
/// Declares on a feature's class that it is registered as itself, with this lifetime, by its feature's
/// AddXxx() (<see cref="FeatureServiceRegistration.AddDeclaredServices"/>): the lifetime, and the reason for
/// it where it needs one, stand where the class is read. Interfaces mapped to implementations, factories,
/// options, HTTP clients, hosted services, jobs and a class registered only under a condition (or only for a
/// factory to choose from) are registered by hand.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public abstract class FeatureServiceAttribute(ServiceLifetime lifetime) : Attribute
{
    public ServiceLifetime Lifetime { get; } = lifetime;
}

/// <summary>One instance for the whole process.</summary>
public sealed class SingletonServiceAttribute() : FeatureServiceAttribute(ServiceLifetime.Singleton);

/// <summary>One instance per request, circuit or job run.</summary>
public sealed class ScopedServiceAttribute() : FeatureServiceAttribute(ServiceLifetime.Scoped);

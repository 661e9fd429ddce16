using System.Reflection;
using BookingPortal.Features;

namespace BookingPortal.Tests.Unit.Features;

/// <summary>
/// The features' classes declare their own lifetime (<see cref="SingletonServiceAttribute"/>, <see cref="ScopedServiceAttribute"/>)
/// and each feature's AddXxx() registers those of its folder: every declared class once, as itself, with its declared lifetime.
/// </summary>
public class FeatureServiceRegistrationTests
{
    private static readonly (Type Type, ServiceLifetime Lifetime)[] Declared = typeof(Program).Assembly.GetTypes()
        .Where(type => type.GetCustomAttribute<FeatureServiceAttribute>(inherit: false) is not null)
        .Select(type => (type, type.GetCustomAttribute<FeatureServiceAttribute>(inherit: false)!.Lifetime))
        .ToArray();

    /// <summary>The features' registration classes, each the anchor of its folder's scan.</summary>
    private static readonly Type[] FeatureRegistrations = typeof(Program).Assembly.GetTypes()
        .Where(type => type.Namespace?.StartsWith("BookingPortal.Features.", StringComparison.Ordinal) == true
                       && type.Name.EndsWith("ServiceCollectionExtensions", StringComparison.Ordinal))
        .ToArray();

    [Fact]
    public void A_feature_registers_the_declared_classes_of_its_folder_as_themselves_with_their_lifetime()
    {
        var services = new ServiceCollection().AddDeclaredServices(typeof(BookingPortal.Features.Notifications.NotificationsServiceCollectionExtensions));

        Registrations(services).Should().Contain(["NotificationOutbox Singleton", "OutboxDispatcher Scoped"]);
        services.Should().ContainSingle(d => d.ServiceType == typeof(MessageTemplateStore), "a folder below the feature's is the feature's");
        services.Should().OnlyContain(d => d.ServiceType.Namespace == "BookingPortal.Features.Notifications"
                                            || d.ServiceType.Namespace!.StartsWith("BookingPortal.Features.Notifications.", StringComparison.Ordinal));
    }

    [Fact]
    public void A_feature_does_not_take_in_a_feature_whose_name_starts_with_its_own()
    {
        var booking = new ServiceCollection().AddDeclaredServices(typeof(BookingPortal.Features.Booking.BookingServiceCollectionExtensions));

        booking.Should().Contain(d => d.ServiceType == typeof(BookingService));
        booking.Should().NotContain(d => d.ServiceType == typeof(BookingReader), "BookingReader is the Bookings feature's");
    }

    [Fact]
    public void The_features_together_register_every_declared_class_once_with_its_declared_lifetime()
    {
        var services = new ServiceCollection();
        foreach (var feature in FeatureRegistrations)
        {
            services.AddDeclaredServices(feature);
        }

        Declared.Should().Contain(d => d.Lifetime == ServiceLifetime.Singleton).And.Contain(d => d.Lifetime == ServiceLifetime.Scoped, "the test must see both lifetimes to judge them");
        Registrations(services).Should().BeEquivalentTo(Declared.Select(d => $"{d.Type.Name} {d.Lifetime}"), "each declared class once");
        services.Should().OnlyContain(d => d.ImplementationType == d.ServiceType, "each as itself");
    }

    [Fact]
    public void A_class_that_declares_two_lifetimes_is_named_in_the_error()
    {
        FeatureServiceRegistration.DeclaredLifetime(typeof(DeclaredOnce)).Should().Be(ServiceLifetime.Scoped);
        FeatureServiceRegistration.DeclaredLifetime(typeof(FeatureServiceRegistrationTests)).Should().BeNull();

        var read = () => FeatureServiceRegistration.DeclaredLifetime(typeof(DeclaredTwice));

        read.Should().Throw<InvalidOperationException>()
            .WithMessage("*DeclaredTwice declares 2 lifetimes*")
            .Which.Message.Should().Contain(nameof(SingletonServiceAttribute)).And.Contain(nameof(ScopedServiceAttribute));
    }

    [ScopedService]
    private sealed class DeclaredOnce;

    [SingletonService]
    [ScopedService]
    private sealed class DeclaredTwice;

    private static IEnumerable<string> Registrations(IServiceCollection services) =>
        services.Select(d => $"{d.ServiceType.Name} {d.Lifetime}");
}

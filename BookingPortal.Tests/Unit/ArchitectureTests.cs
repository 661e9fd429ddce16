using System.Reflection;
using NetArchTest.Rules;

namespace BookingPortal.Tests.Unit;

/// <summary>
/// The dependency arrows the README's Architecture section draws, read from the compiled portal
/// (every type, Razor components included): the domain knows no framework and no other layer, and
/// feature folders do not import each other in cycles.
/// </summary>
public class ArchitectureTests
{
    private static readonly Assembly Portal = typeof(Program).Assembly;

    /// <summary>
    /// The cycles still left between features (issue 20), so that no new one appears. When one is
    /// removed the test fails until it is struck from this list: the list only shrinks.
    /// </summary>
    private static readonly string[] KnownCycles =
    [
        // The booking path's shared pieces (seat release, booking writes, the read model, payment holds) still live in
        // Booking and Cancellation, and Payments reads bookings and releases seats; they need a home both can use.
        "Booking<->Cancellation", "Booking<->Notifications", "Booking<->Payments", "Cancellation<->Payments",
    ];

    private static readonly string[] FeatureNames = Portal.GetTypes()
        .Select(t => t.Namespace)
        .OfType<string>()
        .Where(n => n.StartsWith("BookingPortal.Features.", StringComparison.Ordinal))
        .Select(n => n.Split('.')[2])
        .Distinct()
        .Order(StringComparer.Ordinal)
        .ToArray();

    [Fact]
    public void The_domain_depends_on_no_framework_and_no_other_layer()
    {
        var result = Types.InAssembly(Portal).That().ResideInNamespace("BookingPortal.Domain")
            .ShouldNot().HaveDependencyOnAny(
                "Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "Microsoft.Extensions", "Quartz", "MudBlazor",
                "BookingPortal.Data", "BookingPortal.Features", "BookingPortal.Infrastructure", "BookingPortal.Components")
            .GetResult();

        (result.FailingTypeNames ?? []).Should().BeEmpty();
    }

    [Fact]
    public void Features_import_each_other_without_cycles_beyond_the_known_ones()
    {
        var imports = FeatureNames.ToDictionary(feature => feature, feature => FeatureNames
            .Where(other => other != feature && !Types.InAssembly(Portal).That().ResideInNamespace($"BookingPortal.Features.{feature}")
                .ShouldNot().HaveDependencyOn($"BookingPortal.Features.{other}").GetResult().IsSuccessful)
            .ToHashSet());

        var cycles = FeatureNames
            .SelectMany(a => imports[a].Where(b => string.CompareOrdinal(a, b) < 0 && imports[b].Contains(a)).Select(b => $"{a}<->{b}"))
            .ToList();

        FeatureNames.Should().Contain(["Booking", "Cancellation", "Queue"], "the test must see the features to judge them");
        cycles.Should().BeEquivalentTo(KnownCycles);
    }
}

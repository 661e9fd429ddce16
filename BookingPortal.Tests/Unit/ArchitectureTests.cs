using System.Reflection;
using NetArchTest.Rules;

namespace BookingPortal.Tests.Unit;

/// <summary>
/// The dependency arrows the README's Architecture section draws, read from the compiled portal
/// (every type, Razor components included): the domain knows no framework and no other layer,
/// Infrastructure/ knows only the ports features declare, and feature folders do not import each
/// other in cycles of any length.
/// </summary>
public class ArchitectureTests(ITestOutputHelper output)
{
    private static readonly Assembly Portal = typeof(Program).Assembly;

    /// <summary>The portal read once: each <c>Types.InAssembly</c> reads and resolves the whole assembly again, and the
    /// cycle check asks one question per pair of features.</summary>
    private static readonly Types PortalTypes = Types.InAssembly(Portal);

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
        var result = PortalTypes.That().ResideInNamespace("BookingPortal.Domain")
            .ShouldNot().HaveDependencyOnAny(
                "Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "Microsoft.Extensions", "Quartz", "MudBlazor",
                "BookingPortal.Data", "BookingPortal.Features", "BookingPortal.Infrastructure", "BookingPortal.Components")
            .GetResult();

        (result.FailingTypeNames ?? []).Should().BeEmpty();
    }

    /// <summary>
    /// The rule: Infrastructure/ references no type of a feature except those in a feature's Ports namespace
    /// (BookingPortal.Features.X.Ports): the port interfaces its adapters implement, the values that cross them and
    /// the options the adapters read. Features register the adapters (DI) and declare the ports; adapters never
    /// reach into a feature's services.
    /// </summary>
    [Fact]
    public void Infrastructure_references_only_the_ports_features_declare()
    {
        var featureInternals = Portal.GetTypes()
            .Where(t => !t.IsNested && t.Namespace is { } ns && ns.StartsWith("BookingPortal.Features.", StringComparison.Ordinal)
                        && !ns.EndsWith(".Ports", StringComparison.Ordinal))
            .Select(t => t.FullName!)
            .ToArray();

        var result = PortalTypes.That().ResideInNamespace("BookingPortal.Infrastructure")
            .ShouldNot().HaveDependencyOnAny(featureInternals)
            .GetResult();

        (result.FailingTypeNames ?? []).Should().BeEmpty();
        Portal.GetTypes().Should().Contain(t => t.Namespace == "BookingPortal.Features.Payments.Ports", "the adapters' ports must exist to be judged");
    }

    /// <summary>Provider client libraries are Infrastructure's business: a feature speaks to a provider only through its port.</summary>
    [Fact]
    public void Features_use_no_provider_client_library()
    {
        var result = PortalTypes.That().ResideInNamespace("BookingPortal.Features")
            .ShouldNot().HaveDependencyOnAny("Stripe", "SendGrid", "Twilio")
            .GetResult();

        (result.FailingTypeNames ?? []).Should().BeEmpty();
        PortalTypes.That().HaveDependencyOn("Stripe").GetTypes().Should().Contain(t => t.Name == "StripePaymentNotices", "the rule must be able to see a dependency");
    }

    [Fact]
    public void Features_import_each_other_without_cycles()
    {
        var imports = FeatureNames.ToDictionary(feature => feature, feature => FeatureNames
            .Where(other => other != feature && !TypesOf(feature).ShouldNot().HaveDependencyOnAny(TypeNamesOf(other)).GetResult().IsSuccessful)
            .ToHashSet());

        foreach (var feature in FeatureNames)
        {
            // The arrows as measured, for the README's Architecture section.
            output.WriteLine($"{feature} -> {string.Join(", ", imports[feature].Order(StringComparer.Ordinal))}");
        }

        FeatureNames.Should().Contain(["Booking", "Bookings", "Cancellation", "Queue"], "the test must see the features to judge them");
        imports["Booking"].Should().Contain("Bookings", "the test must see an import to judge imports");
        CyclesIn(imports).Should().BeEmpty();
        var measured = FeatureNames.Select(f => ArrowLine(f, imports[f])).ToList();
        ReadmeArrows().Should().Equal(measured, "the README's Architecture section draws the arrows the code has; paste these lines there:\n" + string.Join("\n", measured));
    }

    private static string ArrowLine(string feature, IEnumerable<string> imported) =>
        $"{feature,-14}-> {(imported.Any() ? string.Join(", ", imported.Order(StringComparer.Ordinal)) : "(no feature)")}";

    /// <summary>The feature lines ("Name -> A, B") of the README's block under "Dependency arrows", in their order.</summary>
    private static List<string> ReadmeArrows()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));
        var block = readme[readme.IndexOf("**Dependency arrows**", StringComparison.Ordinal)..];
        block = block[(block.IndexOf("```", StringComparison.Ordinal) + 3)..];
        block = block[..block.IndexOf("```", StringComparison.Ordinal)];
        return block.Split('\n').Select(l => l.TrimEnd()).Where(l => FeatureNames.Any(f => l.StartsWith(f + " ", StringComparison.Ordinal))).ToList();
    }

    /// <summary>Exactly one feature's types: NetArchTest matches namespaces by prefix, and "Booking" is a prefix of "Bookings".</summary>
    private static PredicateList TypesOf(string feature) =>
        PortalTypes.That().ResideInNamespaceMatching($@"^BookingPortal\.Features\.{feature}(\..+)?$");

    /// <summary>The full names of one feature's top-level types, for dependency checks that cannot match a longer feature name.</summary>
    private static string[] TypeNamesOf(string feature) => Portal.GetTypes()
        .Where(t => !t.IsNested && t.Namespace is { } ns && (ns == $"BookingPortal.Features.{feature}" || ns.StartsWith($"BookingPortal.Features.{feature}.", StringComparison.Ordinal)))
        .Select(t => t.FullName!)
        .ToArray();

    /// <summary>Every import path that leads back to where it started, as "A -> B -> A" (any length, not only pairs).</summary>
    private static List<string> CyclesIn(Dictionary<string, HashSet<string>> imports)
    {
        var cycles = new List<string>();
        foreach (var start in imports.Keys)
        {
            var path = new Stack<string>();
            Walk(start);

            void Walk(string feature)
            {
                path.Push(feature);
                foreach (var next in imports[feature].Order(StringComparer.Ordinal))
                {
                    // A cycle is reported once, from its alphabetically first feature.
                    if (next == start)
                    {
                        cycles.Add(string.Join(" -> ", path.Reverse().Append(start)));
                    }
                    else if (string.CompareOrdinal(next, start) > 0 && !path.Contains(next))
                    {
                        Walk(next);
                    }
                }

                path.Pop();
            }
        }

        return cycles;
    }
}

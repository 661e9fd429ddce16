using Xunit.Sdk;

[assembly: Xunit.TestFramework("BookingPortal.Tests.TestSupport.PortalTestFramework", "BookingPortal.Tests")]

namespace BookingPortal.Tests.TestSupport;

/// <summary>Marks a suite that needs the PostgreSQL server although its name does not say so.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequiresPostgresAttribute : Attribute;

/// <summary>
/// xunit's own framework, except that the PostgreSQL suites (a class whose name says Postgres, or
/// marked <see cref="RequiresPostgresAttribute"/>) are reported skipped, with the reason, when there
/// is no server to run them on and the run does not demand them. ./test.sh demands them
/// (<see cref="RequiredVariableName"/>): there, a missing server fails them with an explanation.
/// </summary>
public sealed class PortalTestFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    public const string RequiredVariableName = "BOOKINGPORTAL_REQUIRE_POSTGRES";

    protected override ITestFrameworkDiscoverer CreateDiscoverer(IAssemblyInfo assemblyInfo) =>
        new Discoverer(assemblyInfo, SourceInformationProvider, DiagnosticMessageSink);

    /// <summary>Why the class's tests are skipped in this run (read from the environment), or null when they run.</summary>
    public static string? PostgresSkipReason(ITypeInfo testClass) => PostgresSkipReason(
        testClass,
        serverGiven: Environment.GetEnvironmentVariable(TestPostgres.VariableName) is { Length: > 0 },
        demanded: Environment.GetEnvironmentVariable(RequiredVariableName) == "1");

    public static string? PostgresSkipReason(ITypeInfo testClass, bool serverGiven, bool demanded)
    {
        var needsPostgres = testClass.Name.Contains("Postgres", StringComparison.Ordinal)
                            || testClass.GetCustomAttributes(typeof(RequiresPostgresAttribute)).Any();
        return needsPostgres && !serverGiven && !demanded
            ? $"No PostgreSQL server for this run: ./test.sh runs these suites (it starts one), or tools/with-postgres.sh dotnet test ..., or set {TestPostgres.VariableName}."
            : null;
    }

    private sealed class Discoverer(IAssemblyInfo assemblyInfo, ISourceInformationProvider sourceProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkDiscoverer(assemblyInfo, sourceProvider, diagnosticMessageSink)
    {
        protected override bool FindTestsForMethod(
            ITestMethod testMethod, bool includeSourceInformation, IMessageBus messageBus, ITestFrameworkDiscoveryOptions discoveryOptions)
        {
            var isTest = testMethod.Method.GetCustomAttributes(typeof(Xunit.FactAttribute)).Any();
            if (!isTest || PostgresSkipReason(testMethod.TestClass.Class) is not { } reason)
            {
                return base.FindTestsForMethod(testMethod, includeSourceInformation, messageBus, discoveryOptions);
            }

            var skipped = new XunitSkippedDataRowTestCase(
                DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason);
            return ReportDiscoveredTestCase(skipped, includeSourceInformation, messageBus);
        }
    }
}

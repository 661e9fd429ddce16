using Xunit.Sdk;

namespace BookingPortal.Tests.TestSupport;

/// <summary>Runs a class's tests in the order they are written, for a scenario whose last step is destructive (killing an instance).</summary>
public sealed class DeclarationOrderer : ITestCaseOrderer
{
    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases) where TTestCase : ITestCase =>
        testCases.OrderBy(test => test.TestMethod.Method.ToRuntimeMethod().MetadataToken);
}

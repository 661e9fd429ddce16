using BookingPortal.Tests.EndToEnd;
using Xunit.Sdk;

[assembly: Xunit.TestCollectionOrderer("BookingPortal.Tests.TestSupport.EndToEndFirstOrderer", "BookingPortal.Tests")]

namespace BookingPortal.Tests.TestSupport;

/// <summary>
/// Starts the end-to-end collection first, then the others in xunit's own order. xunit runs as many collections
/// at once as there are cores, each to its end; the browser journeys are one collection of about half the run's
/// test time, so wherever xunit's order put them, the run lasted as long as what came before them plus them.
/// Started first, they run beside everything else. On the two-core CI host: the browser journeys began 395 s
/// into a 1,279 s run, after every other collection had had its turn.
/// </summary>
public sealed class EndToEndFirstOrderer : ITestCollectionOrderer
{
    private readonly DefaultTestCollectionOrderer xunitOrder = new();

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        xunitOrder.OrderTestCollections(testCollections).OrderBy(collection => collection.DisplayName == EndToEndCollection.Name ? 0 : 1);
}

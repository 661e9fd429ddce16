using BookingPortal.Tests.EndToEnd;
using BookingPortal.Tests.Integration.Instances;
using Xunit.Sdk;

[assembly: Xunit.TestCollectionOrderer("BookingPortal.Tests.TestSupport.LongestFirstOrderer", "BookingPortal.Tests")]

namespace BookingPortal.Tests.TestSupport;

/// <summary>
/// Starts the longest collections first, then the others in xunit's own order. xunit runs as many collections
/// at once as it has threads, each to its end; the browser journeys are one collection of about half the run's
/// test time, so wherever xunit's order put them, the run lasted as long as what came before them plus them.
/// Started first, they run beside everything else. On the two-core CI host: the browser journeys began 395 s
/// into a 1,279 s run, after every other collection had had its turn. The two-instance cluster came next to
/// last in xunit's order and ran alone for its last 150 s: most of its two minutes wait on the cluster's
/// one-minute timers, time better spent beside other tests.
/// </summary>
public sealed class LongestFirstOrderer : ITestCollectionOrderer
{
    private static readonly string[] LongestFirst = [EndToEndCollection.Name, TwoInstancesTests.Collection];

    private readonly DefaultTestCollectionOrderer xunitOrder = new();

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        xunitOrder.OrderTestCollections(testCollections).OrderBy(Rank);

    private static int Rank(ITestCollection collection)
    {
        var rank = Array.IndexOf(LongestFirst, collection.DisplayName);
        return rank < 0 ? LongestFirst.Length : rank;
    }
}

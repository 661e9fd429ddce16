namespace BookingPortal.Tests.EndToEnd;

/// <summary>
/// What every browser journey is: a member of the end-to-end collection, which shares one portal and one Chromium
/// and runs its journeys one after another, and of the EndToEnd category. xunit reads both from this base class.
/// </summary>
[Collection(EndToEndCollection.Name)]
[Trait("Category", "EndToEnd")]
public abstract class EndToEndTest;

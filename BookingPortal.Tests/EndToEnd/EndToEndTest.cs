namespace BookingPortal.Tests.EndToEnd;

/// <summary>
/// What every browser journey is: a member of the end-to-end collection, which shares one portal and one Chromium
/// and runs its journeys one after another, and of the EndToEnd category. xunit reads both from this base class.
/// Each journey ends by closing the pages it opened (<see cref="BrowserFixture.CloseOpenedPagesAsync"/>).
/// </summary>
[Collection(EndToEndCollection.Name)]
[Trait("Category", "EndToEnd")]
public abstract class EndToEndTest : IAsyncLifetime
{
    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => BrowserFixture.CloseOpenedPagesAsync();
}

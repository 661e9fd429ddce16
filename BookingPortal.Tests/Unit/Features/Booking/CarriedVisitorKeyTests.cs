using BookingPortal.Features.Booking.Pages;
using Microsoft.AspNetCore.Components;

namespace BookingPortal.Tests.Unit.Features.Booking;

/// <summary>The book page's visitor key, carried from the prerender into the circuit (see CarriedVisitorKey).</summary>
public sealed class CarriedVisitorKeyTests : IAsyncDisposable
{
    private const string Key = "0123456789abcdef0123456789abcdef";
    private const string OtherKey = "fedcba9876543210fedcba9876543210";
    private readonly BunitContext bunit = new();
    private readonly Bunit.TestDoubles.BunitPersistentComponentState store;

    public CarriedVisitorKeyTests() => store = bunit.AddBunitPersistentComponentState();

    private PersistentComponentState State => bunit.Services.GetRequiredService<PersistentComponentState>();

    [Fact]
    public void The_prerender_s_key_reaches_the_circuit_even_when_the_circuit_s_request_carries_no_cookie()
    {
        using (var prerender = new CarriedVisitorKey(State))
        {
            prerender.Read(WithCookie(Key)).Should().Be(Key);
            store.TriggerOnPersisting();
        }

        using var circuit = new CarriedVisitorKey(State);

        circuit.Value.Should().Be(Key);
        circuit.Read(WithCookie(null)).Should().Be(Key);
    }

    [Fact]
    public void The_key_carried_in_stands_over_the_circuit_s_cookie_and_without_one_the_cookie_is_read()
    {
        store.Persist("BookPage.VisitorKey", Key);
        using (var carried = new CarriedVisitorKey(State))
        {
            carried.Read(WithCookie(OtherKey)).Should().Be(Key);
        }

        // Taken once: a second page in the same circuit (reached without a prerender) reads its request's cookie.
        using var uncarried = new CarriedVisitorKey(State);
        uncarried.Read(WithCookie(OtherKey)).Should().Be(OtherKey);
    }

    [Fact]
    public void A_circuit_that_took_the_key_persists_it_again_for_the_one_that_resumes_it_after_a_pause()
    {
        store.Persist("BookPage.VisitorKey", Key);
        using (var paused = new CarriedVisitorKey(State))
        {
            paused.Read(WithCookie(null)).Should().Be(Key);
            store.TriggerOnPersisting();
        }

        using var resumed = new CarriedVisitorKey(State);

        resumed.Read(WithCookie(null)).Should().Be(Key);
    }

    private static DefaultHttpContext WithCookie(string? key)
    {
        var context = new DefaultHttpContext();
        if (key is not null)
        {
            context.Request.Headers.Cookie = $"{QueueVisitors.CookieName}={key}";
        }

        return context;
    }

    public ValueTask DisposeAsync() => bunit.DisposeAsync();
}

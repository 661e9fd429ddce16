using BookingPortal.Features.Booking.Pages;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace BookingPortal.Tests.Unit.Features.Booking;

/// <summary>The book page's query and user, followed without a cascading value (see BookPageAddress).</summary>
public sealed class BookPageAddressTests : IAsyncDisposable
{
    private readonly BunitContext bunit = new();
    private readonly Bunit.TestDoubles.BunitAuthorizationContext authorization;
    private readonly List<(string? Reschedule, int? Practitioner)> entered = [];

    public BookPageAddressTests() => authorization = bunit.AddAuthorization();
    private NavigationManager Navigation => bunit.Services.GetRequiredService<NavigationManager>();

    [Theory]
    [InlineData("http://portal/services/3/book", null, null)]
    [InlineData("http://portal/services/3/book?reschedule=BK-7&practitioner=5", "BK-7", 5)]
    [InlineData("http://portal/services/3/book?Reschedule=BK-7&PRACTITIONER=5", "BK-7", 5)]
    [InlineData("http://portal/services/3/book?practitioner=five", null, null)]
    [InlineData("http://portal/services/3/book?practitioner=5&practitioner=6", null, 5)]
    public void The_query_is_read_as_the_framework_reads_it_and_a_practitioner_that_is_no_number_is_none(string uri, string? reschedule, int? practitioner) =>
        BookPageAddress.QueryOf(uri).Should().Be((reschedule, practitioner));

    [Fact]
    public void Another_query_on_the_same_page_enters_it_again_and_a_move_to_another_page_or_the_same_query_does_not()
    {
        Navigation.NavigateTo("services/3/book?practitioner=5");
        using var address = Follow();

        Navigation.NavigateTo("services/3/book?practitioner=6");
        Navigation.NavigateTo("services/3/book?practitioner=6#times");
        Navigation.NavigateTo("services/3/book?reschedule=BK-7");
        Navigation.NavigateTo("bookings/BK-9");

        entered.Should().Equal((null, 6), ("BK-7", null));
        (address.Reschedule, address.Practitioner).Should().Be(("BK-7", (int?)null));
    }

    [Fact]
    public void Another_services_page_is_read_when_entered_for_it_and_its_own_query_is_followed_from_then_on()
    {
        Navigation.NavigateTo("services/3/book?reschedule=BK-7");
        using var address = Follow();

        // The router keeps the page for another service's address and sets the new service; the page reads the address.
        Navigation.NavigateTo("services/4/book?practitioner=2");
        var beforeEntering = (address.Reschedule, address.Practitioner);
        address.Reread();
        var entering = (address.Reschedule, address.Practitioner);
        Navigation.NavigateTo("services/4/book");

        beforeEntering.Should().Be(("BK-7", (int?)null), "a move to another path is not this address's to follow");
        entering.Should().Be(((string?)null, 2));
        entered.Should().Equal([(null, null)], "the new service's page follows its own query once entered");
    }

    [Fact]
    public async Task A_sign_out_during_the_circuit_enters_the_page_again_and_a_disposed_one_hears_nothing()
    {
        authorization.SetAuthorized("ana");
        Navigation.NavigateTo("services/3/book");
        var address = Follow();
        (await address.UserAsync()).Identity!.IsAuthenticated.Should().BeTrue();

        authorization.SetNotAuthorized();
        var afterSignOut = entered.Count;
        address.Dispose();
        authorization.SetAuthorized("ana");
        Navigation.NavigateTo("services/3/book?practitioner=6");

        afterSignOut.Should().Be(1);
        entered.Should().HaveCount(1, "a page that has gone follows nothing");
        (await address.UserAsync()).Identity!.IsAuthenticated.Should().BeTrue("it still reads the provider when asked");
    }

    private BookPageAddress Follow()
    {
        BookPageAddress? address = null;
        address = new BookPageAddress(Navigation, bunit.Services.GetRequiredService<AuthenticationStateProvider>(), () =>
        {
            entered.Add((address!.Reschedule, address.Practitioner));
            return Task.CompletedTask;
        });
        return address;
    }

    public ValueTask DisposeAsync() => bunit.DisposeAsync();
}

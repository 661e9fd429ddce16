using BookingPortal.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace BookingPortal.Tests.Components;

public class PortalErrorBoundaryTests : BookingComponentsTestContext
{
    [Fact]
    public void A_page_that_throws_is_replaced_by_the_error_message_with_a_reference_and_never_the_exception()
    {
        var boundary = Render<PortalErrorBoundary>(p => p.AddChildContent<ThrowingPage>());

        boundary.Find("h1").TextContent.Should().Be("Something went wrong");
        boundary.Find("[data-testid=error-reference]").TextContent.Should().MatchRegex("^[0-9A-F]{12}$")
            .And.Be(boundary.Instance.Reference);
        boundary.Markup.Should().NotContain(ThrowingPage.Secret).And.NotContain(nameof(InvalidOperationException));
    }

    private sealed class ThrowingPage : ComponentBase
    {
        public const string Secret = "Password=hunter2";

        protected override void OnInitialized() => throw new InvalidOperationException(Secret);
    }
}

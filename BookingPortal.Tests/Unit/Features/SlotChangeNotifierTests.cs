namespace BookingPortal.Tests.Unit.Features;

public class SlotChangeNotifierTests
{
    private readonly SlotChangeNotifier notifier = new(NullLogger<SlotChangeNotifier>.Instance);

    [Fact]
    public async Task Subscribers_of_a_service_hear_about_its_changes_only()
    {
        var heard = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var otherHeard = false;
        using var subscription = notifier.Subscribe(1, () => { heard.TrySetResult(1); return Task.CompletedTask; });
        using var other = notifier.Subscribe(2, () => { otherHeard = true; return Task.CompletedTask; });

        notifier.NotifyChanged(1);

        (await heard.Task.WaitAsync(TimeSpan.FromSeconds(5))).Should().Be(1);
        otherHeard.Should().BeFalse();
    }

    [Fact]
    public void Disposing_a_subscription_removes_it_so_closed_pages_do_not_leak()
    {
        var subscription = notifier.Subscribe(7, () => Task.CompletedTask);
        notifier.SubscriberCount(7).Should().Be(1);

        subscription.Dispose();
        subscription.Dispose();

        notifier.SubscriberCount(7).Should().Be(0);
    }

    [Fact]
    public async Task A_failing_subscriber_does_not_stop_the_others()
    {
        var heard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var broken = notifier.Subscribe(3, () => throw new InvalidOperationException("circuit gone"));
        using var healthy = notifier.Subscribe(3, () => { heard.TrySetResult(); return Task.CompletedTask; });

        var notify = () => notifier.NotifyChanged(3);

        notify.Should().NotThrow();
        await heard.Task.WaitAsync(TimeSpan.FromSeconds(5));
        heard.Task.IsCompletedSuccessfully.Should().BeTrue();
    }
}

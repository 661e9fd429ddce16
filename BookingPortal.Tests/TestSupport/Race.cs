namespace BookingPortal.Tests.TestSupport;

public static class Race
{
    /// <summary>Starts every action on its own task behind one gate, so they really overlap, and waits for all.</summary>
    public static async Task<T[]> AllAtOnceAsync<T>(IEnumerable<Func<Task<T>>> actions)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = actions.Select(action => Task.Run(async () =>
        {
            await gate.Task;
            return await action();
        })).ToList();
        gate.SetResult();
        return await Task.WhenAll(tasks);
    }
}

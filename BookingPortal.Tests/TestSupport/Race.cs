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

    /// <summary>Two different operations fired at once (a cancel and a move, an approval and a decline); both results.</summary>
    public static async Task<(TFirst, TSecond)> BothAtOnceAsync<TFirst, TSecond>(Func<Task<TFirst>> first, Func<Task<TSecond>> second)
    {
        object? a = null, b = null;
        await AllAtOnceAsync<bool>([async () => (a = await first()) is not null, async () => (b = await second()) is not null]);
        return ((TFirst)a!, (TSecond)b!);
    }
}

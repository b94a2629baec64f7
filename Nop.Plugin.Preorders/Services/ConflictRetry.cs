using Nop.Plugin.Preorders.Services.Rules;

namespace Nop.Plugin.Preorders.Services;

/// <summary>
/// The one retry loop of compare-and-set work: read, decide, write only if nobody changed the row meanwhile;
/// on a lost race read again and decide again. A bounded number of rounds, then the shopper or merchant is
/// told someone else changed it (a livelock never hangs a request).
/// </summary>
public static class ConflictRetry
{
    public const int Attempts = 8;

    /// <summary>Runs <paramref name="attempt"/> until it reports done; throws <see cref="PreorderDefaults.Resources.ConcurrentChange"/> after <see cref="Attempts"/> lost races.</summary>
    public static async Task<T> RunAsync<T>(Func<Task<(bool Done, T Value)>> attempt, int attempts = Attempts)
    {
        for (var i = 0; i < attempts; i++)
        {
            var (done, value) = await attempt();
            if (done)
                return value;
        }
        throw new PreorderRuleException(PreorderDefaults.Resources.ConcurrentChange);
    }

    /// <summary>As <see cref="RunAsync{T}(Func{Task{ValueTuple{bool, T}}}, int)"/> for work with no result.</summary>
    public static Task RunAsync(Func<Task<bool>> attempt, int attempts = Attempts) =>
        RunAsync(async () => (await attempt(), true), attempts);
}

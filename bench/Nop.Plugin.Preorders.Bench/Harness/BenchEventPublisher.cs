using System.Collections.Concurrent;
using Nop.Core.Events;

namespace Nop.Plugin.Preorders.Bench.Harness;

/// <summary>
/// Counts published events by type and keeps none: the test host's publisher keeps every event (a
/// 100,000-line allocation would measure the recorder's memory, not the plugin's). Events are not
/// dispatched: the notification work they trigger is outside the measured operation (see docs/BENCHMARKS.md).
/// </summary>
public sealed class BenchEventPublisher : IEventPublisher
{
    public ConcurrentDictionary<Type, int> Counts { get; } = new();

    public int CountOf<T>() => Counts.GetValueOrDefault(typeof(T));

    public void Reset() => Counts.Clear();

    public Task PublishAsync<TEvent>(TEvent @event)
    {
        Counts.AddOrUpdate(typeof(TEvent), 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }

    public void Publish<TEvent>(TEvent @event) => PublishAsync(@event);
}

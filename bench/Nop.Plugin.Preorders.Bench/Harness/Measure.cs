using System.Diagnostics;

namespace Nop.Plugin.Preorders.Bench.Harness;

/// <summary>
/// The harness: warm-up runs (discarded), then measured runs, each timed with <see cref="Stopwatch"/>;
/// results are order statistics (median, p95, spread) over the runs. A GC between runs keeps one run's
/// garbage from being collected during the next.
/// </summary>
public static class Measure
{
    /// <summary>Milliseconds per run of <paramref name="run"/>; <paramref name="reset"/> (not timed) runs before every run.</summary>
    public static async Task<Stats> MillisecondsAsync(Func<Task> run, int warmup, int runs, Func<Task> reset = null)
    {
        var samples = new List<double>(runs);
        for (var i = 0; i < warmup + runs; i++)
        {
            if (reset != null)
                await reset();
            Collect();
            var sw = Stopwatch.StartNew();
            await run();
            sw.Stop();
            if (i >= warmup)
                samples.Add(sw.Elapsed.TotalMilliseconds);
        }
        return new Stats(samples);
    }

    /// <summary>Nanoseconds per call: each run times <paramref name="callsPerRun"/> calls and divides.</summary>
    public static async Task<Stats> NanosecondsPerCallAsync(Func<Task> call, int callsPerRun, int warmup, int runs)
    {
        var samples = new List<double>(runs);
        for (var i = 0; i < warmup + runs; i++)
        {
            Collect();
            var sw = Stopwatch.StartNew();
            for (var c = 0; c < callsPerRun; c++)
                await call();
            sw.Stop();
            if (i >= warmup)
                samples.Add(sw.Elapsed.TotalNanoseconds / callsPerRun);
        }
        return new Stats(samples);
    }

    /// <summary>Nanoseconds per call of a synchronous call (the result is consumed so the call cannot be optimised away).</summary>
    public static Stats NanosecondsPerCall<T>(Func<T> call, int callsPerRun, int warmup, int runs)
    {
        var samples = new List<double>(runs);
        var sink = 0;
        for (var i = 0; i < warmup + runs; i++)
        {
            Collect();
            var sw = Stopwatch.StartNew();
            for (var c = 0; c < callsPerRun; c++)
                sink ^= call()?.GetHashCode() ?? 0;
            sw.Stop();
            if (i >= warmup)
                samples.Add(sw.Elapsed.TotalNanoseconds / callsPerRun);
        }
        GC.KeepAlive(sink);
        return new Stats(samples);
    }

    public static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}

/// <summary>
/// Peak managed heap during an operation: a sampler reads <see cref="GC.GetTotalMemory(bool)"/> every
/// millisecond; the figure is the peak above the heap measured (after a full collection) just before.
/// </summary>
public sealed class HeapPeak : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampler;
    private readonly long _baseline;
    private long _peak;

    private HeapPeak()
    {
        Measure.Collect();
        _baseline = GC.GetTotalMemory(true);
        _peak = _baseline;
        _sampler = Task.Factory.StartNew(() =>
        {
            while (!_stop.IsCancellationRequested)
            {
                var now = GC.GetTotalMemory(false);
                if (now > Interlocked.Read(ref _peak))
                    Interlocked.Exchange(ref _peak, now);
                Thread.Sleep(1);
            }
        }, TaskCreationOptions.LongRunning);
    }

    public static HeapPeak Start() => new();

    /// <summary>Peak bytes above the starting heap.</summary>
    public long PeakBytes => Math.Max(0, Interlocked.Read(ref _peak) - _baseline);

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _sampler;
        var now = GC.GetTotalMemory(false);
        if (now > Interlocked.Read(ref _peak))
            Interlocked.Exchange(ref _peak, now);
    }
}

namespace Nop.Plugin.Preorders.Bench.Harness;

/// <summary>Samples of one measurement (one value per measured run) and their order statistics.</summary>
public sealed class Stats
{
    public Stats(IEnumerable<double> samples)
    {
        Samples = samples.OrderBy(s => s).ToArray();
        if (Samples.Count == 0)
            throw new ArgumentException("No samples.", nameof(samples));
    }

    /// <summary>Sorted ascending.</summary>
    public IReadOnlyList<double> Samples { get; }

    public int Count => Samples.Count;

    public double Median => Percentile(50);

    public double P95 => Percentile(95);

    public double Min => Samples[0];

    public double Max => Samples[^1];

    /// <summary>(max - min) / median: how far apart the runs were.</summary>
    public double Spread => Median == 0 ? 0 : (Max - Min) / Median;

    /// <summary>Linear interpolation between closest ranks.</summary>
    public double Percentile(double p)
    {
        if (Samples.Count == 1)
            return Samples[0];
        var rank = p / 100.0 * (Samples.Count - 1);
        var lo = (int)Math.Floor(rank);
        var hi = (int)Math.Ceiling(rank);
        return Samples[lo] + (Samples[hi] - Samples[lo]) * (rank - lo);
    }

    public static Stats Of(params double[] samples) => new(samples);
}

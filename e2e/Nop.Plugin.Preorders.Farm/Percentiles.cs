namespace Nop.Plugin.Preorders.Farm;

/// <summary>Nearest-rank percentiles of timings (the launch's figures and the real-shop benchmark share one definition).</summary>
public static class Percentiles
{
    /// <summary>The <paramref name="p"/>th percentile of <paramref name="sorted"/> (ascending); 0 when empty.</summary>
    public static double Of(IReadOnlyList<double> sorted, int p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, Math.Max(0, (int)Math.Ceiling(p / 100.0 * sorted.Count) - 1))];
}

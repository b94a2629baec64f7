using System.Globalization;
using System.Text;

namespace Nop.Plugin.Preorders.Bench.Harness;

/// <summary>One row of a benchmark's table.</summary>
public sealed record ResultRow(string Database, string Measure, string Plugin, string Baseline, string Ratio, string Target, bool? Met, string Note = null);

/// <summary>Results of a run, rendered as docs/BENCHMARKS.md.</summary>
public sealed class Report
{
    private readonly object _gate = new();

    public SortedDictionary<int, List<ResultRow>> Rows { get; } = new();

    /// <summary>Extra blocks under a benchmark's table (plans, figures), in order.</summary>
    public SortedDictionary<int, List<string>> Blocks { get; } = new();

    public List<string> Problems { get; } = new();

    public void Add(int benchmark, ResultRow row)
    {
        lock (_gate)
        {
            if (!Rows.TryGetValue(benchmark, out var rows))
                Rows[benchmark] = rows = new List<ResultRow>();
            rows.Add(row);
        }
        Console.WriteLine($"  [{benchmark}] {row.Database,-10} {row.Measure}: plugin {row.Plugin} | baseline {row.Baseline} | ratio {row.Ratio} | target {row.Target} | {Verdict(row.Met)}{(row.Note == null ? "" : " | " + row.Note)}");
    }

    public void Block(int benchmark, string markdown)
    {
        lock (_gate)
        {
            if (!Blocks.TryGetValue(benchmark, out var blocks))
                Blocks[benchmark] = blocks = new List<string>();
            blocks.Add(markdown);
        }
    }

    public static string Verdict(bool? met) => met switch { true => "yes", false => "**no**", null => "n/a" };

    public string RenderTable(int benchmark)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| database | measure | plugin | baseline | ratio | target | met? |");
        sb.AppendLine("| --- | --- | ---: | ---: | ---: | --- | --- |");
        foreach (var row in Rows.GetValueOrDefault(benchmark) ?? new List<ResultRow>())
            sb.AppendLine($"| {row.Database} | {row.Measure}{(row.Note == null ? "" : $" ({row.Note})")} | {row.Plugin} | {row.Baseline} | {row.Ratio} | {row.Target} | {Verdict(row.Met)} |");
        return sb.ToString();
    }
}

/// <summary>Number formatting for the tables (invariant culture).</summary>
public static class Fmt
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static string Ns(double ns) => ns < 1000 ? $"{ns.ToString("0.0", C)} ns" : Us(ns / 1000);

    public static string Us(double us) => us < 1000 ? $"{us.ToString(us < 10 ? "0.00" : "0.0", C)} µs" : Ms(us / 1000);

    public static string Ms(double ms) => ms < 1000 ? $"{ms.ToString(ms < 10 ? "0.00" : "0.0", C)} ms" : $"{(ms / 1000).ToString("0.00", C)} s";

    public static string Ratio(double r) => $"{r.ToString(r < 10 ? "0.00" : "0.0", C)}x";

    public static string Pct(double fraction) => $"{(fraction * 100).ToString(fraction < 0.1 ? "0.00" : "0.0", C)}%";

    public static string N(double n, string format = "0.##") => n.ToString(format, C);

    public static string Int(long n) => n.ToString("#,0", C);

    public static string Mb(long bytes) => $"{(bytes / 1024.0 / 1024.0).ToString("0.0", C)} MB";

    /// <summary>"median (p95 x, spread y%)".</summary>
    public static string MedianMs(Stats s) => $"{Ms(s.Median)} (p95 {Ms(s.P95)}, ±{Pct(s.Spread / 2)})";

    public static string MedianNs(Stats s) => $"{Ns(s.Median)} (p95 {Ns(s.P95)})";
}

using Nop.Plugin.Preorders.Tests.Infrastructure;

namespace Nop.Plugin.Preorders.Bench.Harness;

/// <summary>What a benchmark gets: the database to run on, the dataset scale and the report to fill.</summary>
public sealed class BenchContext
{
    public BenchContext(TestDbProvider provider, double scale, Report report)
    {
        Provider = provider;
        Scale = scale;
        Report = report;
    }

    public TestDbProvider Provider { get; }

    /// <summary>1 = the sizes; --quick runs smaller datasets (the committed table uses 1).</summary>
    public double Scale { get; }

    public Report Report { get; }

    public string DatabaseName => Provider == TestDbProvider.Sqlite ? "SQLite" : "PostgreSQL";

    public bool Quick => Scale < 1;

    /// <summary>A dataset size scaled for --quick (never below <paramref name="min"/>).</summary>
    public int Size(int full, int min = 1) => Math.Max(min, (int)Math.Round(full * Scale));

    public void Log(string message) => Console.WriteLine($"  {DatabaseName}: {message}");
}

/// <summary>One benchmark of the issue.</summary>
public interface IBenchmark
{
    int Number { get; }

    string Title { get; }

    /// <summary>What is measured against what (markdown, shown above the table).</summary>
    string Description { get; }

    Task RunAsync(BenchContext context);
}

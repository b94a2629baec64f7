using Nop.Plugin.Preorders.Bench.Harness;

namespace Nop.Plugin.Preorders.Bench.Benchmarks;

public sealed class AdminGridBenchmark : IBenchmark
{
    public int Number => 4;

    public string Title => "AdminGrid";

    public string Description => "TODO";

    public Task RunAsync(BenchContext context) => Task.CompletedTask;
}

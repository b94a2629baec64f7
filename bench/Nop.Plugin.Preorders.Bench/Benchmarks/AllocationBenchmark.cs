using Nop.Plugin.Preorders.Bench.Harness;

namespace Nop.Plugin.Preorders.Bench.Benchmarks;

public sealed class AllocationBenchmark : IBenchmark
{
    public int Number => 3;

    public string Title => "Allocation";

    public string Description => "TODO";

    public Task RunAsync(BenchContext context) => Task.CompletedTask;
}

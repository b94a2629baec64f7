using Nop.Plugin.Preorders.Bench.Harness;

namespace Nop.Plugin.Preorders.Bench.Benchmarks;

public sealed class AutomationBenchmark : IBenchmark
{
    public int Number => 5;

    public string Title => "Automation";

    public string Description => "TODO";

    public Task RunAsync(BenchContext context) => Task.CompletedTask;
}

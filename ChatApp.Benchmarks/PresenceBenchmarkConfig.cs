using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using Perfolizer.Horology;

namespace ChatApp.Benchmarks;

/// <summary>
/// A shortened job (1 launch, 3 warm-ups, 10 iterations of at least 100 ms) so the whole suite runs in well under 15 minutes on a
/// 2-core machine; error bars are wider than BenchmarkDotNet's default job would give.
/// </summary>
public sealed class PresenceBenchmarkConfig : ManualConfig
{
    public PresenceBenchmarkConfig()
    {
        AddJob(Job.Default
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(10)
            .WithMinIterationTime(TimeInterval.FromMilliseconds(100))
            .WithId("Short"));
        AddDiagnoser(MemoryDiagnoser.Default);
        WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared));
    }
}

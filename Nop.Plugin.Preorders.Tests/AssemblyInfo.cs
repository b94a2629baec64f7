using NUnit.Framework;

// Every fixture owns its database(s), so fixtures run side by side (the machine has 2 cores).
[assembly: Parallelizable(ParallelScope.Fixtures)]
[assembly: LevelOfParallelism(2)]

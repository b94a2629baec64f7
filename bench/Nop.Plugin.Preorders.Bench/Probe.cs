using System.Diagnostics;
using LinqToDB;
using LinqToDB.Data;
using Nop.Plugin.Preorders.Bench.Harness;
using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Tests.Infrastructure;

namespace Nop.Plugin.Preorders.Bench;

public static class Probe
{
    public static async Task RunAsync(TestDbProvider provider)
    {
        using var database = BenchDatabase.Create(provider);
        await Seeder.ProfilesAsync(database, 1, 1000, cap: 5000);
        using var scope = new TestScope(database);
        var dc = scope.Context.Connection;
        int opens = 0;
        dc.OnTraceConnection = null;
        for (var round = 0; round < 3; round++)
        {
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < 1000; i++) dc.Execute<int>("SELECT 1");
            Console.WriteLine($"SELECT 1 via DataConnection: {sw.Elapsed.TotalMicroseconds / 1000:0.0} us");
            sw.Restart();
            for (var i = 0; i < 1000; i++) { var id = 500; await Nop.Plugin.Preorders.QueryableExtensions.FirstOrDefaultAsync(scope.Repository<PreorderProfile>().Table.Where(p => p.ProductId == id)); }
            Console.WriteLine($"profile by product (plugin helper): {sw.Elapsed.TotalMicroseconds / 1000:0.0} us");
            sw.Restart();
            for (var i = 0; i < 1000; i++) { var id = 500; await LinqToDB.Async.AsyncExtensions.FirstOrDefaultAsync(scope.Repository<PreorderProfile>().Table.Where(p => p.ProductId == id)); }
            Console.WriteLine($"profile by product (linq2db async): {sw.Elapsed.TotalMicroseconds / 1000:0.0} us");
            sw.Restart();
            for (var i = 0; i < 1000; i++) { var id = 500; scope.Repository<PreorderProfile>().Table.Where(p => p.ProductId == id).FirstOrDefault(); }
            Console.WriteLine($"profile by product (sync): {sw.Elapsed.TotalMicroseconds / 1000:0.0} us");
            Console.WriteLine($"connection state {dc.Connection.State}");
        }
    }
}

using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Nop.Plugin.Preorders.Farm;

/// <summary>
/// Two nopCommerce processes from one build (one Nop.Web folder, so one data-protection key ring and one
/// plugins folder, as nodes deployed from one package), on two loopback ports, against one database, with
/// nopCommerce's distributed cache on Redis (<c>DistributedCacheConfig</c>). nophost's start.sh supervises each
/// node (its own state folder: pid files and console log).
/// </summary>
public sealed class FarmNodes
{
    private readonly string _appSettings = Path.Combine(FarmConfig.NopSource, "Presentation", "Nop.Web", "App_Data", "appsettings.json");
    private string _savedAppSettings;

    public IReadOnlyList<string> BaseUrls { get; } = FarmConfig.Ports.Select(p => $"http://127.0.0.1:{p}").ToList();

    public static string StateDir(int node) => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(FarmConfig.NopSource)), $"state-farm-node{node + 1}");

    /// <summary>Turns on nopCommerce's Redis cache (synchronized memory: each node's memory cache, invalidated through Redis) and starts every node.</summary>
    public async Task StartAsync()
    {
        _savedAppSettings = await File.ReadAllTextAsync(_appSettings);
        var settings = JsonNode.Parse(_savedAppSettings.TrimStart('\uFEFF'))!.AsObject();
        var cache = settings["DistributedCacheConfig"]?.AsObject() ?? new JsonObject();
        cache["DistributedCacheType"] = "redissynchronizedmemory";
        cache["Enabled"] = true;
        cache["ConnectionString"] = FarmConfig.Redis + ",ssl=False";
        cache["InstanceName"] = "nopFarm";
        settings["DistributedCacheConfig"] = cache;
        await File.WriteAllTextAsync(_appSettings, settings.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));

        // one at a time: both would otherwise run nopCommerce's start-up (plugins, migrations) together
        for (var node = 0; node < FarmConfig.Ports.Length; node++)
            await RunScriptAsync("start.sh", node, FarmConfig.Ports[node].ToString());
    }

    public async Task StopAsync()
    {
        for (var node = 0; node < FarmConfig.Ports.Length; node++)
            await RunScriptAsync("stop.sh", node);
        if (_savedAppSettings != null)
            await File.WriteAllTextAsync(_appSettings, _savedAppSettings);
    }

    /// <summary>The end of each node's console log (for a failure message).</summary>
    public static string LogTail(int node, int lines = 30)
    {
        var log = Path.Combine(StateDir(node), "nop.log");
        return File.Exists(log) ? string.Join("\n", File.ReadLines(log).TakeLast(lines)) : "(no log)";
    }

    private static async Task RunScriptAsync(string script, int node, string extra = null)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(FarmConfig.NopHost, script));
        info.ArgumentList.Add(FarmConfig.NopSource);
        if (extra != null)
            info.ArgumentList.Add(extra);
        info.Environment["NOP_STATE_DIR"] = StateDir(node);
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        TestContextWriter($"farm: {script} node {node + 1}: {output.Trim()} {error.Trim()}");
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{script} for node {node + 1} failed ({process.ExitCode}): {error}\n{LogTail(node)}");
    }

    private static void TestContextWriter(string line) => NUnit.Framework.TestContext.Progress.WriteLine(line);
}

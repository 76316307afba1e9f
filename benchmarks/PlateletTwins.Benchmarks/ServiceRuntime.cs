using System.Diagnostics;
using System.Text.Json.Nodes;

namespace PlateletTwins.Benchmarks;

/// <summary>
/// Runs each part of the benchmark in a process of its own with the runtime settings of the service it measures
/// (garbage collector, background collection, tiered compilation), read from that service's runtimeconfig.json: the
/// simulator and the two web services differ, and one process can have only one collector. Measured in the
/// benchmark's own settings, the ingestion service wrote about 30 % fewer twins a second than it does as it runs.
/// </summary>
internal static class ServiceRuntime
{
    private const string ChildMarker = "PLATELETTWINS_BENCHMARK_PART";

    /// <summary>The runtime settings of a service, as the environment variables that override a runtimeconfig.json.</summary>
    private static readonly (string Property, string Variable, bool Default)[] Settings =
    [
        ("System.GC.Server", "DOTNET_gcServer", false),
        ("System.GC.Concurrent", "DOTNET_gcConcurrent", true),
        ("System.Runtime.TieredCompilation", "DOTNET_TieredCompilation", true),
    ];

    /// <summary>True in the process that runs one part; the parent only launches the parts.</summary>
    public static bool IsPartProcess => Environment.GetEnvironmentVariable(ChildMarker) is not null;

    /// <summary>Runs <paramref name="arguments"/> in a new process of this benchmark with <paramref name="service"/>'s settings; returns its exit code.</summary>
    public static async Task<int> RunPartAsync(string service, params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
        // Started as `dotnet PlateletTwins.Benchmarks.dll`: the host needs the assembly again.
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ServiceRuntime).Assembly.Location);
        }
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment[ChildMarker] = service;
        foreach (var (variable, value) in SettingsOf(service))
        {
            start.Environment[variable] = value;
        }
        using var process = Process.Start(start)!;
        await process.WaitForExitAsync();
        return process.ExitCode;
    }

    /// <summary>The environment a service of its own (MockAdt) starts with: without the overrides this process runs under.</summary>
    public static void ClearOverrides(ProcessStartInfo start)
    {
        start.Environment.Remove(ChildMarker);
        foreach (var (_, variable, _) in Settings)
        {
            start.Environment.Remove(variable);
        }
    }

    /// <summary>A line saying what this part runs under, for the report.</summary>
    public static string Describe() =>
        $"{(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC, {(System.Runtime.GCSettings.LatencyMode == System.Runtime.GCLatencyMode.Batch ? "no background GC" : "background GC")}, " +
        $"tiered compilation {(Environment.GetEnvironmentVariable("DOTNET_TieredCompilation") == "0" ? "off" : "on")}";

    private static IEnumerable<(string Variable, string Value)> SettingsOf(string service)
    {
        var path = Path.Combine(AppContext.BaseDirectory, $"{service}.runtimeconfig.json");
        var properties = JsonNode.Parse(File.ReadAllText(path))?["runtimeOptions"]?["configProperties"] as JsonObject;
        foreach (var (property, variable, fallback) in Settings)
        {
            var value = properties?[property]?.GetValue<bool>() ?? fallback;
            yield return (variable, value ? "1" : "0");
        }
    }
}

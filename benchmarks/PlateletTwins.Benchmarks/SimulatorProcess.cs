using System.Diagnostics;

namespace PlateletTwins.Benchmarks;

/// <summary>
/// The simulator service in a process of its own, as the AppHost runs it (its own runtimeconfig.json, its service mode
/// streaming <c>Streaming:LabFiles</c>), so that the CPU of this process is the ingestion service's alone. Killed when
/// disposed: the service keeps running once its runs are done.
/// </summary>
internal sealed class SimulatorProcess : IDisposable
{
    private readonly Process _process;

    private SimulatorProcess(Process process) => _process = process;

    /// <summary>Starts the service with <paramref name="settings"/> as configuration (keys with <c>:</c>), its log at Warning.</summary>
    public static SimulatorProcess Start(IReadOnlyDictionary<string, string> settings)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "PlateletTwins.SimulatorService.dll");
        var start = new ProcessStartInfo("dotnet", [dll]) { RedirectStandardOutput = true, RedirectStandardError = true };
        ServiceRuntime.ClearOverrides(start);
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        var process = Process.Start(start)!;
        // Its warnings (a lab refused, an intake unreachable) belong in the benchmark's report.
        process.OutputDataReceived += (_, line) => Echo(line.Data);
        process.ErrorDataReceived += (_, line) => Echo(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new SimulatorProcess(process);
    }

    public bool HasExited => _process.HasExited;

    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
    }

    private static void Echo(string? line)
    {
        if (!string.IsNullOrWhiteSpace(line))
        {
            Console.WriteLine($"          simulator: {line.Trim()}");
        }
    }
}

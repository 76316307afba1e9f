using System.Collections.Concurrent;
using System.Diagnostics;

namespace PlateletTwins.Tests.Infrastructure;

/// <summary>
/// One of the services as a process of its own (<c>dotnet &lt;service&gt;.dll</c> from the test's output folder) on a
/// loopback port, to be killed with SIGKILL, frozen with SIGSTOP and thawed, as a crash or a hang would.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ServiceProcess(string name, Process process, Uri address)
    {
        Name = name;
        _process = process;
        Address = address;
        process.OutputDataReceived += (_, line) => Keep(line.Data);
        process.ErrorDataReceived += (_, line) => Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Name { get; }

    public Uri Address { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the process wrote, for a failing test's message.</summary>
    public string Output => string.Join('\n', _output);

    public static async Task<ServiceProcess> StartAsync(string assembly, int port, IDictionary<string, string> environment, bool waitUntilHealthy = true)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, assembly + ".dll"), "--urls", $"http://127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["DOTNET_gcServer"] = "0";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        var service = new ServiceProcess(assembly, Process.Start(start) ?? throw new InvalidOperationException($"{assembly} did not start"), new Uri($"http://127.0.0.1:{port}"));
        if (waitUntilHealthy)
        {
            await service.WaitUntilAliveAsync(TimeSpan.FromSeconds(30));
        }
        return service;
    }

    public async Task WaitUntilAliveAsync(TimeSpan within)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(2) };
        await Eventually.ReturnsAsync(async () =>
        {
            // A process that died will not come alive: say so now, with what it wrote.
            Assert.False(_process.HasExited, $"{Name} exited with {(_process.HasExited ? _process.ExitCode : 0)}:\n{Output}");
            try
            {
                using var response = await http.GetAsync("/alive");
                return response.IsSuccessStatusCode;
            }
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
            {
                return false;
            }
        }, alive => alive, within, () => $"{Name} answering /alive (its output:\n{Output}\n)");
    }

    /// <summary>kill -9: no shutdown, nothing flushed.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGSTOP: the process keeps its sockets and answers nothing, as a hung service does.</summary>
    public Task FreezeAsync() => SignalAsync("STOP");

    public Task ThawAsync() => SignalAsync("CONT");

    private async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        _output.Enqueue(line);
        while (_output.Count > 2000 && _output.TryDequeue(out _))
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await SignalAsync("CONT");
        }
        await KillAsync();
        _process.Dispose();
    }
}

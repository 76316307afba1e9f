using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;

namespace PlateletTwins.Tests.Infrastructure;

/// <summary>MockAdt as a process of its own, as the AppHost runs it, so that a test can kill it as a crash would.</summary>
public sealed class MockAdtProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;

    private MockAdtProcess(Process process, ConcurrentQueue<string> output, Uri address)
    {
        _process = process;
        _output = output;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Starts MockAdt (persisting under <paramref name="dataDirectory"/> when given) and returns once it is healthy.</summary>
    public static async Task<MockAdtProcess> StartAsync(string? dataDirectory)
    {
        var port = LoopbackApp.FreePort();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "PlateletTwins.MockAdt.dll"), "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["MockAdt__Auth__Tokens__0__Value"] = MockAdtHost.OwnerToken;
        start.Environment["MockAdt__Auth__Tokens__0__Role"] = "DataOwner";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        if (dataDirectory is not null)
        {
            start.Environment["MockAdt__DataDirectory"] = dataDirectory;
        }
        var output = new ConcurrentQueue<string>();
        var process = Process.Start(start) ?? throw new InvalidOperationException("MockAdt could not be started.");
        process.OutputDataReceived += (_, e) => Keep(output, e.Data);
        process.ErrorDataReceived += (_, e) => Keep(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var mockAdt = new MockAdtProcess(process, output, new Uri($"http://127.0.0.1:{port}"));
        await mockAdt.WaitUntilHealthyAsync();
        return mockAdt;
    }

    public HttpClient CreateClient()
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(10) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", MockAdtHost.OwnerToken);
        return client;
    }

    /// <summary>SIGKILL (what Process.Kill sends on Linux): no shutdown, no flush, nothing of the process runs after it.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(2) };
        await Eventually.ReturnsAsync(async () =>
        {
            // A process that died will not become healthy: say so now, with what it wrote.
            Assert.False(_process.HasExited, $"MockAdt exited with {(_process.HasExited ? _process.ExitCode : 0)}:\n{string.Join('\n', _output)}");
            try
            {
                using var health = await client.GetAsync("/health");
                return health.IsSuccessStatusCode;
            }
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
            {
                // Not listening, or not answering, yet.
                return false;
            }
        }, healthy => healthy, StartTimeout, () => $"MockAdt answering /health (its output:\n{string.Join('\n', _output)}\n)");
    }

    private static void Keep(ConcurrentQueue<string> output, string? line)
    {
        if (line is null)
        {
            return;
        }
        output.Enqueue(line);
        while (output.Count > 200 && output.TryDequeue(out _))
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}

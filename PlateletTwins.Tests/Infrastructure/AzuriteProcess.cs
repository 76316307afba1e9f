using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using Azure.Storage.Blobs;

namespace PlateletTwins.Tests.Infrastructure;

/// <summary>
/// Azurite's blob service as a process of its own on a free loopback port, in memory, from the npm package the AppHost's
/// build installs (PlateletTwins.AppHost/Azurite), for the tests and benchmarks of MockAdt's import jobs.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    public const string Account = "devstoreaccount1";

    /// <summary>Azurite's well-known development key (documented by Microsoft; not a secret).</summary>
    public const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private AzuriteProcess(Process process, int port)
    {
        _process = process;
        BlobEndpoint = new Uri($"http://127.0.0.1:{port}/{Account}");
        process.OutputDataReceived += (_, line) => Keep(line.Data);
        process.ErrorDataReceived += (_, line) => Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BlobEndpoint { get; }

    /// <summary>The connection string MockAdt takes as <c>MockAdt:Jobs:StorageConnectionString</c>.</summary>
    public string ConnectionString => $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={Key};BlobEndpoint={BlobEndpoint};";

    public BlobServiceClient Client() => new(ConnectionString);

    /// <summary>Starts Azurite from <paramref name="repositoryRoot"/>'s AppHost/Azurite folder and returns once it accepts connections.</summary>
    public static async Task<AzuriteProcess> StartAsync(string repositoryRoot)
    {
        var folder = Path.Combine(repositoryRoot, "PlateletTwins.AppHost", "Azurite");
        var main = Path.Combine(folder, "node_modules", "azurite", "dist", "src", "blob", "main.js");
        if (!File.Exists(main))
        {
            throw new InvalidOperationException($"Azurite is not installed in {folder}: build PlateletTwins.AppHost (it runs npm ci there).");
        }
        var port = LoopbackApp.FreePort();
        var start = new ProcessStartInfo("node",
            [main, "--blobHost", "127.0.0.1", "--blobPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
             "--inMemoryPersistence", "--skipApiVersionCheck", "--disableTelemetry", "--silent"])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var azurite = new AzuriteProcess(Process.Start(start) ?? throw new InvalidOperationException("node could not be started."), port);
        try
        {
            // Until it accepts connections or has exited: an exit is no reason to wait out the bound.
            var state = await Eventually.ReturnsAsync(() => azurite.ProbeAsync(port), state => state != Startup.Refused, TimeSpan.FromSeconds(30),
                () => $"Azurite accepting connections on 127.0.0.1:{port} (its output: {azurite.Output})");
            if (state == Startup.Exited)
            {
                throw new InvalidOperationException($"Azurite exited with {azurite._process.ExitCode}:\n{azurite.Output}");
            }
            return azurite;
        }
        catch
        {
            await azurite.DisposeAsync();
            throw;
        }
    }

    private enum Startup
    {
        Refused,
        Accepting,
        Exited,
    }

    private string Output => string.Join('\n', _output);

    private async Task<Startup> ProbeAsync(int port)
    {
        if (_process.HasExited)
        {
            return Startup.Exited;
        }
        try
        {
            using var probe = new TcpClient();
            await probe.ConnectAsync(System.Net.IPAddress.Loopback, port);
            return Startup.Accepting;
        }
        catch (SocketException)
        {
            return Startup.Refused;
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        _output.Enqueue(line);
        while (_output.Count > 200 && _output.TryDequeue(out _))
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}

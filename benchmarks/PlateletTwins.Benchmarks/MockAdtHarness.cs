using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using PlateletTwins.MockAdt.Hosting;
using PlateletTwins.Tests.Infrastructure;

namespace PlateletTwins.Benchmarks;

/// <summary>MockAdt composed as its Program does, on a loopback port, with the project's models uploaded.</summary>
internal sealed class MockAdtHarness : IAsyncDisposable
{
    public const string Token = "benchmark-token";
    public const string ApiVersion = "api-version=2023-10-31";
    public const string CentrifugeModel = "dtmi:platelettwins:devices:Centrifuge;1";

    private readonly WebApplication? _app;
    private readonly System.Diagnostics.Process? _process;
    private readonly List<string> _refusals = [];
    private long _refusalCount;

    private MockAdtHarness(WebApplication? app, Uri address, System.Diagnostics.Process? process = null, Uri? http2Address = null)
    {
        _app = app;
        _process = process;
        Address = address;
        ConnectionString = http2Address is null ? $"Endpoint={address}" : $"Endpoint={http2Address};Protocol=h2c";
        Client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = address };
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
    }

    public Uri Address { get; }

    /// <summary>The ingestion service's <c>adt</c> connection string: the HTTP/2 port when MockAdt has one, as under the AppHost.</summary>
    public string ConnectionString { get; }

    public HttpClient Client { get; }

    /// <summary>The working set of MockAdt's own process, when it runs in one.</summary>
    public long ProcessWorkingSet
    {
        get
        {
            var process = _process ?? throw new InvalidOperationException("MockAdt runs in this process.");
            process.Refresh();
            return process.WorkingSet64;
        }
    }

    /// <summary>The processor time MockAdt's own process has used so far, when it runs in one.</summary>
    public TimeSpan ProcessCpuTime
    {
        get
        {
            var process = _process ?? throw new InvalidOperationException("MockAdt runs in this process.");
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    /// <summary>
    /// How many 429s MockAdt's own process logged, and the first <see cref="KeptRefusals"/> of those lines: each names the
    /// budget that was spent. Only with its rate limiter's log at Debug (see <see cref="ThrottleLogLevel"/>).
    /// </summary>
    public (long Count, IReadOnlyList<string> First) Refusals
    {
        get
        {
            lock (_refusals)
            {
                return (_refusalCount, [.. _refusals]);
            }
        }
    }

    public const int KeptRefusals = 20;

    /// <summary>The setting that makes MockAdt log each 429 it answers, with the budget it was spent on.</summary>
    public static readonly KeyValuePair<string, string> ThrottleLogLevel = new("Logging:LogLevel:PlateletTwins.MockAdt.Limits.BudgetRefusals", "Debug");

    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("MockAdt runs in a process of its own.");

    public static async Task<MockAdtHarness> StartAsync(string profile = "off", Dictionary<string, string?>? settings = null)
    {
        var (app, address) = await LoopbackApp.StartAsync(
            new Dictionary<string, string?> { ["MockAdt:Auth:Tokens:0:Value"] = Token, ["MockAdt:Limits:Profile"] = profile },
            b => b.AddMockAdt(),
            a => a.MapMockAdt(),
            settings);
        var harness = new MockAdtHarness(app, address);
        using var upload = await harness.Client.PostAsync($"/models?{ApiVersion}", Json(ProjectModels()));
        upload.EnsureSuccessStatusCode();
        return harness;
    }

    /// <summary>MockAdt as a process of its own (its Release build), as it runs under the AppHost: no CPU or GC shared with the caller,
    /// and with its HTTP/2 port; under the limits <paramref name="profile"/>, with further <paramref name="settings"/> (configuration
    /// keys, as in appsettings: <c>MockAdt:History:Enabled</c>).</summary>
    public static async Task<MockAdtHarness> StartProcessAsync(string profile = "off", IReadOnlyDictionary<string, string>? settings = null)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "PlateletTwins.MockAdt.dll");
        var port = LoopbackApp.FreePort();
        var http2Port = LoopbackApp.FreePort();
        var start = new System.Diagnostics.ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        // MockAdt runs as its own runtimeconfig.json says, not with the settings of the part that starts it.
        ServiceRuntime.ClearOverrides(start);
        start.Environment["MockAdt__Auth__Tokens__0__Value"] = Token;
        start.Environment["MockAdt__Http2Port"] = http2Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["MockAdt__Limits__Profile"] = profile;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        var process = System.Diagnostics.Process.Start(start)!;
        var harness = new MockAdtHarness(null, new Uri($"http://127.0.0.1:{port}"), process, new Uri($"http://127.0.0.1:{http2Port}"));
        process.OutputDataReceived += (_, line) => harness.Keep(line.Data);
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var health = await harness.Client.GetAsync("/health");
                if (health.IsSuccessStatusCode)
                {
                    break;
                }
            }
            catch (HttpRequestException) when (attempt < 100)
            {
            }
            await Task.Delay(100);
        }
        using var upload = await harness.Client.PostAsync($"/models?{ApiVersion}", Json(ProjectModels()));
        upload.EnsureSuccessStatusCode();
        return harness;
    }

    // The console logger writes the category on one line and the message, indented, on the next: the message is kept.
    private void Keep(string? line)
    {
        if (line is null || !line.Contains(" -> 429, ", StringComparison.Ordinal))
        {
            return;
        }
        lock (_refusals)
        {
            _refusalCount++;
            if (_refusals.Count < KeptRefusals)
            {
                _refusals.Add(line.Trim());
            }
        }
    }

    public static StringContent Json(JsonNode node) => new(node.ToJsonString(), Encoding.UTF8, "application/json");

    public static StringContent Patch(string json) => new(json, Encoding.UTF8, "application/json-patch+json");

    public async Task CreateCentrifugesAsync(int count)
    {
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
        {
            var twin = new JsonObject { ["capacity"] = 12, ["$metadata"] = new JsonObject { ["$model"] = CentrifugeModel } };
            using var response = await Client.PutAsync($"/digitaltwins/c{i}?{ApiVersion}", Json(twin), ct);
            response.EnsureSuccessStatusCode();
        });
    }

    private static JsonArray ProjectModels()
    {
        var directory = Path.Combine(Repository.Root, "dtdl");
        return [.. Directory.EnumerateFiles(directory, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(p => JsonNode.Parse(File.ReadAllText(p)))];
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        if (_process is not null)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            _process.Dispose();
        }
    }
}

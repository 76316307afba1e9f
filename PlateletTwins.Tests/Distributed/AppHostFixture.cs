using System.Security.Cryptography;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PlateletTwins.SimulatorService.Lab.Running;
using PlateletTwins.Tests.Infrastructure;

namespace PlateletTwins.Tests.Distributed;

/// <summary>
/// The whole AppHost, started once for the distributed tests: MockAdt, the ingestion service and the simulator as
/// real processes, each exporting its traces to an <see cref="OtlpReceiver"/> in the test process.
/// </summary>
public sealed class AppHostFixture : IAsyncLifetime
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    /// <summary>The emulator's token and the intake key, chosen here so the tests can call both services.</summary>
    public string AdtToken { get; } = RandomSecret();

    public string IntakeKey { get; } = RandomSecret();

    public static readonly DateTimeOffset SimulationStart = new(2026, 1, 5, 7, 0, 0, TimeSpan.Zero);

    public const ulong Seed = 1;

    public const RunProfile Profile = RunProfile.Stress;

    public const double Hours = 36;

    /// <summary>
    /// The labs the AppHost streams at once (its <c>lab-files</c> parameter, files of <c>docs/labs/</c>): the reference
    /// lab and one unlike it, with more devices of a kind and another buffer layout.
    /// </summary>
    public static readonly string[] LabFiles = ["reference.json", "three-centrifuges.json"];

    /// <summary>The seed the simulator gives a lab of <see cref="LabFiles"/>: <see cref="Seed"/> for the first, one more for each next.</summary>
    public static ulong SeedOf(string file) => SimulatorService.Streaming.TelemetryStreamer.SeedOf(Seed, Array.IndexOf(LabFiles, file));

    /// <summary>A lab the AppHost streams, as the simulator reads its file.</summary>
    internal static SimulatorService.Lab.Configuration.LabConfig Lab(string file) =>
        SimulatorService.Lab.Configuration.LabFile.Load(Path.Combine(RepositoryPaths.Root, "docs", "labs", file));

    /// <summary>The services' state of this fixture alone, never the developer's own.</summary>
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("platelettwins-apphost-").FullName;

    public DistributedApplication App { get; private set; } = null!;

    public OtlpReceiver Telemetry { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        using var cts = new CancellationTokenSource(StartTimeout);
        Telemetry = await OtlpReceiver.StartAsync();
        // MockAdt not persisting: every run starts from an empty instance and leaves the user's own instance alone.
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.PlateletTwins_AppHost>(
            [$"Parameters:mockadt-token={AdtToken}", $"Parameters:intake-key={IntakeKey}", $"DataDirectory={DataDirectory}", "MockAdt:Persist=false",
                // As a user gives them: relative to the AppHost's folder.
                $"Parameters:lab-files={string.Join(';', LabFiles.Select(f => $"../docs/labs/{f}"))}"], cts.Token);
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        foreach (var project in builder.Resources.OfType<ProjectResource>().ToList())
        {
            builder.CreateResourceBuilder(project)
                .WithEnvironment("OTEL_EXPORTER_OTLP_ENDPOINT", Telemetry.Endpoint)
                .WithEnvironment("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
                .WithEnvironment("OTEL_EXPORTER_OTLP_HEADERS", "")
                // The in-memory retry of the exporter makes every process slow to stop.
                .WithEnvironment("OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY", "")
                // A run at full speed makes thousands of spans in a second: room for all, so none is dropped.
                .WithEnvironment("OTEL_BSP_MAX_QUEUE_SIZE", "65536")
                .WithEnvironment("OTEL_BSP_MAX_EXPORT_BATCH_SIZE", "4096");
        }
        // 36 simulated hours of the stress profile of each lab, all at once, as fast as ingestion takes them, from a fixed
        // start instant, so that a twin's source time names the simulated minute it comes from.
        builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "simulator"))
            .WithEnvironment("Streaming__StartTime", SimulationStart.ToString("O", System.Globalization.CultureInfo.InvariantCulture))
            .WithEnvironment("Streaming__Seed", Seed.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithEnvironment("Streaming__Speed", "max")
            .WithEnvironment("Streaming__Profile", PlateletTwins.ServiceDefaults.Configuration.SettingNames.Of(Profile))
            .WithEnvironment("Streaming__Hours", Hours.ToString(System.Globalization.CultureInfo.InvariantCulture));
        App = await builder.BuildAsync(cts.Token).WaitAsync(cts.Token);
        await App.StartAsync(cts.Token).WaitAsync(cts.Token);
        foreach (var resource in new[] { "mockadt", "ingestion", "simulator" })
        {
            await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, cts.Token).WaitAsync(cts.Token);
        }
    }

    /// <summary>An HTTP client for MockAdt that sends the emulator's bearer token, as the ingestion service does.</summary>
    public HttpClient CreateAdtClient()
    {
        var client = App.CreateHttpClient("mockadt", "http");
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdtToken);
        return client;
    }

    public async Task DisposeAsync()
    {
        if (App is not null)
        {
            await App.DisposeAsync();
        }
        if (Telemetry is not null)
        {
            await Telemetry.DisposeAsync();
        }
        Directory.Delete(DataDirectory, recursive: true);
    }

    private static string RandomSecret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}

[CollectionDefinition(Name)]
public sealed class AppHostTestGroup : ICollectionFixture<AppHostFixture>
{
    public const string Name = "AppHost";
}

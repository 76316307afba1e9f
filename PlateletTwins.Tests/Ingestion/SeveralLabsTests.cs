using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PlateletTwins.SimulatorService.Devices;
using PlateletTwins.SimulatorService.Diagnostics;
using PlateletTwins.SimulatorService.Lab.Configuration;
using PlateletTwins.SimulatorService.Lab.Model;
using PlateletTwins.SimulatorService.Lab.Running;
using PlateletTwins.SimulatorService.Streaming;
using PlateletTwins.Tests.Infrastructure;
using PlateletTwins.Tests.Simulator.Pools;
using DeviceModel = PlateletTwins.Dtdl.Lab.DeviceModel;
using SimulationModel = PlateletTwins.Dtdl.Lab.SimulationModel;

namespace PlateletTwins.Tests.Ingestion;

/// <summary>
/// Two labs streamed at once by the simulator's own streamer, through one intake, into one MockAdt with ADT's budgets
/// (<c>cloud</c>): each run provisions its own twins, named within its lab, and ends with every one of them exact.
/// </summary>
public sealed class SeveralLabsTests
{
    private const double Hours = 12;

    [Fact]
    public async Task Two_labs_streaming_at_once_into_MockAdt_cloud_each_end_with_their_twins_exact()
    {
        await using var adt = await MockAdtHost.StartAsync(new Dictionary<string, string?> { ["MockAdt:Limits:Profile"] = "cloud" });
        await using var ingestion = await IngestionHost.StartAsync(adt.Address);
        var labs = new[] { ReferenceLab.Create(), LabFile.Load(Path.Combine(RepositoryPaths.Root, "docs", "labs", "three-centrifuges.json")) };
        var runs = labs.Select((lab, i) => (Run: new RunOptions { Lab = lab, Hours = Hours, Seed = (ulong)(11 + i), Profile = RunProfile.Stress }, RunId: $"run-lab-{i}")).ToList();

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await Task.WhenAll(runs.Select(r => StreamAsync(ingestion, r.RunId, r.Run, timeout.Token)));

        using var client = adt.CreateClient();
        foreach (var (run, runId) in runs)
        {
            var twins = new LabTwins(run.EffectiveLab);
            var record = PoolRun.Of(run.Profile, run.Seed, Hours, labConfig: run.Lab);
            // The run's twin simulates its own lab, and says it completed.
            var runTwin = (await client.GetFromJsonAsync<JsonObject>($"/digitaltwins/{runId}?api-version=2023-10-31"))!;
            Assert.Equal(SimulationModel.StatusValues.Completed, runTwin[SimulationModel.Status]!.GetValue<string>());
            Assert.Equal(record.Lab.Statistics.PoolsStarted, runTwin[SimulationModel.PoolsStarted]!.GetValue<int>());
            // Every device twin, named within its lab, holds the last update the lab made of it.
            var updates = new List<DeviceUpdate>();
            new LabModel(run.EffectiveLab, run.Seed, updates.Add).RunUntil(Hours * 60);
            var last = updates.GroupBy(u => u.DeviceId).Select(g => g.Last()).ToList();
            Assert.Equal(run.Lab.Devices.Count, last.Count);
            foreach (var update in last)
            {
                var twin = (await client.GetFromJsonAsync<JsonObject>($"/digitaltwins/{twins.Device(update.DeviceId)}?api-version=2023-10-31"))!;
                Assert.Equal((update.Status.ToString(), update.InUse, update.QueueLength, update.TotalProcessed, update.Failures),
                    (twin[DeviceModel.Status]!.GetValue<string>(), twin[DeviceModel.InUse]!.GetValue<int>(), twin[DeviceModel.QueueLength]!.GetValue<int>(),
                     twin[DeviceModel.TotalProcessed]!.GetValue<int>(), twin[DeviceModel.Failures]!.GetValue<int>()));
            }
            var retained = record.Pools.Where(p => p.DeletedAt is null).ToList();
            Assert.True(retained.Count > 10, $"{twins.Lab}: only {retained.Count} pools");
            var differences = await PoolGraph.DifferencesAsync(client, twins, retained);
            Assert.True(differences.Count == 0, $"{twins.Lab}: {string.Join('\n', differences)}");
        }
        Assert.Equal("[]", await ingestion.CreateClient().GetStringAsync("/api/deadletters"));
    }

    private static async Task StreamAsync(IngestionHost ingestion, string runId, RunOptions run, CancellationToken cancellationToken)
    {
        var options = new StreamingOptions
        {
            Speed = "max",
            Hours = run.Hours,
            Seed = run.Seed,
            Profile = run.Profile,
            IntakeKey = IngestionHost.IntakeKey,
            StartTime = IntakeMessages.Start,
            BatchInterval = TimeSpan.FromMilliseconds(50),
            AcknowledgementPoll = TimeSpan.FromMilliseconds(100),
        };
        using var http = new HttpClient { BaseAddress = ingestion.Address };
        await using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var telemetry = new SimulatorTelemetry(services.GetRequiredService<IMeterFactory>());
        var streamer = new RunStreamer(new IngestionClient(http, Options.Create(options), TimeProvider.System), telemetry, options, TimeProvider.System, NullLogger.Instance);
        await streamer.RunAsync(runId, run, cancellationToken);
    }
}

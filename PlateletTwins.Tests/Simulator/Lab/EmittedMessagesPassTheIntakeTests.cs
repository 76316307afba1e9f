using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PlateletTwins.IngestionService.Durability;
using PlateletTwins.IngestionService.Intake;
using PlateletTwins.IngestionService.Provisioning;
using PlateletTwins.IngestionService.Runs;
using PlateletTwins.SimulatorService.Devices;
using PlateletTwins.SimulatorService.Lab.Model;
using PlateletTwins.SimulatorService.Lab.Running;
using PlateletTwins.SimulatorService.Streaming;
using PlateletTwins.Tests.Infrastructure;

namespace PlateletTwins.Tests.Simulator.Lab;

/// <summary>
/// The simulator never sends what its intake refuses: whole runs over many seeds, every message written as the
/// simulator writes it and read and validated as the intake does.
/// </summary>
public sealed class EmittedMessagesPassTheIntakeTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 7, 0, 0, TimeSpan.Zero);

    private static readonly ModelCatalog Catalog = new(RepositoryPaths.Dtdl);

    public static TheoryData<RunProfile> Profiles => new() { RunProfile.Normal, RunProfile.Stress };

    [Theory]
    [MemberData(nameof(Profiles))]
    public async Task Every_update_and_event_of_24_seeded_runs_passes_the_intakes_validation(RunProfile profile)
    {
        var checkedUpdates = 0;
        for (ulong seed = 1; seed <= 16; seed++)
        {
            var run = new RunOptions { Profile = profile, Seed = seed };
            var runId = $"run-{profile}-{seed}";
            var start = await ReadAsync<RunStart>(StartMessage.For(runId, run, "max", Start));
            Assert.Empty(RunValidator.Validate(start, Catalog));
            await using var store = new IngestionStore(Options.Create(new StorageOptions()), NullLogger<IngestionStore>.Instance);
            using var runs = new RunRegistry(store);
            await runs.RegisterAsync(start, _ => false, CancellationToken.None);
            var validator = new UpdateValidator(Catalog, runs);

            var updates = new List<TwinUpdateMessage>();
            var events = new List<EventMessage>();
            var twins = new LabTwins(run.EffectiveLab);
            var lab = new LabModel(run.EffectiveLab, seed,
                u => updates.Add(UpdateMapper.ToMessage(u, twins, Start, null, Start)),
                e => events.Add(new EventMessage($"{runId}:{e.DeviceId}:{events.Count + 1}", twins.Device(e.DeviceId), Start.AddMinutes(e.SimulatedMinutes), e.Type.ToString(), e.Detail, null)));
            lab.RunUntil(run.Hours * 60);
            updates.Add(RunKpis.Update(runId, 1, lab, Start, completed: true, Start));

            var batch = await ReadAsync<TelemetryBatch>(new TelemetryBatchMessage(runId, updates, events));
            foreach (var update in batch.Updates)
            {
                var problem = validator.Validate(update);
                Assert.True(problem is null, $"{profile} seed {seed}: {update.TwinId} #{update.Sequence} refused: {problem?.Code} {problem?.Message}");
            }
            foreach (var discreteEvent in batch.Events ?? [])
            {
                var problem = validator.Validate(discreteEvent);
                Assert.True(problem is null, $"{profile} seed {seed}: event {discreteEvent.EventId} refused: {problem?.Code} {problem?.Message}");
            }
            checkedUpdates += batch.Updates.Count;
        }
        Assert.True(checkedUpdates > 16 * 1000, $"only {checkedUpdates} updates checked");
    }

    public static TheoryData<string, bool, bool> LabIds => new()
    {
        { "platelet-lab", true, true }, { "9", true, true }, { "Lab.v2_a~b:c", true, true }, { new string('a', 100), true, true },
        // Longer is a twin id, but leaves no room for the lab's twins named within it.
        { new string('a', 101), false, true }, { new string('a', 128), false, true },
        { "-lab", false, false }, { ".lab", false, false }, { "_lab", false, false }, { "~lab", false, false }, { ":lab", false, false },
        { new string('a', 129), false, false }, { "lab one", false, false }, { "lab/1", false, false }, { "läb", false, false }, { "", false, false },
    };

    [Theory]
    [MemberData(nameof(LabIds))]
    public async Task A_lab_id_the_simulator_takes_is_one_the_intake_takes(string id, bool simulatorTakes, bool intakeTakes)
    {
        var lab = SimulatorService.Lab.Configuration.ReferenceLab.Create() with { Id = id };
        Assert.Equal(simulatorTakes, !SimulatorService.Lab.Configuration.LabValidator.Validate(lab).Any(e => e.StartsWith($"id '{id}'", StringComparison.Ordinal)));
        // The lab's own twin: the device twins of a lab id this long would be too long for the intake too.
        var start = await ReadAsync<RunStart>(StartMessage.For("run-1", new RunOptions { Lab = lab }, "max", Start));
        Assert.Equal(intakeTakes, !RunValidator.Validate(start, Catalog).ContainsKey("$.lab.id"));
    }

    [Fact]
    public void Utilisation_of_a_device_full_all_the_time_is_one_not_a_rounding_error_above()
    {
        var statistics = new DeviceStatistics();
        statistics.Change(0, DeviceStatus.Processing, 3, 0);
        // 0.1 is not a binary fraction: the integral's sum of 3 × 0.1 steps overshoots 3 × t by an ulp or so.
        for (var i = 1; i <= 1000; i++)
        {
            statistics.Change(i * 0.1, DeviceStatus.Processing, 3, 0);
            Assert.InRange(statistics.Utilization(i * 0.1, 3), 0, 1);
        }
    }

    // As the simulator writes it (JsonContent, web defaults) and the intake reads it.
    private static async Task<T> ReadAsync<T>(object message) where T : class
    {
        var context = new DefaultHttpContext();
        context.Request.ContentType = "application/json";
        context.Request.Body = await JsonContent.Create(message).ReadAsStreamAsync();
        var read = await IntakeBody.ReadAsync<T>(context.Request, CancellationToken.None);
        Assert.True(read.Value is not null, $"the intake refused the simulator's {typeof(T).Name}");
        return read.Value!;
    }
}

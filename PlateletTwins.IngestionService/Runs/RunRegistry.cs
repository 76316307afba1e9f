using System.Collections.Concurrent;
using System.Text.Json;
using PlateletTwins.IngestionService.Durability;
using PlateletTwins.IngestionService.Intake;

namespace PlateletTwins.IngestionService.Runs;

/// <summary>
/// The runs the intake has provisioned, durable, and so the twins it accepts updates for. A new run of a lab makes
/// the lab's running run <see cref="RunState.Abandoned"/>, in the same commit.
/// </summary>
internal sealed class RunRegistry(IngestionStore store) : IDisposable
{
    private readonly ConcurrentDictionary<string, RunRecord> _runs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DeviceLayout> _devices = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _registering = new(1, 1);
    private long _lastEpoch;

    public IEnumerable<RunRecord> All => _runs.Values;

    /// <summary>
    /// Registers a run, or finds it registered; returns it and the run it abandons, if any (the lab's streaming run, unless
    /// <paramref name="completed"/> says it completed).
    /// </summary>
    public async Task<(RunRecord Run, RunRecord? Abandoned)> RegisterAsync(RunStart start, Func<RunRecord, bool> completed, CancellationToken cancellationToken)
    {
        await _registering.WaitAsync(cancellationToken);
        try
        {
            if (_runs.TryGetValue(start.RunId, out var known))
            {
                return (known, null);
            }
            var run = new RunRecord(start, _lastEpoch + 1, RunState.Streaming);
            var previous = _runs.Values.FirstOrDefault(r => r.State == RunState.Streaming && r.Start.Lab.Id == start.Lab.Id);
            var ended = previous is null ? RunState.Streaming : completed(previous) ? RunState.Completed : RunState.Abandoned;
            var startJson = JsonSerializer.Serialize(start, IntakeJournal.JsonOptions);
            await store.WriteAsync((connection, transaction) =>
            {
                using var insert = connection.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = "INSERT INTO runs (run_id, epoch, state, start_json) VALUES ($id, $epoch, $state, $start)";
                insert.Parameters.AddWithValue("$id", run.RunId);
                insert.Parameters.AddWithValue("$epoch", run.Epoch);
                insert.Parameters.AddWithValue("$state", nameof(RunState.Streaming));
                insert.Parameters.AddWithValue("$start", startJson);
                insert.ExecuteNonQuery();
                if (previous is not null)
                {
                    using var update = connection.CreateCommand();
                    update.Transaction = transaction;
                    update.CommandText = "UPDATE runs SET state = $state, superseded_by = $by WHERE run_id = $id";
                    update.Parameters.AddWithValue("$id", previous.RunId);
                    update.Parameters.AddWithValue("$state", ended.ToString());
                    update.Parameters.AddWithValue("$by", run.RunId);
                    update.ExecuteNonQuery();
                }
            });
            _lastEpoch = run.Epoch;
            if (previous is not null)
            {
                previous.State = ended;
                previous.SupersededBy = run.RunId;
            }
            Add(run);
            return (run, ended == RunState.Abandoned ? previous : null);
        }
        finally
        {
            _registering.Release();
        }
    }

    /// <summary>A run as the database held it at start.</summary>
    internal void Restore(RunRecord run)
    {
        _lastEpoch = Math.Max(_lastEpoch, run.Epoch);
        Add(run);
    }

    private void Add(RunRecord run)
    {
        _runs[run.RunId] = run;
        if (run.State == RunState.Streaming)
        {
            foreach (var device in run.Start.Lab.Devices)
            {
                _devices[device.Id] = device;
            }
        }
    }

    public RunRecord? Find(string? runId) => runId is not null && _runs.TryGetValue(runId, out var run) ? run : null;

    public bool IsKnownRun(string runId) => _runs.ContainsKey(runId);

    /// <summary>The run whose own twin <paramref name="twinId"/> is, if it is one.</summary>
    public RunStart? Run(string twinId) => _runs.TryGetValue(twinId, out var run) ? run.Start : null;

    /// <summary>The device of that id in the lab of the latest run that has it.</summary>
    public DeviceLayout? Device(string twinId) => _devices.TryGetValue(twinId, out var device) ? device : null;

    /// <summary>The run a twin's state now belongs to: the run itself for a run's twin, else the latest streaming run whose lab has the twin.</summary>
    public RunRecord? CurrentRunOf(string twinId) =>
        _runs.TryGetValue(twinId, out var own) ? own
        : _runs.Values.Where(r => r.State == RunState.Streaming && r.Owns(twinId)).MaxBy(r => r.Epoch);

    public void Dispose() => _registering.Dispose();
}

using PlateletTwins.IngestionService.Intake;

namespace PlateletTwins.IngestionService.Runs;

/// <summary>
/// A run the intake knows. <see cref="Epoch"/> orders the runs of the service: a run of a lab supersedes the lab's
/// earlier runs, whose updates to the same twins then no longer count.
/// </summary>
internal sealed class RunRecord(RunStart start, long epoch, RunState state)
{
    public RunStart Start { get; } = start;

    public string RunId => Start.RunId;

    public long Epoch { get; } = epoch;

    public RunState State { get; set; } = state;

    /// <summary>The run that superseded this one, when it is <see cref="RunState.Abandoned"/>.</summary>
    public string? SupersededBy { get; set; }

    public bool Lossless => Start.Lossless;

    public RunProgress Progress { get; } = new(start.RunId);

    /// <summary>Lifecycle changes of the run being written now: a newer run of its lab waits for them before it cleans up.</summary>
    public int ChangesInFlight => Volatile.Read(ref _changesInFlight);

    private int _changesInFlight;

    public void ChangeStarted() => Interlocked.Increment(ref _changesInFlight);

    public void ChangeEnded() => Interlocked.Decrement(ref _changesInFlight);

    /// <summary>Whether the twin is one of this run's: its own twin, its lab's or a device of its lab.</summary>
    public bool Owns(string twinId) => _twins.Contains(twinId);

    private readonly HashSet<string> _twins = new(start.Twins(), StringComparer.Ordinal);
}

internal enum RunState
{
    /// <summary>The lab's latest run: its updates are taken.</summary>
    Streaming,

    /// <summary>A newer run of the same lab started before this one completed: its updates are refused, its twin says Abandoned.</summary>
    Abandoned,

    /// <summary>A newer run of the same lab started after this one completed (its twin says Completed): its updates are refused.</summary>
    Completed,
}

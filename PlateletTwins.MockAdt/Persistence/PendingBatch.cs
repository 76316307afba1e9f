using PlateletTwins.MockAdt.History;

namespace PlateletTwins.MockAdt.Persistence;

/// <summary>
/// The changes that the next commit writes: the keys of what changed (each once, however often it changed) and the
/// history rows, with the commit that the requests that made them wait for.
/// </summary>
internal sealed class PendingBatch
{
    private readonly TaskCompletionSource _committed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public HashSet<string> Twins { get; } = new(StringComparer.Ordinal);

    public HashSet<(string SourceId, string Id)> Relationships { get; } = [];

    public HashSet<string> Models { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Routes { get; } = new(StringComparer.Ordinal);

    public List<PropertyChangeRow> PropertyRows { get; } = [];

    public List<TwinLifecycleRow> TwinRows { get; } = [];

    public List<RelationshipLifecycleRow> RelationshipRows { get; } = [];

    public bool IsEmpty => Twins.Count == 0 && Relationships.Count == 0 && Models.Count == 0 && Routes.Count == 0
        && PropertyRows.Count == 0 && TwinRows.Count == 0 && RelationshipRows.Count == 0;

    public Task Committed => _committed.Task;

    public void Complete() => _committed.TrySetResult();

    public void Fail(Exception error) => _committed.TrySetException(error);
}

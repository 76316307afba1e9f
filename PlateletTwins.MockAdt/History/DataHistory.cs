using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PlateletTwins.MockAdt.Events;
using PlateletTwins.MockAdt.Persistence;
using PlateletTwins.MockAdt.Store;
using PlateletTwins.MockAdt.Twins;

namespace PlateletTwins.MockAdt.History;

/// <summary>
/// ADT's data history, embedded: every property change (a twin's, a relationship's) and every twin and relationship
/// created or deleted, with the columns of the three tables ADT writes to Azure Data Explorer. Rows of a twin are kept
/// together, in time order, so a twin's history is read without scanning the others'.
/// </summary>
internal sealed class DataHistory(IOptions<HistoryOptions> options, TwinStore twins, IStateJournal journal)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Queue<PropertyChangeRow>> _propertiesByTwin = new(StringComparer.Ordinal);
    private readonly Queue<string> _propertyOrder = new();
    private readonly Queue<TwinLifecycleRow> _twins = new();
    private readonly Queue<RelationshipLifecycleRow> _relationships = new();
    private readonly int _maxRows = options.Value.MaxRows;
    private readonly bool _enabled = options.Value.Enabled;

    public void Record(ChangeEvent change)
    {
        if (!_enabled)
        {
            return;
        }
        switch (change)
        {
            case TwinCreated created:
                AddLifecycle(new TwinLifecycleRow(created.Twin.Id, change.Time, change.Host, LifecycleAction.Create, created.Twin.ModelId));
                // Unverified whether ADT historizes a new twin's initial values; here they count as changes from nothing.
                AddTwinProperties(change, created.Twin, names: null);
                break;
            case TwinUpdated updated:
                AddPatchedProperties(updated);
                break;
            case TwinDeleted deleted:
                AddLifecycle(new TwinLifecycleRow(deleted.Twin.Id, change.Time, change.Host, LifecycleAction.Delete, deleted.Twin.ModelId));
                break;
            case RelationshipCreated { Relationship: var relationship }:
                AddLifecycle(new RelationshipLifecycleRow(relationship.Id, relationship.Name, change.Time, change.Host, LifecycleAction.Create, relationship.SourceId, relationship.TargetId));
                AddRelationshipProperties(change, relationship);
                break;
            case RelationshipUpdated { Relationship: var relationship }:
                // A PUT that replaces a relationship, even with another target, is an update on ADT (its event is
                // Relationship.Update with one replace of the whole): no lifecycle row, only its properties' rows.
                AddRelationshipProperties(change, relationship);
                break;
            case RelationshipDeleted { Relationship: var relationship }:
                AddLifecycle(new RelationshipLifecycleRow(relationship.Id, relationship.Name, change.Time, change.Host, LifecycleAction.Delete, relationship.SourceId, relationship.TargetId));
                break;
            case TelemetryReceived:
                // Telemetry is not in data history's tables (ADT historizes property and lifecycle changes).
                break;
        }
    }

    /// <summary>The property rows of a twin, optionally of one property and within [from, to], oldest first.</summary>
    public IReadOnlyList<PropertyChangeRow> Properties(string twinId, string? key, DateTimeOffset? from, DateTimeOffset? to, int max)
    {
        lock (_lock)
        {
            return _propertiesByTwin.TryGetValue(twinId, out var rows)
                ? [.. rows.Where(r => (key is null || r.Key == key) && (from is null || r.TimeStamp >= from) && (to is null || r.TimeStamp <= to)).Take(max)]
                : [];
        }
    }

    public IReadOnlyList<PropertyChangeRow> AllProperties()
    {
        lock (_lock)
        {
            return [.. _propertiesByTwin.Values.SelectMany(r => r).OrderBy(r => r.TimeStamp)];
        }
    }

    public IReadOnlyList<TwinLifecycleRow> TwinLifecycle()
    {
        lock (_lock)
        {
            return [.. _twins];
        }
    }

    /// <summary>The lifecycle rows of one twin (its Create and Delete, and again if its id was used again), oldest first.</summary>
    public IReadOnlyList<TwinLifecycleRow> TwinLifecycle(string twinId, int max)
    {
        lock (_lock)
        {
            return [.. _twins.Where(r => r.TwinId == twinId).Take(max)];
        }
    }

    public IReadOnlyList<RelationshipLifecycleRow> RelationshipLifecycle()
    {
        lock (_lock)
        {
            return [.. _relationships];
        }
    }

    /// <summary>
    /// The lifecycle rows of the relationships a twin is the source or the target of, optionally of one relationship
    /// name, oldest first: what a pool's journey left in the table after its twin is gone.
    /// </summary>
    public IReadOnlyList<RelationshipLifecycleRow> RelationshipLifecycle(string twinId, string? name, int max)
    {
        lock (_lock)
        {
            return [.. _relationships.Where(r => (r.Source == twinId || r.Target == twinId) && (name is null || r.Name == name)).Take(max)];
        }
    }

    /// <summary>
    /// The rows of a JSON Patch, read from the patch itself when it carries each top-level value and its sourceTime (as
    /// the ingestion service's patches do), so the twin is parsed only for what the patch does not say.
    /// </summary>
    private void AddPatchedProperties(TwinUpdated change)
    {
        var values = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        var sourceTimes = new Dictionary<string, string>(StringComparer.Ordinal);
        var needTwin = new List<string>();
        foreach (var op in change.Patch.Operations)
        {
            // The path's reference tokens, as the patch was applied with them; the root and "/" name no property.
            if (op.Op is not (PatchOp.Add or PatchOp.Replace) || op.Path is [] or [""])
            {
                continue;
            }
            if (op.Path is ["$metadata", var property, "sourceTime"] && op.Value is JsonValue time)
            {
                sourceTimes[property] = time.ToString();
            }
            else if (op.Path is [var name] && !name.StartsWith('$'))
            {
                values[name] = op.Value;
            }
            else if (!op.Path[0].StartsWith('$'))
            {
                // A sub-path or a component's property: the whole value comes from the twin.
                needTwin.Add(op.Path[0]);
            }
        }
        foreach (var (name, value) in values)
        {
            if (!sourceTimes.TryGetValue(name, out var time))
            {
                needTwin.Add(name);
                continue;
            }
            AddProperty(new PropertyChangeRow(change.Time, ParseTime(time), change.Host, change.Twin.Id, change.Twin.ModelId, name,
                value?.ToJsonString() ?? "null", null, null));
        }
        if (needTwin.Count > 0)
        {
            AddTwinProperties(change, change.Twin, needTwin.Distinct(StringComparer.Ordinal));
        }
    }

    private static DateTimeOffset? ParseTime(string? time) =>
        DateTimeOffset.TryParse(time, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed) ? parsed : null;

    /// <summary>Rows of the twin's values of <paramref name="names"/> (null: all its properties), a component's one per property.</summary>
    private void AddTwinProperties(ChangeEvent change, TwinRecord twin, IEnumerable<string>? names)
    {
        using var document = JsonDocument.Parse(twin.Json);
        var root = document.RootElement;
        var metadata = root.GetProperty("$metadata");
        names ??= [.. root.EnumerateObject().Select(p => p.Name).Where(n => !n.StartsWith('$'))];
        foreach (var name in names)
        {
            if (!root.TryGetProperty(name, out var value))
            {
                continue;
            }
            if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("$metadata", out var componentMetadata))
            {
                foreach (var property in value.EnumerateObject().Where(p => !p.Name.StartsWith('$')))
                {
                    AddProperty(new PropertyChangeRow(change.Time, SourceTime(componentMetadata, property.Name), change.Host, twin.Id,
                        twin.ModelId, $"{name}.{property.Name}", property.Value.GetRawText(), null, null));
                }
                continue;
            }
            AddProperty(new PropertyChangeRow(change.Time, SourceTime(metadata, name), change.Host, twin.Id, twin.ModelId, name, value.GetRawText(), null, null));
        }
    }

    private void AddRelationshipProperties(ChangeEvent change, RelationshipRecord relationship)
    {
        using var document = JsonDocument.Parse(relationship.Json);
        var sourceModel = twins.Get(relationship.SourceId)?.ModelId ?? "";
        foreach (var property in document.RootElement.EnumerateObject().Where(p => !p.Name.StartsWith('$')))
        {
            AddProperty(new PropertyChangeRow(change.Time, null, change.Host, relationship.SourceId, sourceModel, property.Name,
                property.Value.GetRawText(), relationship.TargetId, relationship.Id));
        }
    }

    private static DateTimeOffset? SourceTime(JsonElement metadata, string property) =>
        metadata.TryGetProperty(property, out var entry) && entry.TryGetProperty("sourceTime", out var time) ? ParseTime(time.GetString()) : null;

    /// <summary>Puts back rows read from the data directory at start, oldest first, with the same retention, not journaled again.</summary>
    internal void Restore(IEnumerable<PropertyChangeRow> properties, IEnumerable<TwinLifecycleRow> twinRows, IEnumerable<RelationshipLifecycleRow> relationshipRows)
    {
        foreach (var row in properties)
        {
            AddProperty(row, restoring: true);
        }
        foreach (var row in twinRows)
        {
            AddLifecycle(row, restoring: true);
        }
        foreach (var row in relationshipRows)
        {
            AddLifecycle(row, restoring: true);
        }
    }

    private void AddProperty(PropertyChangeRow row, bool restoring = false)
    {
        lock (_lock)
        {
            if (!restoring)
            {
                journal.Recorded(row);
            }
            if (!_propertiesByTwin.TryGetValue(row.Id, out var rows))
            {
                _propertiesByTwin[row.Id] = rows = new Queue<PropertyChangeRow>();
            }
            rows.Enqueue(row);
            _propertyOrder.Enqueue(row.Id);
            if (_propertyOrder.Count > _maxRows && _propertiesByTwin.TryGetValue(_propertyOrder.Dequeue(), out var oldest))
            {
                oldest.Dequeue();
            }
        }
    }

    private void AddLifecycle(TwinLifecycleRow row, bool restoring = false)
    {
        lock (_lock)
        {
            if (!restoring)
            {
                journal.Recorded(row);
            }
            _twins.Enqueue(row);
            if (_twins.Count > _maxRows)
            {
                _twins.Dequeue();
            }
        }
    }

    private void AddLifecycle(RelationshipLifecycleRow row, bool restoring = false)
    {
        lock (_lock)
        {
            if (!restoring)
            {
                journal.Recorded(row);
            }
            _relationships.Enqueue(row);
            if (_relationships.Count > _maxRows)
            {
                _relationships.Dequeue();
            }
        }
    }
}

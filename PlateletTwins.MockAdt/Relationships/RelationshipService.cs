using System.Text.Json.Nodes;
using PlateletTwins.Dtdl.Model;
using PlateletTwins.Dtdl.Values;
using PlateletTwins.MockAdt.Conditions;
using PlateletTwins.MockAdt.Errors;
using PlateletTwins.MockAdt.Events;
using PlateletTwins.MockAdt.Store;
using PlateletTwins.MockAdt.Twins;

namespace PlateletTwins.MockAdt.Relationships;

/// <summary>The relationship operations: a relationship must be declared on its source's model and its target must exist and fit.</summary>
internal sealed class RelationshipService(RelationshipStore relationships, TwinStore twins, ModelStore models, ChangeFeed changes)
{
    /// <summary>ADT's limit on outgoing and on incoming relationships of one twin.</summary>
    public const int MaxRelationshipsPerTwin = 50_000;

    public RelationshipRecord Get(string sourceId, string id)
    {
        RequireTwin(sourceId);
        return relationships.Get(sourceId, id) ?? throw AdtErrors.RelationshipNotFound(sourceId, id);
    }

    public RelationshipRecord Put(string sourceId, string id, JsonNode? body, WriteConditions conditions)
    {
        if (body is not JsonObject relationship)
        {
            throw AdtErrors.InvalidArgument("The relationship must be a JSON object.");
        }
        var name = relationship["$relationshipName"] is JsonValue n && n.TryGetValue<string>(out var nv) ? nv : null;
        var targetId = relationship["$targetId"] is JsonValue t && t.TryGetValue<string>(out var tv) ? tv : null;
        if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(targetId))
        {
            throw AdtErrors.InvalidArgument("A relationship needs $relationshipName and $targetId.");
        }
        RelationshipRecord? previous = null;
        var sourceModel = "";
        var stored = relationships.Exclusive(() =>
        {
            var source = RequireTwin(sourceId);
            sourceModel = source.ModelId;
            var target = twins.Get(targetId) ?? throw AdtErrors.TargetDigitalTwinNotFound();
            if (sourceId == targetId)
            {
                throw AdtErrors.SelfRelationship();
            }
            var existing = relationships.Get(sourceId, id);
            previous = existing;
            conditions.Check(existing?.ETag, () => AdtErrors.RelationshipAlreadyExists(id));
            Validate(source, target, name, relationship);
            if (existing is null && relationships.OutgoingCount(sourceId) >= MaxRelationshipsPerTwin)
            {
                throw AdtErrors.LimitExceeded($"Twin {sourceId} has {MaxRelationshipsPerTwin} outgoing relationships, the most a twin may have.");
            }
            if (existing?.TargetId != targetId && relationships.IncomingCount(targetId) >= MaxRelationshipsPerTwin)
            {
                throw AdtErrors.LimitExceeded($"Twin {targetId} has {MaxRelationshipsPerTwin} incoming relationships, the most a twin may have.");
            }
            var record = RelationshipSerializer.ToRecord(sourceId, id, name, targetId, ETags.New(), relationship);
            relationships.Put(record);
            return record;
        });
        if (previous is null)
        {
            changes.RelationshipCreated(stored);
        }
        else
        {
            var properties = RelationshipSerializer.Properties(stored);
            changes.RelationshipUpdated(stored, sourceModel, [new JsonObject { ["value"] = properties, ["path"] = "", ["op"] = "replace" }]);
        }
        return stored;
    }

    public RelationshipRecord Patch(string sourceId, string id, JsonNode? patch, WriteConditions conditions)
    {
        while (true)
        {
            var current = Get(sourceId, id);
            conditions.Check(current.ETag);
            var properties = RelationshipSerializer.Properties(current);
            TwinPatcher.ApplyToRelationship(properties, patch);
            var source = RequireTwin(sourceId);
            var target = twins.Get(current.TargetId) ?? throw AdtErrors.TargetDigitalTwinNotFound();
            Validate(source, target, current.Name, properties);
            var next = RelationshipSerializer.ToRecord(sourceId, id, current.Name, current.TargetId, ETags.New(), properties);
            if (relationships.Update(current, next))
            {
                // The patch was applied, so it is a JSON array of operations.
                changes.RelationshipUpdated(next, source.ModelId, (JsonArray)patch!);
                return next;
            }
        }
    }

    public void Delete(string sourceId, string id, WriteConditions conditions) =>
        changes.RelationshipDeleted(relationships.Exclusive(() =>
        {
            var current = Get(sourceId, id);
            conditions.Check(current.ETag);
            relationships.Remove(current);
            return current;
        }));

    public IEnumerable<RelationshipRecord> ListOutgoing(string sourceId, string? relationshipName)
    {
        RequireTwin(sourceId);
        var all = relationships.Outgoing(sourceId);
        return string.IsNullOrEmpty(relationshipName) ? all : all.Where(r => r.Name == relationshipName);
    }

    public IEnumerable<RelationshipRecord> ListIncoming(string targetId)
    {
        RequireTwin(targetId);
        return relationships.Incoming(targetId);
    }

    private TwinRecord RequireTwin(string id) => twins.Get(id) ?? throw AdtErrors.DigitalTwinNotFound(id);

    private void Validate(TwinRecord source, TwinRecord target, string name, JsonObject relationship)
    {
        var sourceModel = models.Resolve(source.ModelId);
        if (sourceModel is null || !sourceModel.Contents.TryGetValue(name, out var declared) || declared.Kind != ContentKind.Relationship)
        {
            throw AdtErrors.RelationshipNotInModel([$"{name} is not a relationship of {source.ModelId}."]);
        }
        if (declared.RelationshipTarget is { } requiredTarget && models.Resolve(target.ModelId)?.Ancestors.Contains(requiredTarget) != true)
        {
            throw AdtErrors.RelationshipNotInModel([$"The target {target.Id} is a {target.ModelId}; relationship {name} of {source.ModelId} must target a {requiredTarget}."]);
        }
        var problems = new List<string>();
        foreach (var (property, value) in relationship)
        {
            if (property.StartsWith('$'))
            {
                continue;
            }
            var schema = declared.RelationshipProperties.FirstOrDefault(p => p.Name == property)?.Schema;
            if (schema is null)
            {
                problems.Add($"{property} is not a property of relationship {name}.");
            }
            else
            {
                ValueConformance.Check(value, schema, property, problems);
            }
        }
        if (problems.Count > 0)
        {
            throw AdtErrors.ValidationFailed(problems);
        }
    }
}

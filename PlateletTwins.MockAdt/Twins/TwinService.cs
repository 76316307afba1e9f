using System.Text.Json.Nodes;
using PlateletTwins.Dtdl.Json;
using PlateletTwins.Dtdl.Model;
using PlateletTwins.Dtdl.Values;
using PlateletTwins.MockAdt.Conditions;
using PlateletTwins.MockAdt.Errors;
using PlateletTwins.MockAdt.Events;
using PlateletTwins.MockAdt.Store;

namespace PlateletTwins.MockAdt.Twins;

/// <summary>The digital-twin operations of the data plane, independent of HTTP.</summary>
internal sealed class TwinService(TwinStore twins, RelationshipStore relationships, ModelStore models, TwinValidator validator, ChangeFeed changes, TimeProvider time)
{
    public TwinRecord Get(string id) => twins.Get(id) ?? throw AdtErrors.DigitalTwinNotFound(id);

    /// <summary>Creates or replaces a twin (PUT): a full replacement, its $metadata rebuilt.</summary>
    public TwinRecord Put(string id, JsonNode? body, WriteConditions conditions)
    {
        if (body is not JsonObject source)
        {
            throw AdtErrors.InvalidArgument("The twin must be a JSON object.");
        }
        // Unverified which code ADT gives a twin without a model; ValidationFailed is what it gives for an unknown one.
        var modelId = source[TwinMetadata.Key].Member("$model").StringOrNull();
        if (modelId is null)
        {
            throw AdtErrors.ValidationFailed(["The twin has no $metadata.$model; every twin needs a model."]);
        }
        // The entry first, then its resolution: a model deleted in between resolves to null (refused), never to a crash.
        var entry = models.Get(modelId);
        var model = entry is null ? null : models.Resolve(modelId);
        if (entry is null || model is null)
        {
            throw AdtErrors.ValidationFailed([$"{modelId} or one of its dependencies does not exist."]);
        }
        if (entry.Decommissioned)
        {
            throw AdtErrors.ModelDecommissioned(modelId);
        }

        TwinRecord? previous = null;
        var stored = twins.Write(id, current =>
        {
            previous = current;
            conditions.Check(current?.ETag, () => AdtErrors.TwinAlreadyExists(id));
            var now = AdtTime.Format(time.GetUtcNow());
            var twin = BuildFromPut(source, model, modelId, now);
            validator.Validate(twin, modelId);
            return TwinSerializer.ToRecord(id, modelId, ETags.New(), twin);
        });
        if (previous is null)
        {
            changes.TwinCreated(stored);
        }
        else
        {
            changes.TwinUpdated(stored, ReplacementPatch(previous, stored));
        }
        return stored;
    }

    // A replacement as the JSON Patch that turns the old twin into the new one, top-level properties only.
    private static JsonPatch ReplacementPatch(TwinRecord previous, TwinRecord next)
    {
        var before = TwinSerializer.ToDocument(previous);
        var after = TwinSerializer.ToDocument(next);
        var operations = new List<PatchOperation>();
        foreach (var (name, value) in after.Where(p => !p.Key.StartsWith('$')))
        {
            if (!before.TryGetPropertyValue(name, out var old) || !JsonNode.DeepEquals(old, value))
            {
                operations.Add(new PatchOperation(before.ContainsKey(name) ? PatchOp.Replace : PatchOp.Add, "/" + name, [name], value));
            }
        }
        foreach (var name in before.Select(p => p.Key).Where(k => !k.StartsWith('$') && !after.ContainsKey(k)))
        {
            operations.Add(new PatchOperation(PatchOp.Remove, "/" + name, [name], null));
        }
        return JsonPatch.Of(operations);
    }

    /// <summary>Applies a JSON Patch (PATCH): atomic, validated against the model the twin has afterwards.</summary>
    public TwinRecord Patch(string id, JsonNode? patch, WriteConditions conditions)
    {
        JsonPatch? applied = null;
        var stored = twins.Write(id, current =>
        {
            if (current is null)
            {
                throw AdtErrors.DigitalTwinNotFound(id);
            }
            conditions.Check(current.ETag);
            var model = models.Resolve(current.ModelId)
                ?? throw AdtErrors.ValidationFailed([$"{current.ModelId} or one of its dependencies does not exist."]);
            var twin = TwinSerializer.ToDocument(current);
            var now = AdtTime.Format(time.GetUtcNow());
            (var modelId, applied) = TwinPatcher.Apply(twin, patch, model, now);
            TwinMetadata.Of(twin)["$lastUpdateTime"] = now;
            validator.Validate(twin, modelId);
            return TwinSerializer.ToRecord(id, modelId, ETags.New(), twin);
        });
        changes.TwinUpdated(stored, applied!);
        return stored;
    }

    /// <summary>Deletes a twin; all its relationships, outgoing and incoming, must be gone first.</summary>
    public void Delete(string id, WriteConditions conditions)
    {
        while (true)
        {
            var deleted = relationships.Exclusive(() =>
            {
                var current = Get(id);
                conditions.Check(current.ETag);
                if (relationships.HasAny(id))
                {
                    throw AdtErrors.RelationshipsNotDeleted(id);
                }
                return twins.Remove(current) ? current : null;
            });
            if (deleted is not null)
            {
                changes.TwinDeleted(deleted);
                return;
            }
        }
    }

    /// <summary>A component as the component endpoint returns it: its properties and its own $metadata.</summary>
    public (JsonObject Component, string ETag) GetComponent(string id, string componentPath)
    {
        var current = Get(id);
        var twin = TwinSerializer.ToDocument(current);
        if (!IsComponent(current.ModelId, componentPath) || twin[componentPath] is not JsonObject component)
        {
            throw AdtErrors.ComponentNotFound(id, componentPath);
        }
        return (component, current.ETag);
    }

    public TwinRecord PatchComponent(string id, string componentPath, JsonNode? patch, WriteConditions conditions)
    {
        JsonPatch? applied = null;
        var stored = twins.Write(id, current =>
        {
            if (current is null)
            {
                throw AdtErrors.DigitalTwinNotFound(id);
            }
            conditions.Check(current.ETag);
            var twin = TwinSerializer.ToDocument(current);
            if (!IsComponent(current.ModelId, componentPath) || twin[componentPath] is not JsonObject component)
            {
                throw AdtErrors.ComponentNotFound(id, componentPath);
            }
            var now = AdtTime.Format(time.GetUtcNow());
            applied = TwinPatcher.ApplyToComponentDocument(component, patch, now);
            TwinMetadata.Of(twin)["$lastUpdateTime"] = now;
            validator.Validate(twin, current.ModelId);
            return TwinSerializer.ToRecord(id, current.ModelId, ETags.New(), twin);
        });
        // The twin's event carries the operations with paths from the twin's root.
        changes.TwinUpdated(stored, applied!.Under(componentPath));
        return stored;
    }

    private bool IsComponent(string modelId, string name) =>
        models.Resolve(modelId)?.Contents.TryGetValue(name, out var content) == true && content.Kind == ContentKind.Component;

    private static JsonObject BuildFromPut(JsonObject source, ResolvedModel model, string modelId, string now)
    {
        var twin = new JsonObject();
        var metadata = new JsonObject { ["$model"] = modelId, ["$lastUpdateTime"] = now };
        var sourceMetadata = source[TwinMetadata.Key] as JsonObject;
        foreach (var (name, value) in source)
        {
            if (name.StartsWith('$'))
            {
                continue;
            }
            if (model.Contents.TryGetValue(name, out var content) && content.Kind == ContentKind.Component && value is JsonObject component)
            {
                twin[name] = BuildComponent(component, name, now);
                continue;
            }
            twin[name] = value?.DeepClone();
            metadata[name] = PropertyMetadata(sourceMetadata?[name], name, now);
        }
        twin[TwinMetadata.Key] = metadata;
        return twin;
    }

    private static JsonObject BuildComponent(JsonObject source, string componentName, string now)
    {
        var component = new JsonObject();
        var metadata = new JsonObject { ["$lastUpdateTime"] = now };
        var sourceMetadata = source[TwinMetadata.Key] as JsonObject;
        foreach (var (name, value) in source)
        {
            if (name.StartsWith('$'))
            {
                continue;
            }
            component[name] = value?.DeepClone();
            metadata[name] = PropertyMetadata(sourceMetadata?[name], $"{componentName}/{name}", now);
        }
        component[TwinMetadata.Key] = metadata;
        return component;
    }

    // A property's metadata as given in a PUT: only its sourceTime is the writer's, and it must be a time (data history
    // and event consumers read it as one).
    private static JsonObject PropertyMetadata(JsonNode? given, string path, string now)
    {
        var entry = new JsonObject { ["lastUpdateTime"] = now };
        if (given.Member("sourceTime") is { } sourceTime)
        {
            entry["sourceTime"] = TwinMetadata.IsSourceTime(sourceTime.StringOrNull())
                ? sourceTime.DeepClone()
                : throw AdtErrors.InvalidSourceTime(path);
        }
        return entry;
    }
}

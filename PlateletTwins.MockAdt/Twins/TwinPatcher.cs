using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using PlateletTwins.Dtdl.Model;
using PlateletTwins.MockAdt.Errors;

namespace PlateletTwins.MockAdt.Twins;

/// <summary>
/// Applies a JSON Patch to a twin document with ADT's semantics: only add, replace and remove; <c>add</c> is an
/// upsert, <c>replace</c> and <c>remove</c> need the target to exist; object sub-paths and map entries need their
/// parent; <c>/$metadata/$model</c> changes the model; <c>/$metadata/p/sourceTime</c> sets a source time;
/// components take the same forms under their name. Every touched property's metadata is stamped.
/// </summary>
internal static class TwinPatcher
{
    /// <summary>
    /// Applies <paramref name="patch"/> to <paramref name="twin"/> in place; returns the model id the twin has afterwards
    /// and the patch as applied. Each operation is read as it comes, so the first wrong one is the one refused.
    /// </summary>
    public static (string ModelId, JsonPatch Applied) Apply(JsonObject twin, JsonNode? patch, ResolvedModel model, string now)
    {
        if (patch is not JsonArray operations)
        {
            throw AdtErrors.JsonPatchInvalid("The patch document must be a JSON array of operations.");
        }
        var modelId = model.Id;
        var applied = new List<PatchOperation>(operations.Count);
        foreach (var node in operations)
        {
            var operation = PatchOperation.Read(node);
            applied.Add(operation);
            if (operation.Path[0] == TwinMetadata.Key)
            {
                modelId = ApplyToMetadata(twin, operation, operation.Path.AsSpan(1), modelId, now, allowModelChange: true);
            }
            else if (operation.Path[0].StartsWith('$'))
            {
                throw AdtErrors.JsonPatchInvalid($"{operation.Path[0]} is a system property and cannot be patched.");
            }
            else if (operation.Path.Length == 1 && model.Contents.TryGetValue(operation.Path[0], out var whole) && whole.Kind == ContentKind.Component)
            {
                // Replacing or removing a whole component would leave it without its $metadata (or missing).
                throw AdtErrors.ComponentNotPatchable();
            }
            else if (operation.Path.Length > 1 && model.Contents.TryGetValue(operation.Path[0], out var content)
                && content.Kind == ContentKind.Component && twin[operation.Path[0]] is JsonObject component)
            {
                ApplyToComponent(component, operation, operation.Path.AsSpan(1), now);
                TwinMetadata.Of(twin)["$lastUpdateTime"] = now;
            }
            else
            {
                ApplyToProperty(twin, operation, operation.Path, now);
            }
        }
        return (modelId, new JsonPatch(operations, applied));
    }

    /// <summary>A patch of a relationship: its own properties only; <c>$</c> fields (target, name) cannot change.</summary>
    public static void ApplyToRelationship(JsonObject relationship, JsonNode? patch)
    {
        if (patch is not JsonArray operations)
        {
            throw AdtErrors.JsonPatchInvalid("The patch document must be a JSON array of operations.");
        }
        foreach (var node in operations)
        {
            var operation = PatchOperation.Read(node);
            if (operation.Path[0].StartsWith('$'))
            {
                throw AdtErrors.JsonPatchInvalid($"{operation.Path[0]} is a system property and cannot be patched.");
            }
            ApplyToProperty(relationship, operation, operation.Path, now: null);
        }
    }

    /// <summary>A patch on the component endpoint: paths are relative to the component, in what it returns too.</summary>
    public static JsonPatch ApplyToComponentDocument(JsonObject component, JsonNode? patch, string now)
    {
        if (patch is not JsonArray operations)
        {
            throw AdtErrors.JsonPatchInvalid("The patch document must be a JSON array of operations.");
        }
        var applied = new List<PatchOperation>(operations.Count);
        foreach (var node in operations)
        {
            var operation = PatchOperation.Read(node);
            applied.Add(operation);
            ApplyToComponent(component, operation, operation.Path, now);
        }
        return new JsonPatch(operations, applied);
    }

    private static void ApplyToComponent(JsonObject component, PatchOperation operation, ReadOnlySpan<string> path, string now)
    {
        if (path.Length == 0 || path[0].Length == 0)
        {
            throw AdtErrors.ComponentNotPatchable();
        }
        if (path[0] == TwinMetadata.Key)
        {
            ApplyToMetadata(component, operation, path[1..], modelId: "", now, allowModelChange: false);
        }
        else if (path[0].StartsWith('$'))
        {
            throw AdtErrors.JsonPatchInvalid($"{path[0]} is a system property and cannot be patched.");
        }
        else
        {
            ApplyToProperty(component, operation, path, now);
        }
    }

    private static string ApplyToMetadata(JsonObject container, PatchOperation operation, ReadOnlySpan<string> path, string modelId, string now, bool allowModelChange)
    {
        if (allowModelChange && path is ["$model"] && operation.Op is PatchOp.Add or PatchOp.Replace)
        {
            if (operation.Value is JsonValue v && v.TryGetValue<string>(out var newModel) && Dtmi.IsValid(newModel))
            {
                TwinMetadata.Of(container)["$model"] = newModel;
                return newModel;
            }
            throw AdtErrors.JsonPatchInvalid("The value of /$metadata/$model must be a model id.");
        }
        if (path is [var property, "sourceTime"] && !property.StartsWith('$'))
        {
            if (operation.Op == PatchOp.Remove)
            {
                TwinMetadata.SetSourceTime(container, property, null, now);
                return modelId;
            }
            if (operation.Value is JsonValue t && t.GetValueKind() == JsonValueKind.String && TwinMetadata.IsSourceTime(t.GetValue<string>()))
            {
                TwinMetadata.SetSourceTime(container, property, t.GetValue<string>(), now);
                return modelId;
            }
            throw AdtErrors.JsonPatchInvalid($"The sourceTime of {property} must be an ISO 8601 date and time.");
        }
        throw AdtErrors.JsonPatchInvalid($"The path {operation.RawPath} cannot be patched; in $metadata only $model and <property>/sourceTime can.");
    }

    /// <summary>Applies one operation to a property of <paramref name="container"/>; stamps the container's $metadata unless <paramref name="now"/> is null (relationships have none).</summary>
    private static void ApplyToProperty(JsonObject container, PatchOperation operation, ReadOnlySpan<string> path, string? now)
    {
        var name = path[0];
        if (path.Length == 1)
        {
            var exists = container.ContainsKey(name);
            switch (operation.Op)
            {
                case PatchOp.Add:
                case PatchOp.Replace when exists:
                    container[name] = operation.Value!.DeepClone();
                    Stamp(container, name, now);
                    break;
                case PatchOp.Remove when exists:
                    container.Remove(name);
                    if (now is not null)
                    {
                        TwinMetadata.Forget(container, name, now);
                    }
                    break;
                default:
                    throw AdtErrors.JsonPatchInvalid($"{name} does not exist on component. {operation.Op.Name()} needs an existing property; use add to set a property that has no value.");
            }
            return;
        }

        // A path inside an object or map property: its parent must exist (RFC 6902).
        var parent = container[name];
        foreach (var segment in path[1..^1])
        {
            parent = parent switch
            {
                JsonObject o => o[segment],
                JsonArray a when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
                _ => null,
            };
        }
        var last = path[^1];
        switch (parent)
        {
            case JsonObject obj:
                ApplyToObject(obj, last, operation);
                break;
            case JsonArray array:
                ApplyToArray(array, last, operation);
                break;
            default:
                throw AdtErrors.JsonPatchInvalid($"The path {operation.RawPath} does not exist; add the parent object first.");
        }
        Stamp(container, name, now);
    }

    private static void Stamp(JsonObject container, string name, string? now)
    {
        if (now is not null)
        {
            TwinMetadata.Touch(container, name, now);
        }
    }

    private static void ApplyToObject(JsonObject obj, string key, PatchOperation operation)
    {
        var exists = obj.ContainsKey(key);
        switch (operation.Op)
        {
            case PatchOp.Add:
            case PatchOp.Replace when exists:
                obj[key] = operation.Value!.DeepClone();
                break;
            case PatchOp.Remove when exists:
                obj.Remove(key);
                break;
            default:
                throw AdtErrors.JsonPatchInvalid($"The path {operation.RawPath} does not exist.");
        }
    }

    private static void ApplyToArray(JsonArray array, string segment, PatchOperation operation)
    {
        var append = segment == "-" && operation.Op == PatchOp.Add;
        var valid = int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index);
        switch (operation.Op)
        {
            case PatchOp.Add when append:
                array.Add(operation.Value!.DeepClone());
                break;
            case PatchOp.Add when valid && index <= array.Count:
                array.Insert(index, operation.Value!.DeepClone());
                break;
            case PatchOp.Replace when valid && index < array.Count:
                array[index] = operation.Value!.DeepClone();
                break;
            case PatchOp.Remove when valid && index < array.Count:
                array.RemoveAt(index);
                break;
            default:
                throw AdtErrors.JsonPatchInvalid($"The path {operation.RawPath} does not exist.");
        }
    }
}

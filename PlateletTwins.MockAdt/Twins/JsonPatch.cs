using System.Text.Json.Nodes;
using PlateletTwins.Dtdl.Json;
using PlateletTwins.MockAdt.Errors;

namespace PlateletTwins.MockAdt.Twins;

/// <summary>
/// A JSON Patch (RFC 6902) that was applied: its operations as read, and the document they came from, which the
/// twin's update event carries as it was sent.
/// </summary>
internal sealed record JsonPatch(JsonArray Json, IReadOnlyList<PatchOperation> Operations)
{
    /// <summary>A patch the service makes itself (a replacing PUT's): its document is written from the operations.</summary>
    public static JsonPatch Of(IReadOnlyList<PatchOperation> operations) => new(new JsonArray([.. operations.Select(o => (JsonNode)o.ToJson())]), operations);

    /// <summary>A component's patch with its paths from the twin's root, as the twin's event carries it.</summary>
    public JsonPatch Under(string component) => new(
        new JsonArray([.. Json.Select(op =>
        {
            var copy = op!.DeepClone().AsObject();
            copy["path"] = $"/{component}{op["path"]!.GetValue<string>()}";
            return (JsonNode)copy;
        })]),
        [.. Operations.Select(o => o with { RawPath = $"/{component}{o.RawPath}", Path = [component, .. o.Path] })]);
}

/// <summary>One operation of a JSON Patch: ADT's three (add, replace, remove), its path read as a <see cref="JsonPointer"/>.</summary>
internal sealed record PatchOperation(PatchOp Op, string RawPath, string[] Path, JsonNode? Value)
{
    public static PatchOperation Read(JsonNode? node)
    {
        if (node is not JsonObject op || op["op"] is not JsonValue opValue || !opValue.TryGetValue<string>(out var name))
        {
            throw AdtErrors.JsonPatchInvalid("Every patch operation must be an object with an 'op'.");
        }
        var kind = PatchOps.Parse(name) ?? throw AdtErrors.JsonPatchInvalid($"Unsupported operation type {name}.");
        if (op["path"] is not JsonValue pathValue || !pathValue.TryGetValue<string>(out var raw) || JsonPointer.Parse(raw) is not { } path)
        {
            throw AdtErrors.JsonPatchInvalid("Every patch operation must have a 'path' that is a JSON Pointer.");
        }
        if (kind != PatchOp.Remove && !op.ContainsKey("value"))
        {
            throw AdtErrors.JsonPatchInvalid($"The {name} operation on {raw} has no 'value'.");
        }
        if (kind != PatchOp.Remove && op["value"] is null)
        {
            throw AdtErrors.JsonPatchInvalid($"The {name} operation on {raw} has a null 'value'; use remove to unset a property.");
        }
        return new PatchOperation(kind, raw, path, op["value"]);
    }

    /// <summary>The operation as a patch document has it: op, path and (but for remove) value.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject { ["op"] = Op.Name(), ["path"] = RawPath };
        if (Op != PatchOp.Remove)
        {
            json["value"] = Value?.DeepClone();
        }
        return json;
    }
}

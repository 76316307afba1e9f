using System.Text.Json;
using System.Text.Json.Nodes;

namespace PlateletTwins.Dtdl.Json;

/// <summary>
/// Reading request JSON whose kinds are not to be trusted: <c>node["x"]</c> throws on anything but an object, and
/// <c>GetValue&lt;string&gt;()</c> on anything but a string, so a body with the wrong kind in one place would be a 500.
/// </summary>
public static class JsonRead
{
    /// <summary>The member <paramref name="name"/> of <paramref name="node"/>; null when absent or when the node is not an object.</summary>
    public static JsonNode? Member(this JsonNode? node, string name) => node is JsonObject obj ? obj[name] : null;

    /// <summary>The string <paramref name="node"/> holds; null for any other kind.</summary>
    public static string? StringOrNull(this JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace PlateletTwins.Dtdl.Lab;

/// <summary>
/// What a lifecycle change of the simulator ↔ intake contract does: a twin created or deleted, a relationship put
/// (created, or moved to another target under the same id) or deleted. On the wire as its name in camelCase
/// (<c>createTwin</c>, <c>deleteTwin</c>, <c>putRelationship</c>, <c>deleteRelationship</c>), never as a number.
/// </summary>
[JsonConverter(typeof(TwinChangeKindConverter))]
public enum TwinChangeKind
{
    CreateTwin,
    DeleteTwin,
    PutRelationship,
    DeleteRelationship,
}

/// <summary>The wire form of <see cref="TwinChangeKind"/>.</summary>
public sealed class TwinChangeKindConverter() : JsonStringEnumConverter<TwinChangeKind>(JsonNamingPolicy.CamelCase, allowIntegerValues: false);

/// <summary>The wire names of <see cref="TwinChangeKind"/>, by the converter's own rule.</summary>
public static class TwinChangeKinds
{
    private static readonly Dictionary<string, TwinChangeKind> ByName = Enum.GetValues<TwinChangeKind>().ToDictionary(Name, StringComparer.Ordinal);

    public static string Name(TwinChangeKind kind) => JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());

    /// <summary>The kind a wire name names exactly (case included), or null.</summary>
    public static TwinChangeKind? Parse(string? name) => name is not null && ByName.TryGetValue(name, out var kind) ? kind : null;
}

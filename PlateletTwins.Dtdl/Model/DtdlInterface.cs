using System.Text.Json.Nodes;

namespace PlateletTwins.Dtdl.Model;

/// <summary>A parsed DTDL Interface: what it declares itself, before inheritance is resolved.</summary>
public sealed record DtdlInterface(
    string Id,
    int DtdlVersion,
    IReadOnlyList<string> Extends,
    IReadOnlyList<DtdlContent> Contents,
    JsonObject DisplayName,
    JsonObject Description,
    JsonObject Source)
{
    public string? Comment { get; init; }

    /// <summary>Interfaces defined inline within this one (in <c>extends</c> or as a Component's schema).</summary>
    public IReadOnlyList<DtdlInterface> Nested { get; init; } = [];

    /// <summary>The interfaces this one depends on: its bases and its components' interfaces.</summary>
    public IEnumerable<string> References =>
        Extends.Concat(Contents.Where(c => c.ComponentInterface is not null).Select(c => c.ComponentInterface!)).Distinct();
}

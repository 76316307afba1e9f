using System.Text.Json.Nodes;

namespace PlateletTwins.Dtdl.Model;

public enum ContentKind
{
    Property,
    Telemetry,
    Relationship,
    Component,
    Command,
}

/// <summary>One element of an Interface's <c>contents</c> (or a property of a Relationship).</summary>
public sealed record DtdlContent(string Name, ContentKind Kind)
{
    /// <summary>The element's own <c>@id</c>, when it has one.</summary>
    public string? Id { get; init; }

    /// <summary>The schema of a Property or Telemetry.</summary>
    public DtdlSchema? Schema { get; init; }

    /// <summary>The interface of a Component.</summary>
    public string? ComponentInterface { get; init; }

    /// <summary>The target interface of a Relationship; null when any target is allowed.</summary>
    public string? RelationshipTarget { get; init; }

    /// <summary>The properties a Relationship instance may carry.</summary>
    public IReadOnlyList<DtdlContent> RelationshipProperties { get; init; } = [];

    public int? MinMultiplicity { get; init; }

    public int? MaxMultiplicity { get; init; }

    /// <summary>A Property's (or Relationship's) <c>writable</c>.</summary>
    public bool Writable { get; init; }

    /// <summary>The semantic types among the co-types (Temperature, Pressure, …).</summary>
    public IReadOnlyList<string> SemanticTypes { get; init; } = [];

    /// <summary>Every co-type beside the element's class (semantic types, Historized, ValueAnnotation, …).</summary>
    public IReadOnlyList<string> Cotypes { get; init; } = [];

    /// <summary>The unit a semantic type gives, e.g. <c>degreeCelsius</c>.</summary>
    public string? Unit { get; init; }

    public CommandPayload? CommandRequest { get; init; }

    public CommandPayload? CommandResponse { get; init; }

    public JsonObject DisplayName { get; init; } = [];

    public JsonObject Description { get; init; } = [];
}

/// <summary>A Command's request or response.</summary>
public sealed record CommandPayload(string Name, DtdlSchema? Schema);

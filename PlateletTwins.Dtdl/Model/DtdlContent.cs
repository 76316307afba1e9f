namespace PlateletTwins.Dtdl;

public enum ContentKind
{
    Property,
    Telemetry,
    Relationship,
    Component,
    Command,
}

/// <summary>One element of an Interface's <c>contents</c>.</summary>
public sealed record DtdlContent(string Name, ContentKind Kind)
{
    /// <summary>The schema of a Property or Telemetry.</summary>
    public DtdlSchema? Schema { get; init; }

    /// <summary>The interface of a Component.</summary>
    public string? ComponentInterface { get; init; }

    /// <summary>The target interface of a Relationship; null when any target is allowed.</summary>
    public string? RelationshipTarget { get; init; }

    /// <summary>The properties a Relationship instance may carry.</summary>
    public IReadOnlyList<DtdlContent> RelationshipProperties { get; init; } = [];
}

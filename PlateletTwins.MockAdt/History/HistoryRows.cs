namespace PlateletTwins.MockAdt.History;

/// <summary>
/// A row of ADT data history's property table in Azure Data Explorer, columns in its order. <see cref="Value"/> is JSON
/// text (ADX's <c>dynamic</c>); the relationship columns are set only for a relationship's properties.
/// </summary>
internal sealed record PropertyChangeRow(
    DateTimeOffset TimeStamp,
    DateTimeOffset? SourceTimeStamp,
    string ServiceId,
    string Id,
    string ModelId,
    string Key,
    string Value,
    string? RelationshipTarget,
    string? RelationshipId);

/// <summary>What a lifecycle row records; its name is the <c>Action</c> column's value.</summary>
internal enum LifecycleAction
{
    Create,
    Delete,
}

/// <summary>A row of the twin lifecycle table.</summary>
internal sealed record TwinLifecycleRow(string TwinId, DateTimeOffset TimeStamp, string ServiceId, LifecycleAction Action, string ModelId);

/// <summary>A row of the relationship lifecycle table.</summary>
internal sealed record RelationshipLifecycleRow(string RelationshipId, string Name, DateTimeOffset TimeStamp, string ServiceId, LifecycleAction Action, string Source, string Target);

namespace PlateletTwins.MockAdt.Store;

/// <summary>One stored relationship, immutable, with its JSON as ADT returns it.</summary>
public sealed record RelationshipRecord(string SourceId, string Id, string Name, string TargetId, string ETag, byte[] Json);

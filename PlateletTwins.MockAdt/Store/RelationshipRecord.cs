namespace PlateletTwins.MockAdt.Store;

/// <summary>One stored relationship, immutable, with its JSON as ADT returns it.</summary>
internal sealed record RelationshipRecord(string SourceId, string Id, string Name, string TargetId, string ETag, byte[] Json);

using PlateletTwins.MockAdt.EventRoutes;
using PlateletTwins.MockAdt.Store;

namespace PlateletTwins.MockAdt.Persistence;

/// <summary>
/// A batch's entities as they are at the moment it is taken (null: gone), read together so that the commit holds a
/// consistent graph; and the batch's history rows.
/// </summary>
internal sealed record StateSnapshot(
    PendingBatch Batch,
    List<(string Id, TwinRecord? Twin)> Twins,
    List<((string SourceId, string Id) Key, RelationshipRecord? Relationship)> Relationships,
    List<(string Id, ModelEntry? Model)> Models,
    List<(string Id, EventRoute? Route)> Routes)
{
    public static StateSnapshot Read(PendingBatch batch, ModelStore models, TwinStore twins, RelationshipStore relationships, EventRouteStore routes) => new(
        batch,
        [.. batch.Twins.Select(id => (id, twins.Get(id)))],
        [.. batch.Relationships.Select(key => (key, relationships.Get(key.SourceId, key.Id)))],
        [.. batch.Models.Select(id => (id, models.Get(id)))],
        [.. batch.Routes.Select(id => (id, routes.Get(id)))]);
}

using System.Text.Json.Nodes;
using PlateletTwins.Dtdl.Lab;
using PlateletTwins.SimulatorService.Diagnostics;
using PlateletTwins.SimulatorService.Lab.Model;

namespace PlateletTwins.SimulatorService.Streaming;

/// <summary>
/// Turns each step of a pool's lifecycle into the intake's messages for its ProcessFlow twin, in the order the twin
/// needs them: created, located at the lab, processed by its first device; at each hand-off its stage and route and
/// <c>processedBy</c> moved (a PUT of the same relationship); at its end its stage and end and <c>processedBy</c>
/// removed; at its deletion <c>locatedAt</c> removed, then the twin. One sequence per twin across its updates and changes.
/// </summary>
internal sealed class PoolMessages(string runId, LabTwins twins, DateTimeOffset startTime, TimeProvider time)
{
    // The next sequence of each pool twin, by pool number; dropped with the twin.
    private readonly Dictionary<int, long> _sequences = [];

    public long Updates { get; private set; }

    public long Changes { get; private set; }

    /// <summary>Adds the messages of <paramref name="step"/> to <paramref name="produced"/>.</summary>
    public void Append(PoolStep step, List<Outgoing> produced)
    {
        var pool = step.Pool;
        var twinId = twins.Pool(pool.PoolId);
        switch (step.Kind)
        {
            case PoolStepKind.Started:
                _sequences[pool.Number] = 0;
                produced.Add(Change(pool, twinId, step.At, TwinChangeKind.CreateTwin, ProcessFlowModel.Id, PoolProperties.First(pool, runId, twins, startTime), null));
                produced.Add(Change(pool, twinId, step.At, TwinChangeKind.PutRelationship, null, null, Relationship(ProcessFlowModel.LocatedAtId(twinId), ProcessFlowModel.LocatedAt, twins.Lab)));
                produced.Add(Change(pool, twinId, step.At, TwinChangeKind.PutRelationship, null, null, ProcessedBy(twinId, pool)));
                break;
            case PoolStepKind.HandedOver:
                produced.Add(Update(pool, twinId, step.At, PoolProperties.HandedOver(pool, twins, startTime)));
                produced.Add(Change(pool, twinId, step.At, TwinChangeKind.PutRelationship, null, null, ProcessedBy(twinId, pool)));
                break;
            case PoolStepKind.Ended:
                produced.Add(Update(pool, twinId, step.At, PoolProperties.Ended(pool, startTime)));
                produced.Add(Change(pool, twinId, step.At, TwinChangeKind.DeleteRelationship, null, null, new RelationshipMessage(ProcessFlowModel.ProcessedById(twinId), null, null, null)));
                break;
            case PoolStepKind.Deleted:
                produced.Add(Change(pool, twinId, step.At, TwinChangeKind.DeleteRelationship, null, null, new RelationshipMessage(ProcessFlowModel.LocatedAtId(twinId), null, null, null)));
                produced.Add(Change(pool, twinId, step.At, TwinChangeKind.DeleteTwin, null, null, null));
                _sequences.Remove(pool.Number);
                break;
        }
    }

    private RelationshipMessage ProcessedBy(string twinId, PoolRecord pool) =>
        Relationship(ProcessFlowModel.ProcessedById(twinId), ProcessFlowModel.ProcessedBy, twins.Device(pool.DeviceId!));

    private static RelationshipMessage Relationship(string id, string name, string targetId) => new(id, name, targetId, []);

    private Outgoing Update(PoolRecord pool, string twinId, double minutes, JsonObject properties)
    {
        using var activity = SimulatorTelemetry.StartPoolMessage(twinId, "update");
        Updates++;
        return new Outgoing(new TwinUpdateMessage(twinId, _sequences[pool.Number]++, startTime.AddMinutes(minutes), properties, activity?.Id, time.GetUtcNow()), null, null, PoolTwin: true);
    }

    private Outgoing Change(PoolRecord pool, string twinId, double minutes, TwinChangeKind kind, string? modelId, JsonObject? properties, RelationshipMessage? relationship)
    {
        using var activity = SimulatorTelemetry.StartPoolMessage(twinId, TwinChangeKinds.Name(kind));
        Changes++;
        return new Outgoing(null, null, new TwinChangeMessage(twinId, _sequences[pool.Number]++, startTime.AddMinutes(minutes), kind, modelId, properties, relationship, activity?.Id, time.GetUtcNow()));
    }
}

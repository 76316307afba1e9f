using System.Text.Json.Nodes;
using Azure;
using PlateletTwins.Dtdl.Lab;
using PlateletTwins.IngestionService.Adt;
using PlateletTwins.IngestionService.Live;
using PlateletTwins.IngestionService.Scheduling;
using PlateletTwins.IngestionService.Twins;

namespace PlateletTwins.IngestionService.Runs;

/// <summary>
/// A new run of a lab supersedes the earlier runs' pools: before the new run's first change is written (at its start,
/// where the lab is provisioned), every pool twin of the lab that another run left is deleted, its relationships first,
/// within ADT's budgets. The pools are those ADT's query finds (ProcessFlow twins of the lab's <c>labId</c>) and those
/// this service knows it created, since a query may not show yet what was created a moment ago; first, the changes
/// the earlier runs have in flight are waited for (they no longer write anything new once superseded).
/// </summary>
internal sealed partial class PoolCleanup(
    DigitalTwinsClient client,
    AdaptiveRateLimiter limiter,
    TwinStateTable twins,
    RunRegistry runs,
    LiveLab live,
    ILogger<PoolCleanup> logger)
{
    private static readonly TimeSpan InFlightWait = TimeSpan.FromSeconds(60);

    /// <summary>Deletes the pools of <paramref name="run"/>'s lab that other runs left; returns how many.</summary>
    public async Task<int> RemoveEarlierPoolsAsync(RunRecord run, CancellationToken cancellationToken)
    {
        var labId = run.Start.Lab.Id;
        var earlier = runs.All.Where(r => r.RunId != run.RunId && r.Start.Lab.Id == labId).Select(r => r.RunId).ToHashSet(StringComparer.Ordinal);
        await WaitForInFlightAsync(earlier, cancellationToken);
        var pools = new HashSet<string>(StringComparer.Ordinal);
        foreach (var state in twins.All)
        {
            if (state.ModelId == ProcessFlowModel.Id && state.TakesWrites && state.Progress().RunId is { } owner && earlier.Contains(owner))
            {
                pools.Add(state.TwinId);
            }
        }
        // The lab id is a twin id the intake validated: no quote can end the literal.
        var query = $"SELECT * FROM DIGITALTWINS T WHERE IS_OF_MODEL(T, '{ProcessFlowModel.Id}') AND T.{ProcessFlowModel.LabId} = '{labId}'";
        await foreach (var twin in client.QueryAsync<JsonObject>(query, cancellationToken))
        {
            if (twin[ProcessFlowModel.RunId]?.GetValue<string>() != run.RunId && twin["$dtId"]?.GetValue<string>() is { } id)
            {
                pools.Add(id);
            }
        }
        await Parallel.ForEachAsync(pools, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (id, token) => await DeleteAsync(id, token));
        if (pools.Count > 0)
        {
            LogRemoved(logger, pools.Count, labId, run.RunId);
        }
        return pools.Count;
    }

    private async Task WaitForInFlightAsync(HashSet<string> earlier, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + InFlightWait;
        // Twice at zero: a change taken just as its run was superseded is counted a moment after it is taken.
        for (var quiet = 0; quiet < 2 && DateTime.UtcNow < deadline;)
        {
            quiet = runs.All.Where(r => earlier.Contains(r.RunId)).All(r => r.ChangesInFlight == 0) ? quiet + 1 : 0;
            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }
    }

    // Relationships first (ADT refuses to delete a twin that has any), each within its twins' and the instance's budget.
    private async Task DeleteAsync(string twinId, CancellationToken cancellationToken)
    {
        var relationships = new List<(string Id, string Target)>();
        try
        {
            await foreach (var relationship in client.GetRelationshipsAsync<JsonObject>(twinId, cancellationToken: cancellationToken))
            {
                relationships.Add((relationship["$relationshipId"]!.GetValue<string>(), relationship["$targetId"]!.GetValue<string>()));
            }
        }
        catch (RequestFailedException error) when (error.Status == 404)
        {
            // Gone already.
        }
        foreach (var (id, target) in relationships)
        {
            await limiter.AcquireAsync(WriteKind.CreateOrDelete, [twinId, target], cancellationToken);
            try
            {
                await client.DeleteRelationshipAsync(twinId, id, cancellationToken: cancellationToken);
            }
            catch (RequestFailedException error) when (error.Status == 404)
            {
            }
        }
        await limiter.AcquireAsync(WriteKind.CreateOrDelete, [twinId], cancellationToken);
        try
        {
            await client.DeleteDigitalTwinAsync(twinId, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException error) when (error.Status == 404)
        {
        }
        twins.Find(twinId)?.MarkDeleted();
        live.Removed(twinId);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} pool twins of lab {LabId} that earlier runs left, before run {RunId}")]
    private static partial void LogRemoved(ILogger logger, int count, string labId, string runId);
}

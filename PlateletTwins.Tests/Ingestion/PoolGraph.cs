using PlateletTwins.Dtdl.Lab;
using PlateletTwins.SimulatorService.Lab.Model;
using PlateletTwins.SimulatorService.Streaming;

namespace PlateletTwins.Tests.Ingestion;

/// <summary>
/// The pool twins ADT has of a lab against the pools a simulator's record still holds at the end of its run: each at
/// its last stage and route, processed by its last device (by none once ended), located at the lab, and no other.
/// Differences are said, not asserted, so that a test asserts there are none and a benchmark counts them.
/// </summary>
internal static class PoolGraph
{
    /// <summary>The pool twins ADT's query lacks and those it finds beyond <paramref name="expected"/>; "" when they are the same.</summary>
    public static async Task<string> MembershipAsync(HttpClient adt, string labId, IEnumerable<string> expected)
    {
        var found = await PoolReads.PoolIdsAsync(adt, labId);
        var wanted = expected.ToHashSet(StringComparer.Ordinal);
        var missing = wanted.Except(found, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var extra = found.Except(wanted, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return missing.Count == 0 && extra.Count == 0 ? "" : $"missing {string.Join(' ', missing)}; not in the record {string.Join(' ', extra)}";
    }

    /// <summary>Every way the lab's pool twins in ADT differ from <paramref name="retained"/> (the record's pools not deleted); none when they are equal.</summary>
    public static async Task<List<string>> DifferencesAsync(HttpClient adt, LabTwins twins, IEnumerable<PoolRecord> retained)
    {
        var labId = twins.Lab;
        var expected = retained.ToDictionary(p => twins.Pool(p.PoolId), StringComparer.Ordinal);
        var differences = new List<string>();
        if (await MembershipAsync(adt, labId, expected.Keys) is { Length: > 0 } membership)
        {
            differences.Add(membership);
        }
        foreach (var (id, pool) in expected.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (await PoolReads.TwinAsync(adt, id) is not { } twin)
            {
                differences.Add($"{id}: no twin");
                continue;
            }
            var stage = twin[ProcessFlowModel.Stage]?.GetValue<string>();
            if (stage != pool.Stage)
            {
                differences.Add($"{id}: stage {stage}, the record's {pool.Stage}");
            }
            var route = string.Join(' ', twin[ProcessFlowModel.Route]?.AsArray().Select(s => s?[ProcessFlowModel.RouteFields.DeviceId]?.GetValue<string>()) ?? []);
            var recorded = string.Join(' ', pool.Route.Select(s => twins.Device(s.DeviceId)));
            if (route != recorded)
            {
                differences.Add($"{id}: route {route}, the record's {recorded}");
            }
            var relationships = new Dictionary<string, string> { [ProcessFlowModel.LocatedAtId(id)] = labId };
            if (pool.DeviceId is { } device)
            {
                relationships[ProcessFlowModel.ProcessedById(id)] = twins.Device(device);
            }
            var found = Describe(await PoolReads.RelationshipsAsync(adt, id));
            if (found != Describe(relationships))
            {
                differences.Add($"{id}: relationships {found}, the record's {Describe(relationships)}");
            }
        }
        return differences;
    }

    private static string Describe(Dictionary<string, string> relationships) =>
        string.Join(", ", relationships.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key} -> {r.Value}"));
}

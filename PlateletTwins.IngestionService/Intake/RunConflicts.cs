using System.Text.Json.Nodes;
using Azure;
using PlateletTwins.Dtdl.Lab;
using PlateletTwins.IngestionService.Adt;
using PlateletTwins.IngestionService.Provisioning;
using PlateletTwins.IngestionService.Runs;

namespace PlateletTwins.IngestionService.Intake;

/// <summary>
/// Before a run's first write: the twins it names that already exist in ADT must be of the model provisioning would
/// give them (a twin is kept as it is, so a lab id that is another run's device would get a relationship its model
/// lacks, and ADT would refuse it half-way through), and no device may be one of another lab whose run is still
/// streaming (both would write one twin). Reads only; they spend none of ADT's write budget.
/// </summary>
internal static class RunConflicts
{
    /// <param name="streamingElsewhere">The run of another lab that streams now and has a device of that id, if one does.</param>
    public static async Task<Dictionary<string, string[]>> FindAsync(RunStart run, ModelCatalog catalog, DigitalTwinsClient client,
        Func<string, RunRecord?> streamingElsewhere, CancellationToken cancellationToken)
    {
        var shared = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (device, i) in run.Lab.Devices.Select((d, i) => (d, i)))
        {
            if (streamingElsewhere(device.Id) is { } other)
            {
                shared[$"$.lab.devices[{i}].id"] = [$"'{device.Id}' is a device of lab '{other.Start.Lab.Id}', whose run '{other.RunId}' is streaming: a twin id is one lab's own, so name this lab's devices within it (for example prefixed with the lab's id)."];
            }
        }
        if (shared.Count > 0)
        {
            return shared;
        }
        var expected = new List<(string Path, string Id, string Model)>
        {
            ("$.runId", run.RunId, SimulationModel.Id),
            ("$.lab.id", run.Lab.Id, LabModel.Id),
        };
        expected.AddRange(run.Lab.Devices.Select((d, i) => ($"$.lab.devices[{i}].id", d.Id, catalog.FindDeviceModel(d.Type)!)));
        var problems = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (path, id, model) in expected)
        {
            try
            {
                var twin = (await client.GetDigitalTwinAsync<JsonObject>(id, cancellationToken)).Value;
                var existing = twin["$metadata"]?["$model"]?.GetValue<string>();
                if (existing != model)
                {
                    problems[path] = [$"'{id}' exists in ADT as a {existing}; this run would need a {model}."];
                }
            }
            catch (RequestFailedException error) when (error.Status == StatusCodes.Status404NotFound)
            {
                // Missing: provisioning creates it.
            }
        }
        return problems;
    }
}

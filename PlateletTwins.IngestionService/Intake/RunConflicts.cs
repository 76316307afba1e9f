using System.Text.Json.Nodes;
using Azure;
using PlateletTwins.IngestionService.Adt;
using PlateletTwins.IngestionService.Provisioning;
using PlateletTwins.Dtdl.Lab;

namespace PlateletTwins.IngestionService.Intake;

/// <summary>
/// Before a run's first write: the twins it names that already exist in ADT must be of the model provisioning would
/// give them (a twin is kept as it is, so a lab id that is another run's device would get a relationship its model
/// lacks, and ADT would refuse it half-way through). Reads only; they spend none of ADT's write budget.
/// </summary>
public static class RunConflicts
{
    public static async Task<Dictionary<string, string[]>> FindAsync(RunStart run, ModelCatalog catalog, DigitalTwinsClient client, CancellationToken cancellationToken)
    {
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

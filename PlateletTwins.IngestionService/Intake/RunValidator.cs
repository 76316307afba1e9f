namespace PlateletTwins.IngestionService.Intake;

/// <summary>Checks a run's lab layout before anything is provisioned.</summary>
public static class RunValidator
{
    public static Dictionary<string, string[]> Validate(RunStart run)
    {
        var problems = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(run.RunId))
        {
            problems["runId"] = ["A run needs an id."];
        }
        if (run.Lab?.Devices is not { Count: > 0 } devices)
        {
            problems["lab.devices"] = ["A lab needs at least one device."];
            return problems;
        }
        if (string.IsNullOrWhiteSpace(run.Lab.Id))
        {
            problems["lab.id"] = ["A lab needs an id."];
        }
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var device in devices)
        {
            if (string.IsNullOrWhiteSpace(device.Id) || !ids.Add(device.Id))
            {
                problems[$"lab.devices[{device.Id}]"] = ["Device ids must be present and unique."];
            }
            if (device.Capacity < 1)
            {
                problems[$"lab.devices[{device.Id}].capacity"] = ["A device holds at least one item."];
            }
        }
        foreach (var edge in run.Lab.Feeds ?? [])
        {
            if (!ids.Contains(edge.From) || !ids.Contains(edge.To))
            {
                problems[$"lab.feeds[{edge.From}->{edge.To}]"] = ["Both ends of a feeds edge must be devices of the lab."];
            }
        }
        return problems;
    }
}

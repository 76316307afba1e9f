namespace PlateletTwins.IngestionService.Intake;

/// <summary>Checks one update of a batch; a problem rejects that item only.</summary>
public static class UpdateValidator
{
    public sealed record Problem(string Code, string Message);

    public static Problem? Validate(TwinUpdate? update, RunRegistry runs)
    {
        if (update is null || string.IsNullOrWhiteSpace(update.TwinId))
        {
            return new Problem("MissingTwinId", "An update needs a twinId.");
        }
        if (runs.Device(update.TwinId) is null)
        {
            return new Problem("UnknownTwin", $"Twin '{update.TwinId}' is not a device of any started run.");
        }
        if (update.Properties is not { Count: > 0 })
        {
            return new Problem("NoProperties", "An update needs at least one property.");
        }
        return null;
    }
}

using System.Diagnostics;

namespace PlateletTwins.IngestionService.Adt;

/// <summary>The client's spans, named as the Azure SDK names its operations (<c>DigitalTwinsClient.UpdateDigitalTwin</c>).</summary>
internal static class AdtDiagnostics
{
    public const string SourceName = "PlateletTwins.Adt";

    public static readonly ActivitySource Source = new(SourceName);

    public static Activity? StartOperation(string operation, string? twinId = null)
    {
        var activity = Source.StartActivity($"DigitalTwinsClient.{operation}", ActivityKind.Client);
        if (activity is not null)
        {
            activity.SetTag("az.namespace", "Microsoft.DigitalTwins");
            if (twinId is not null)
            {
                activity.SetTag("digitaltwins.twin.id", twinId);
            }
        }
        return activity;
    }
}

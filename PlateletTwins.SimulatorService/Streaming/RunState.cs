using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace PlateletTwins.SimulatorService.Streaming;

/// <summary>
/// A run's <c>state</c> in the intake's <c>GET /api/runs/{runId}</c>: the ingestion service's RunState, by name. A
/// name this side does not know reads as <see cref="Unknown"/>, which the streamer, as for any state but
/// <see cref="Streaming"/>, takes for the end of its run.
/// </summary>
internal enum RunState
{
    Unknown,

    /// <summary>The lab's latest run: the intake takes its updates.</summary>
    Streaming,

    /// <summary>A newer run of the lab started before this one completed.</summary>
    Abandoned,

    /// <summary>A newer run of the lab started after this one completed.</summary>
    Completed,
}

/// <summary>Reads <see cref="RunState"/> from a run's status.</summary>
internal static class RunStates
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter<RunState>(allowIntegerValues: false) },
    };

    public static RunState Of(JsonObject status)
    {
        try
        {
            return status["state"]?.Deserialize<RunState>(Json) ?? RunState.Unknown;
        }
        catch (JsonException)
        {
            // A name this side does not know, or not a name at all.
            return RunState.Unknown;
        }
    }
}

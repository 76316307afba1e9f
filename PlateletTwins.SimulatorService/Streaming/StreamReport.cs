using System.Text.Json;
using System.Text.Json.Nodes;

namespace PlateletTwins.SimulatorService.Streaming;

/// <summary>
/// A streamed run's report, <c>&lt;runId&gt;.json</c>: what became of its updates and events, and the last state the
/// simulator sent of every twin, which is what ADT holds once the run is Completed.
/// </summary>
internal static class StreamReport
{
    public static async Task WriteAsync(string directory, string runId, StreamCounts counts, IEnumerable<TwinUpdateMessage> lastSent, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var report = new JsonObject
        {
            ["runId"] = runId,
            ["lossless"] = counts.Lossless,
            ["updatesSent"] = counts.UpdatesSent,
            ["updatesCoalesced"] = counts.UpdatesCoalesced,
            ["updatesRefused"] = counts.UpdatesRefused,
            ["eventsSent"] = counts.EventsSent,
            ["twins"] = new JsonObject(lastSent.OrderBy(u => u.TwinId, StringComparer.Ordinal).Select(u => KeyValuePair.Create(u.TwinId, (JsonNode?)new JsonObject
            {
                ["sequence"] = u.Sequence,
                ["sourceTime"] = u.SourceTime,
                ["properties"] = u.Properties.DeepClone(),
            }))),
        };
        var path = Path.Combine(directory, runId + ".json");
        // Whole or not at all: a reader never sees half a report.
        await File.WriteAllTextAsync(path + ".tmp", report.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), cancellationToken);
        File.Move(path + ".tmp", path, overwrite: true);
    }
}

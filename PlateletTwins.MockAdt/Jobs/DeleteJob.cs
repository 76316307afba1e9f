using System.Text.Json.Nodes;

namespace PlateletTwins.MockAdt.Jobs;

/// <summary>A delete job: everything (relationships, twins, models) goes, within its timeout.</summary>
internal sealed class DeleteJob(string id, TimeSpan timeout, DateTimeOffset created, TimeSpan retention)
    : BulkJob(id, created, retention)
{
    public TimeSpan Timeout { get; } = timeout;

    public DateTimeOffset Deadline => Created + Timeout;

    public override JsonObject ToJson()
    {
        // The fields of the spec's DeleteJob (no blobs); lastActionDateTime is not among them.
        var json = new JsonObject { ["id"] = Id };
        WriteTimes(json);
        json.Remove("lastActionDateTime");
        WriteStatus(json);
        return json;
    }
}

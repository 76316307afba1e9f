using System.Text.Json.Nodes;

namespace PlateletTwins.MockAdt.Jobs;

/// <summary>An import job: the NDJSON blob it reads, the log blob it writes, and a way to stop it.</summary>
internal sealed class ImportJob(string id, Uri inputBlobUri, Uri outputBlobUri, DateTimeOffset created, TimeSpan retention)
    : BulkJob(id, created, retention)
{
    private volatile bool _cancelRequested;

    public Uri InputBlobUri { get; } = inputBlobUri;

    public Uri OutputBlobUri { get; } = outputBlobUri;

    /// <summary>Set when a client cancels the job; the importer stops between two lines.</summary>
    public bool CancelRequested => _cancelRequested;

    internal void RequestCancel() => _cancelRequested = true;

    public override JsonObject ToJson()
    {
        // The member order of the service's responses (Import_Lifecycle recording).
        var json = new JsonObject
        {
            ["id"] = Id,
            ["inputBlobUri"] = InputBlobUri.OriginalString,
            ["outputBlobUri"] = OutputBlobUri.OriginalString,
        };
        WriteTimes(json);
        WriteStatus(json);
        return json;
    }
}

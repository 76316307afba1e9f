using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs.Specialized;
using PlateletTwins.Dtdl.Values;
using PlateletTwins.MockAdt.Protocol;

namespace PlateletTwins.MockAdt.Jobs;

/// <summary>
/// An import job's output log: a new append blob of NDJSON lines in ADT's format (Learn, "Bulk import with the Jobs
/// API"): <c>{"timestamp","jobId","jobType":"Import","logType":"Info"|"Error","details":{…}}</c>. Progress lines have
/// <c>details.status</c> (and <c>section</c>); an error line has <c>section</c>, <c>line</c>, <c>exceptionType</c> and
/// <c>message</c>, as in the log quoted in Azure-Samples/azure-digital-twins-getting-started#27. Lines are buffered and
/// appended in blocks (at most 4 MiB each, the append-block limit).
/// </summary>
internal sealed class ImportLog(AppendBlobClient blob, string jobId, TimeProvider time)
{
    private const int MaxBlockBytes = 4 * 1024 * 1024;
    private const int FlushAtBytes = 1024 * 1024;

    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);

    /// <summary>Creates the blob, replacing one of the same name; throws when it cannot be written.</summary>
    public async Task CreateAsync(CancellationToken cancellation) => await blob.CreateAsync(new Azure.Storage.Blobs.Models.AppendBlobCreateOptions(), cancellation);

    public Task InfoAsync(JsonObject details, CancellationToken cancellation) => WriteAsync("Info", details, cancellation);

    public Task ErrorAsync(JsonObject details, CancellationToken cancellation) => WriteAsync("Error", details, cancellation);

    /// <summary>An error of one line of the input: its section, its line number, the kind of error and why.</summary>
    public Task LineErrorAsync(string section, long line, string exceptionType, string message, CancellationToken cancellation) =>
        ErrorAsync(new JsonObject { ["section"] = section, ["line"] = line, ["exceptionType"] = exceptionType, ["message"] = message }, cancellation);

    private async Task WriteAsync(string logType, JsonObject details, CancellationToken cancellation)
    {
        using (var writer = new Utf8JsonWriter(_buffer, AdtJson.WriterOptions))
        {
            new JsonObject
            {
                ["timestamp"] = AdtTime.Format(time.GetUtcNow()),
                ["jobId"] = jobId,
                ["jobType"] = "Import",
                ["logType"] = logType,
                ["details"] = details,
            }.WriteTo(writer);
        }
        _buffer.Write("\n"u8);
        if (_buffer.WrittenCount >= FlushAtBytes)
        {
            await FlushAsync(cancellation);
        }
    }

    /// <summary>Appends what is buffered, in blocks that each end at a line's end.</summary>
    public async Task FlushAsync(CancellationToken cancellation)
    {
        var bytes = _buffer.WrittenMemory;
        while (!bytes.IsEmpty)
        {
            var length = bytes.Length;
            if (length > MaxBlockBytes)
            {
                length = bytes.Span[..MaxBlockBytes].LastIndexOf((byte)'\n') + 1;
                length = length > 0 ? length : MaxBlockBytes;
            }
            using var block = new MemoryStream(bytes[..length].ToArray(), writable: false);
            await blob.AppendBlockAsync(block, cancellationToken: cancellation);
            bytes = bytes[length..];
        }
        _buffer.ResetWrittenCount();
    }
}

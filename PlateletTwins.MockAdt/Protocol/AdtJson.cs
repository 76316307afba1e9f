using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace PlateletTwins.MockAdt.Protocol;

/// <summary>JSON as ADT writes it: camelCase, nulls left out unless a field is explicitly null, times as <see cref="Dtdl.Values.AdtTime"/> writes them.</summary>
internal static class AdtJson
{
    public const string ContentType = "application/json; charset=utf-8";

    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        // Responses wrap what requests sent (a telemetry body in the log, a model in a list): room for the request's own
        // 64 levels and the wrappers', where the default 64 would fail the response.
        MaxDepth = 2 * StrictJson.MaxDepth,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>ADT writes ETags as <c>W/\"…\"</c>, not with the <c>\u0022</c> escapes of the default encoder.</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Task WriteAsync(HttpResponse response, object body)
    {
        response.ContentType = ContentType;
        return JsonSerializer.SerializeAsync(response.Body, body, body.GetType(), Options, response.HttpContext.RequestAborted);
    }

    public static async Task WriteAsync(HttpResponse response, JsonNode body)
    {
        response.ContentType = ContentType;
        await using var writer = new Utf8JsonWriter(response.Body, WriterOptions);
        body.WriteTo(writer);
        await writer.FlushAsync(response.HttpContext.RequestAborted);
    }

    /// <summary>
    /// Reads a request body as strict JSON (<see cref="StrictJson"/>), refusing anything over ADT's payload limit. A body
    /// that is not strict JSON is InvalidArgument whatever the operation (a patch or a model upload too): the kind of
    /// body is judged (JsonPatchInvalid, DTDLParserError) only once it is JSON.
    /// </summary>
    public static async Task<JsonNode?> ReadBodyAsync(HttpRequest request, int limitBytes)
    {
        if (request.ContentLength > limitBytes)
        {
            throw Errors.AdtErrors.PayloadTooLarge(limitBytes);
        }
        // Straight from the request's pipe: a body of one segment (nearly all) is parsed where it lies, uncopied.
        var reader = request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(request.HttpContext.RequestAborted);
            var body = read.Buffer;
            if (body.Length > limitBytes)
            {
                reader.AdvanceTo(body.Start);
                throw Errors.AdtErrors.PayloadTooLarge(limitBytes);
            }
            if (!read.IsCompleted)
            {
                reader.AdvanceTo(body.Start, body.End);
                continue;
            }
            try
            {
                return body.IsEmpty ? null
                    : body.IsSingleSegment ? StrictJson.Parse(body.FirstSpan)
                    : StrictJson.Parse(body.ToArray());
            }
            catch (StrictJsonException error)
            {
                throw Errors.AdtErrors.InvalidJson(error.Message);
            }
            finally
            {
                reader.AdvanceTo(body.End);
            }
        }
    }
}

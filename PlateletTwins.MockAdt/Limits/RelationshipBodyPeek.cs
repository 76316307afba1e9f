using System.Buffers;
using System.Text.Json;

namespace PlateletTwins.MockAdt.Limits;

/// <summary>
/// Reads a relationship PUT's <c>$targetId</c> from the request's pipe and leaves the body unconsumed, so that the
/// handler reads it whole afterwards (it is buffered in the pipe, at most ADT's payload limit). A body that is too large
/// or not JSON gives no target here; the handler answers it as ADT would.
/// </summary>
internal static class RelationshipBodyPeek
{
    public static async ValueTask<string?> TargetIdAsync(HttpRequest request)
    {
        if (request.ContentLength > FunctionalLimits.MaxPayloadBytes)
        {
            return null;
        }
        var reader = request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(request.HttpContext.RequestAborted);
            var body = read.Buffer;
            if (body.Length > FunctionalLimits.MaxPayloadBytes || !read.IsCompleted)
            {
                reader.AdvanceTo(body.Start, body.End);
                if (body.Length > FunctionalLimits.MaxPayloadBytes)
                {
                    return null;
                }
                continue;
            }
            try
            {
                return TopLevelTargetId(body);
            }
            finally
            {
                reader.AdvanceTo(body.Start, body.End);
            }
        }
    }

    private static string? TopLevelTargetId(ReadOnlySequence<byte> body)
    {
        var json = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = Protocol.StrictJson.MaxDepth });
        try
        {
            if (!json.Read() || json.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }
            while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
            {
                var isTarget = json.ValueTextEquals("$targetId"u8);
                json.Read();
                if (isTarget && json.TokenType == JsonTokenType.String)
                {
                    return json.GetString();
                }
                json.Skip();
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Not JSON the handler will accept: it refuses the request itself.
        }
        return null;
    }
}

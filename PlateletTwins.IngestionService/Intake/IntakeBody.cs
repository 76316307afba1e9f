using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.Net.Http.Headers;

namespace PlateletTwins.IngestionService.Intake;

/// <summary>
/// Reads an intake request's body after its key and size were checked (the server reads no more than the intake's
/// limit; <see cref="BodySizeFilter"/> answers beyond it): JSON in UTF-8 (415 otherwise), then strictly (400
/// ProblemDetails naming the JSON path for anything malformed).
/// </summary>
internal static class IntakeBody
{
    public sealed record Read<T>(T? Value, IResult? Problem) where T : class;

    public static async Task<Read<T>> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken) where T : class
    {
        if (!request.HasJsonContentType() || !IsUtf8(request.ContentType))
        {
            return Refused<T>(StatusCodes.Status415UnsupportedMediaType, "The body must be JSON",
                $"Content-Type '{request.ContentType}'; the intake reads application/json in UTF-8.");
        }
        byte[] body;
        try
        {
            body = await ReadAllAsync(request.Body, cancellationToken);
        }
        catch (BadHttpRequestException error) when (error.StatusCode != StatusCodes.Status413PayloadTooLarge)
        {
            // A body cut short; one over the limit is BodySizeFilter's to answer.
            return Refused<T>(error.StatusCode, "The body could not be read", error.Message);
        }
        using var document = Parse(body, out var parseProblem);
        if (document is null)
        {
            return new Read<T>(null, parseProblem);
        }
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return Malformed<T>("$", $"The body is a JSON {KindName(document.RootElement.ValueKind)}, not an object.");
        }
        if (MayNotDecode(body) && !AllDecode(document.RootElement) && FirstUndecodable(document.RootElement, "$") is { } path)
        {
            return Malformed<T>(path, "A string is not valid UTF-8 or holds a lone surrogate (\\ud800 alone is not a character).");
        }
        try
        {
            return new Read<T>(document.Deserialize<T>(IntakeJson.Serializer), null);
        }
        catch (JsonException error)
        {
            return Malformed<T>(error.Path ?? "$", error.Message);
        }
    }

    private static JsonDocument? Parse(byte[] body, out IResult? problem)
    {
        problem = null;
        try
        {
            return JsonDocument.Parse(body, IntakeJson.Document);
        }
        catch (JsonException error)
        {
            // A syntax error has the reader's position; a duplicate key, its path found on a second, lenient parse.
            problem = TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body is not valid JSON", detail: error.Message,
                extensions: new Dictionary<string, object?> { ["path"] = error.Path ?? DuplicatePath(body), ["line"] = error.LineNumber, ["bytePositionInLine"] = error.BytePositionInLine });
            return null;
        }
        catch (InvalidOperationException error)
        {
            // System.Text.Json's duplicate check decodes every property name and throws this, not a JsonException, for
            // a name with a lone surrogate (e.g. "\ud800a").
            problem = TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body is not valid JSON",
                detail: "A property name is not valid Unicode: " + error.Message);
            return null;
        }
    }

    private static string? DuplicatePath(byte[] body)
    {
        try
        {
            using var lenient = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = IntakeJson.Document.MaxDepth });
            return FirstDuplicate(lenient.RootElement, "$");
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string? FirstDuplicate(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in element.EnumerateArray())
            {
                if (FirstDuplicate(item, $"{path}[{i++}]") is { } inner)
                {
                    return inner;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Object)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in element.EnumerateObject())
            {
                if (!names.Add(property.Name))
                {
                    return $"{path}.{property.Name}";
                }
                if (FirstDuplicate(property.Value, $"{path}.{property.Name}") is { } inner)
                {
                    return inner;
                }
            }
        }
        return null;
    }

    // Only a body that is not UTF-8 throughout, or that escapes a surrogate, can hold a string that does not decode;
    // both are cheap to rule out on the bytes, which spares the common body the walk below.
    private static bool MayNotDecode(ReadOnlySpan<byte> body)
    {
        if (!Utf8.IsValid(body))
        {
            return true;
        }
        for (var at = body.IndexOf("\\u"u8); at >= 0 && at + 3 < body.Length;)
        {
            if (body[at + 2] is (byte)'d' or (byte)'D' && body[at + 3] is (byte)'8' or (byte)'9' or >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F')
            {
                return true;
            }
            var next = body[(at + 2)..].IndexOf("\\u"u8);
            at = next < 0 ? -1 : at + 2 + next;
        }
        return false;
    }

    // The parser checks the JSON's structure but decodes a string only when asked; a string that does not decode would
    // fail later, far from the request, so every name and string is decoded here once (and, only if one fails, again
    // to name its path).
    private static bool AllDecode(JsonElement element)
    {
        try
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    element.GetString();
                    return true;
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        _ = property.Name;
                        if (!AllDecode(property.Value))
                        {
                            return false;
                        }
                    }
                    return true;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        if (!AllDecode(item))
                        {
                            return false;
                        }
                    }
                    return true;
                default:
                    return true;
            }
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static string? FirstUndecodable(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                try
                {
                    element.GetString();
                    return null;
                }
                catch (InvalidOperationException)
                {
                    return path;
                }
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    string name;
                    try
                    {
                        name = property.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        return path;
                    }
                    if (FirstUndecodable(property.Value, $"{path}.{name}") is { } inner)
                    {
                        return inner;
                    }
                }
                return null;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FirstUndecodable(item, $"{path}[{i++}]") is { } inner)
                    {
                        return inner;
                    }
                }
                return null;
            default:
                return null;
        }
    }

    private static string KindName(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };

    // The server stops a body at the intake's limit, with a BadHttpRequestException of status 413.
    private static async Task<byte[]> ReadAllAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        while (true)
        {
            var read = await body.ReadAsync(buffer.GetMemory(16 * 1024), cancellationToken);
            if (read == 0)
            {
                return buffer.WrittenSpan.ToArray();
            }
            buffer.Advance(read);
        }
    }

    private static bool IsUtf8(string? contentType) =>
        !MediaTypeHeaderValue.TryParse(contentType, out var media) || media.Charset.Length == 0
        || media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || media.Charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);

    private static Read<T> Malformed<T>(string path, string detail) where T : class =>
        new(null, TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body is not a valid request", detail: detail,
            extensions: new Dictionary<string, object?> { ["path"] = path }));

    private static Read<T> Refused<T>(int status, string title, string detail) where T : class =>
        new(null, TypedResults.Problem(statusCode: status, title: title, detail: detail));
}

using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace PlateletTwins.MockAdt.Protocol;

/// <summary>
/// Request bodies parsed as a strict parser does, so that no malformed input gets past the parse and fails later (a
/// 500) where a value is read: a duplicate property name anywhere refuses the body (System.Text.Json's own check,
/// <see cref="JsonDocumentOptions.AllowDuplicateProperties"/>), as do invalid UTF-8, a lone surrogate in an escape,
/// nesting deeper than 64 and any syntax error. ADT's own answer to duplicates is not recorded; refusing is the one
/// behaviour that cannot store a value the client did not mean.
/// </summary>
internal static class StrictJson
{
    public const int MaxDepth = 64;

    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowDuplicateProperties = false, MaxDepth = MaxDepth };

    /// <summary>Parses <paramref name="utf8"/>; throws <see cref="StrictJsonException"/> with a reason a client can act on.</summary>
    public static JsonNode? Parse(ReadOnlySpan<byte> utf8)
    {
        // A UTF-8 byte order mark is allowed (RFC 8259 lets a parser ignore it; some clients send one).
        if (utf8.StartsWith("\uFEFF"u8))
        {
            utf8 = utf8[3..];
        }
        CheckStrings(utf8);
        try
        {
            return JsonNode.Parse(utf8, nodeOptions: null, DocumentOptions);
        }
        catch (JsonException error)
        {
            throw new StrictJsonException(Describe(error), error);
        }
    }

    // One pass of the reader over every string and property name: the document keeps raw bytes and would only fail
    // on invalid UTF-8 or a lone surrogate (an InvalidOperationException) when a handler reads the value.
    private static void CheckStrings(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName))
                {
                    continue;
                }
                if (reader.ValueIsEscaped)
                {
                    try
                    {
                        _ = reader.GetString();
                    }
                    catch (InvalidOperationException error)
                    {
                        throw new StrictJsonException($"a string at byte {reader.TokenStartIndex} is not valid Unicode (invalid UTF-8 or a lone surrogate)", error);
                    }
                }
                else if (!Utf8.IsValid(reader.ValueSpan))
                {
                    throw new StrictJsonException($"a string at byte {reader.TokenStartIndex} is not valid UTF-8", null);
                }
            }
        }
        catch (JsonException error)
        {
            throw new StrictJsonException(Describe(error), error);
        }
    }

    private static string Describe(JsonException error)
    {
        // The reader's messages are precise ("'}' is invalid after a property name", "Duplicate property 'op' …");
        // its position suffix is replaced by a one-based line and a byte offset.
        var message = error.Message;
        if (message.StartsWith("Duplicate property '", StringComparison.Ordinal) && message.IndexOf('\'', 20) is var end and > 20)
        {
            return $"the property name '{message[20..end]}' appears more than once in one object (duplicate names are refused)";
        }
        var suffix = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (suffix > 0)
        {
            message = message[..suffix];
        }
        message = message.TrimEnd('.', ' ');
        return error.LineNumber is { } line
            ? FormattableString.Invariant($"{message}, at line {line + 1}, byte {error.BytePositionInLine}")
            : message;
    }
}

/// <summary>A body that is not strict JSON; its message says why and where.</summary>
internal sealed class StrictJsonException(string reason, Exception? inner) : Exception(reason, inner);

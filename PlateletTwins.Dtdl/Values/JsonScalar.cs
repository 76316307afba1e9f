using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PlateletTwins.Dtdl.Values;

/// <summary>
/// A primitive JSON value as it is on the wire, read without allocating where it can: a value parsed from a request
/// is a <see cref="JsonElement"/>, whose string can be judged on its raw UTF-8 when it holds no escape. A value built in
/// memory (<c>JsonValue.Create(3)</c>) is judged as it would be written.
/// </summary>
internal readonly struct JsonScalar
{
    // Longest text of a date, time, dateTime or duration read without allocating; a longer one is decoded first.
    private const int MaxFormattedChars = 64;

    private readonly JsonElement _element;

    private JsonScalar(JsonElement element) => _element = element;

    public JsonValueKind Kind => _element.ValueKind;

    /// <summary>The value as JSON; false for a value that has no JSON form (a NaN built in memory).</summary>
    public static bool TryRead(JsonValue value, out JsonScalar scalar)
    {
        if (value.TryGetValue<JsonElement>(out var element))
        {
            scalar = new JsonScalar(element);
            return true;
        }
        try
        {
            scalar = new JsonScalar(JsonSerializer.SerializeToElement<JsonNode>(value));
            return true;
        }
        catch (ArgumentException)
        {
            scalar = default;
            return false;
        }
    }

    public bool IsInt32 => Kind == JsonValueKind.Number && _element.TryGetInt32(out _);

    public bool IsInt64 => Kind == JsonValueKind.Number && _element.TryGetInt64(out _);

    /// <summary>Whether this is an integer within [<paramref name="min"/>, <paramref name="max"/>] (the v3 integer widths).</summary>
    public bool IsIntegerIn(long min, ulong max) =>
        Kind == JsonValueKind.Number
        && (_element.TryGetInt64(out var signed) ? signed >= min && (signed < 0 || (ulong)signed <= max) : _element.TryGetUInt64(out var unsigned) && unsigned <= max);

    public bool TryGetInt32(out int value)
    {
        value = 0;
        return Kind == JsonValueKind.Number && _element.TryGetInt32(out value);
    }

    public bool IsFiniteDouble(double limit) =>
        Kind == JsonValueKind.Number && _element.TryGetDouble(out var d) && double.IsFinite(d) && Math.Abs(d) <= limit;

    /// <summary>Whether this is the string <paramref name="text"/>, compared unescaped.</summary>
    public bool IsString(string text) => Kind == JsonValueKind.String && _element.ValueEquals(text);

    /// <summary>The string's UTF-8 length when it is valid Unicode; false for a lone surrogate.</summary>
    public bool TryGetUtf8Length(out int bytes)
    {
        var raw = RawString();
        if (raw.IndexOf((byte)'\\') < 0)
        {
            // No escape: the raw bytes are the text, and the reader already checked that they are UTF-8.
            bytes = raw.Length;
            return true;
        }
        if (TryDecode(out var text))
        {
            bytes = Encoding.UTF8.GetByteCount(text);
            return true;
        }
        bytes = 0;
        return false;
    }

    /// <summary>Whether the string's text satisfies <paramref name="format"/>; false for a lone surrogate.</summary>
    public bool StringMatches(Func<ReadOnlySpan<char>, bool> format)
    {
        var raw = RawString();
        if (raw.IndexOf((byte)'\\') < 0 && raw.Length <= MaxFormattedChars)
        {
            // The formats are ASCII: a wider byte, widened to a char, fails them as it should.
            Span<char> chars = stackalloc char[raw.Length];
            for (var i = 0; i < raw.Length; i++)
            {
                chars[i] = (char)raw[i];
            }
            return format(chars);
        }
        return TryDecode(out var text) && format(text);
    }

    public string ToJsonString()
    {
        var text = _element.GetRawText();
        return text.Length <= 64 ? text : text[..61] + "...";
    }

    // The string's raw UTF-8, without its quotes.
    private ReadOnlySpan<byte> RawString()
    {
        var raw = JsonMarshal.GetRawUtf8Value(_element);
        return raw.Length >= 2 && raw[0] == (byte)'"' ? raw[1..^1] : raw;
    }

    private bool TryDecode(out string text)
    {
        try
        {
            text = _element.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            text = "";
            return false;
        }
    }
}

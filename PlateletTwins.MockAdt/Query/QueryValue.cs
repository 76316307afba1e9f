using System.Text.Json;

namespace PlateletTwins.MockAdt.Query;

internal enum QueryValueKind
{
    /// <summary>A property that is not there: comparisons with it are neither true nor false.</summary>
    Undefined,
    Null,
    Boolean,
    Number,
    Text,
    Document,
    Array,
}

/// <summary>A value during evaluation: a literal of the query or a part of a twin or relationship document.</summary>
internal readonly record struct QueryValue(QueryValueKind Kind, double Number = 0, string? Text = null, bool Boolean = false, JsonElement Element = default)
{
    public static readonly QueryValue Undefined = new(QueryValueKind.Undefined);
    public static readonly QueryValue Null = new(QueryValueKind.Null);
    public static readonly QueryValue True = new(QueryValueKind.Boolean, Boolean: true);
    public static readonly QueryValue False = new(QueryValueKind.Boolean, Boolean: false);

    public static QueryValue Of(bool value) => value ? True : False;

    public static QueryValue Of(double value) => new(QueryValueKind.Number, Number: value);

    public static QueryValue Of(string value) => new(QueryValueKind.Text, Text: value);

    public static QueryValue Of(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => new(QueryValueKind.Text, Text: element.GetString(), Element: element),
        JsonValueKind.Number => new(QueryValueKind.Number, Number: element.GetDouble(), Element: element),
        JsonValueKind.True => True,
        JsonValueKind.False => False,
        JsonValueKind.Null => Null,
        JsonValueKind.Object => new(QueryValueKind.Document, Element: element),
        JsonValueKind.Array => new(QueryValueKind.Array, Element: element),
        _ => Undefined,
    };

    public bool IsTrue => Kind == QueryValueKind.Boolean && Boolean;

    public bool IsPrimitive => Kind is QueryValueKind.Null or QueryValueKind.Boolean or QueryValueKind.Number or QueryValueKind.Text;

    /// <summary>Equality of two primitives of the same kind; null when the kinds differ or either is not primitive.</summary>
    public static bool? Equal(QueryValue a, QueryValue b)
    {
        if (a.Kind != b.Kind || !a.IsPrimitive)
        {
            return null;
        }
        return a.Kind switch
        {
            QueryValueKind.Null => true,
            QueryValueKind.Boolean => a.Boolean == b.Boolean,
            QueryValueKind.Number => a.Number.Equals(b.Number),
            _ => string.Equals(a.Text, b.Text, StringComparison.Ordinal),
        };
    }

    /// <summary>Order of two numbers or two strings (ordinal); null for anything else.</summary>
    public static int? Compare(QueryValue a, QueryValue b) => (a.Kind, b.Kind) switch
    {
        (QueryValueKind.Number, QueryValueKind.Number) => a.Number.CompareTo(b.Number),
        (QueryValueKind.Text, QueryValueKind.Text) => string.CompareOrdinal(a.Text, b.Text),
        _ => null,
    };

    public void WriteTo(Utf8JsonWriter writer)
    {
        // A value read from a document is written as it was there (an integer stays one).
        if (Element.ValueKind != JsonValueKind.Undefined)
        {
            Element.WriteTo(writer);
            return;
        }
        switch (Kind)
        {
            case QueryValueKind.Null:
                writer.WriteNullValue();
                break;
            case QueryValueKind.Boolean:
                writer.WriteBooleanValue(Boolean);
                break;
            case QueryValueKind.Number:
                writer.WriteNumberValue(Number);
                break;
            case QueryValueKind.Text:
                writer.WriteStringValue(Text);
                break;
            case QueryValueKind.Document or QueryValueKind.Array:
                Element.WriteTo(writer);
                break;
            default:
                throw new InvalidOperationException("An undefined value is not written.");
        }
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using PlateletTwins.Dtdl.Errors;
using PlateletTwins.Dtdl.Json;
using PlateletTwins.Dtdl.Metamodel;

namespace PlateletTwins.Dtdl.Parsing;

/// <summary>
/// Reads the values of a literal property (string, integer, boolean, or an enum value's string-or-integer): a JSON
/// value, a JSON-LD value object <c>{"@value": …}</c>, or an array of them, and checks them against the row.
/// </summary>
internal static class LiteralReader
{
    public static List<object> Read(PropertyRow row, JsonNode? node, string owner, int version, ErrorSink errors)
    {
        var values = new List<object>();
        var kind = KindWord(row.Kind);
        var items = node is JsonArray array ? array.ToList() : [node];
        if (row.MaxCount == 1 && items.Count > 1)
        {
            errors.Add($"{kind}MultipleValues", $"{owner}'s property '{row.Name}' has multiple values but only one value is allowed.", owner, row.Name);
            return values;
        }
        foreach (var item in items)
        {
            if (ReadOne(row, item, owner, kind, version, errors) is { } value && Check(row, value, owner, errors))
            {
                values.Add(value);
            }
        }
        return values;
    }

    private static object? ReadOne(PropertyRow row, JsonNode? item, string owner, string kind, int version, ErrorSink errors)
    {
        if (item is JsonObject obj)
        {
            return ReadValueObject(row, obj, owner, kind, version, errors);
        }
        if (Plain(row.Kind, item) is { } plain)
        {
            return plain;
        }
        var what = row.Kind == ValueKind.ScalarLiteral ? "not a JSON string, integer, or boolean" : $"not a JSON {Article(row.Kind)}";
        errors.Add(row.Kind == ValueKind.ScalarLiteral ? "literalNotValid" : $"{kind}Not{Capital(kind)}",
            $"{owner}'s property '{row.Name}' has value that is {what}.", owner, row.Name, item?.ToJsonString());
        return null;
    }

    private static object? ReadValueObject(PropertyRow row, JsonObject obj, string owner, string kind, int version, ErrorSink errors)
    {
        JsonNode? value = null;
        var hasValue = false;
        string? scalarType = null;
        foreach (var (key, member) in obj)
        {
            switch (key)
            {
                case "@value":
                    hasValue = true;
                    value = member;
                    break;
                case "@type":
                    // One datatype, compact (xsd:boolean) or full (http://www.w3.org/2001/XMLSchema#boolean), alone or in a one-element array.
                    var datatype = member is JsonArray { Count: 1 } one ? one[0] : member;
                    if (datatype is JsonArray)
                    {
                        errors.Add("literalTypeNotSingular", $"{owner}'s property '{row.Name}' has value that is a JSON object whose '@type' does not specify a single type.", owner, row.Name);
                        return null;
                    }
                    var expected = row.Kind switch { ValueKind.IntegerLiteral => "integer", ValueKind.BooleanLiteral => "boolean", _ => "string" };
                    var given = datatype.StringOrNull();
                    // An enum value's datatype is whatever its @type says.
                    scalarType = given?.Replace("http://www.w3.org/2001/XMLSchema#", "xsd:", StringComparison.Ordinal) switch
                    {
                        "xsd:string" => "string",
                        "xsd:integer" => "integer",
                        "xsd:boolean" => "boolean",
                        _ => null,
                    };
                    if (given != "xsd:" + expected && given != "http://www.w3.org/2001/XMLSchema#" + expected && row.Kind != ValueKind.ScalarLiteral)
                    {
                        errors.Add($"{kind}TypeNot{Capital(kind)}", $"{owner}'s property '{row.Name}' has value that is a JSON object whose '@type' does not specify 'xsd:{expected}'.", owner, row.Name);
                        return null;
                    }
                    break;
                case "@context" or "@id" or "@graph" or "@language" when version >= 3 || key != "@language":
                    errors.Add("valueObject" + Capital(key[1..]), $"{owner}'s property '{row.Name}' has '{key}' property, which is not allowed in a value object.", owner, row.Name);
                    return null;
                case "@language" when version < 3:
                    // DTDL v2 ignores a language on a value object, and keywords it does not know.
                    break;
                default:
                    if (key.StartsWith('@') && version < 3)
                    {
                        break;
                    }
                    if (key.StartsWith('@'))
                    {
                        errors.Add("valueObjectKeyword", $"{owner}'s property '{row.Name}' has '{key}' property, which is not allowed in a value object.", owner, row.Name);
                    }
                    else
                    {
                        errors.Add("valueObjectInvalidProp", $"{owner}'s property '{row.Name}' has property '{key}', which is not allowed in a value object.", owner, row.Name);
                    }
                    return null;
            }
        }
        if (!hasValue)
        {
            errors.Add(row.Kind == ValueKind.ScalarLiteral ? "literalObjectNoValue" : $"{kind}ObjectNoValue",
                $"{owner}'s property '{row.Name}' has value that is a JSON object with no '@value' property.", owner, row.Name);
            return null;
        }
        if (row.Kind == ValueKind.ScalarLiteral && scalarType is not null)
        {
            var typedKind = scalarType switch { "integer" => ValueKind.IntegerLiteral, "boolean" => ValueKind.BooleanLiteral, _ => ValueKind.StringLiteral };
            if (Plain(typedKind, value) is { } typed)
            {
                return typed;
            }
            errors.Add($"{scalarType}ValueNot{Capital(scalarType)}", $"{owner}'s property '{row.Name}' has value that is a JSON object whose '@value' is not a JSON {scalarType}.", owner, row.Name);
            return null;
        }
        if (Plain(row.Kind, value) is { } plain)
        {
            return plain;
        }
        errors.Add(row.Kind == ValueKind.ScalarLiteral ? "literalNotValid" : $"{kind}ValueNot{Capital(kind)}",
            $"{owner}'s property '{row.Name}' has value that is a JSON object whose '@value' is not a JSON {Article(row.Kind)}.", owner, row.Name);
        return null;
    }

    private static object? Plain(ValueKind kind, JsonNode? node)
    {
        if (node is not JsonValue v)
        {
            return null;
        }
        switch (v.GetValueKind())
        {
            case JsonValueKind.String when kind is ValueKind.StringLiteral or ValueKind.ScalarLiteral:
                return v.GetValue<string>();
            case JsonValueKind.Number when kind is ValueKind.IntegerLiteral or ValueKind.ScalarLiteral:
                // An integer beyond a long, or written with a fraction or exponent (3.0, 1e2), is not a DTDL integer.
                return v.TryGetValue<long>(out var l) ? l : null;
            case JsonValueKind.True or JsonValueKind.False when kind is ValueKind.BooleanLiteral or ValueKind.ScalarLiteral:
                return v.GetValue<bool>();
            default:
                return null;
        }
    }

    private static bool Check(PropertyRow row, object value, string owner, ErrorSink errors)
    {
        if (value is string s)
        {
            if (row.MaxLength is { } max && s.Length > max)
            {
                errors.Add("stringTooLong", $"{owner}'s property '{row.Name}' has value '{s}', which is too long -- length limit is {max} characters.", owner, row.Name, s, $"at most {max} characters");
                return false;
            }
            if (row.Pattern == StringPattern.Name && !IsName(s))
            {
                errors.Add("stringInvalid", $"{owner}'s property '{row.Name}' has value '{s}', which is invalid.", owner, row.Name, s,
                    "a letter, then letters, digits and underscores, not ending with an underscore");
                return false;
            }
        }
        else if (value is long n)
        {
            if (row.MinValue is { } min && row.MaxValue is { } top && min == top && n != min)
            {
                errors.Add("valueNotExact", $"{owner}'s property '{row.Name}' has value {n} but the only allowed value is {min}.", owner, row.Name, $"{n}", $"{min}");
                return false;
            }
            if (row.MinValue is { } lo && row.MaxValue is { } hi)
            {
                if (n < lo || n > hi)
                {
                    errors.Add(n < lo ? "valueBelowRange" : "valueAboveRange",
                        $"{owner}'s property '{row.Name}' has value {n}, which is {(n < lo ? "below" : "above")} the allowed range of [{lo}, {hi}].", owner, row.Name, $"{n}", $"[{lo}, {hi}]");
                    return false;
                }
            }
            else if (row.MinValue is { } low && n < low)
            {
                errors.Add("valueBelowMin", $"{owner}'s property '{row.Name}' has value {n}, which is less than the allowed minimum of {low}.", owner, row.Name, $"{n}", $"at least {low}");
                return false;
            }
            else if (row.MaxValue is { } high && n > high)
            {
                errors.Add("valueAboveMax", $"{owner}'s property '{row.Name}' has value {n}, which is greater than the allowed maximum of {high}.", owner, row.Name, $"{n}", $"at most {high}");
                return false;
            }
        }
        return true;
    }

    /// <summary>A DTDL name: a letter, then letters, digits and underscores, not ending with an underscore.</summary>
    public static bool IsName(string s)
    {
        if (s.Length == 0 || !char.IsAsciiLetter(s[0]) || s[^1] == '_')
        {
            return false;
        }
        foreach (var c in s)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }
        return true;
    }

    public static string KindWord(ValueKind kind) => kind switch
    {
        ValueKind.IntegerLiteral => "integer",
        ValueKind.BooleanLiteral => "boolean",
        ValueKind.ScalarLiteral => "literal",
        _ => "string",
    };

    private static string Article(ValueKind kind) => kind switch
    {
        ValueKind.IntegerLiteral => "integer",
        ValueKind.BooleanLiteral => "boolean",
        ValueKind.ScalarLiteral => "string, integer, or boolean",
        _ => "string",
    };

    private static string Capital(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}

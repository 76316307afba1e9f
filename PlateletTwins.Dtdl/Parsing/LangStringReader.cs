using System.Text.Json;
using System.Text.Json.Nodes;
using PlateletTwins.Dtdl.Errors;
using PlateletTwins.Dtdl.Json;
using PlateletTwins.Dtdl.Metamodel;

namespace PlateletTwins.Dtdl.Parsing;

/// <summary>
/// Reads a localizable string (displayName, description): a plain string (language "en"), a language map
/// <c>{"en": "…", "es-ES": "…"}</c>, or an array of strings and language-tagged value objects
/// <c>{"@value": "…", "@language": "en"}</c>, each language once, each text within the row's length.
/// </summary>
internal static class LangStringReader
{
    public static LangString? Read(PropertyRow row, JsonNode? node, string owner, int version, ErrorSink errors)
    {
        var result = new LangString();
        var before = errors.Count;
        switch (node)
        {
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                Add(row, result, "en", v.GetValue<string>(), owner, errors);
                break;
            case JsonObject map:
                if (map.ContainsKey("@value") || map.ContainsKey("@language"))
                {
                    errors.Add("langTagValueInLangMap", $"{owner}'s property '{row.Name}' appears to be a language-tagged value object, but a language map object is expected when the object is not in an array.", owner, row.Name);
                    break;
                }
                foreach (var (code, text) in map)
                {
                    if (code.StartsWith('@'))
                    {
                        errors.Add("langMapObjKeyword", $"{owner}'s property '{row.Name}' has '{code}' property, which does not belong in a language map object.", owner, row.Name);
                        continue;
                    }
                    if (!IsLanguageCode(code))
                    {
                        errors.Add("langStringInvalidCode", $"{owner}'s property '{row.Name}' has language code '{code}', which is not valid according to ISO 639.", owner, row.Name, code);
                        continue;
                    }
                    if (text.StringOrNull() is not { } s)
                    {
                        errors.Add("langStringValueNotString", $"{owner}'s property '{row.Name}' with language code '{code}' has value that is not a JSON string.", owner, row.Name);
                        continue;
                    }
                    Add(row, result, code, s, owner, errors);
                }
                break;
            case JsonArray array:
                foreach (var element in array)
                {
                    ReadElement(row, element, result, owner, version, errors);
                }
                break;
            default:
                errors.Add("langStringElementNotStringOrObject", $"{owner}'s property '{row.Name}' has value that is not a JSON string or object.", owner, row.Name, node?.ToJsonString() ?? "null");
                break;
        }
        return errors.Count == before ? result : null;
    }

    private static void ReadElement(PropertyRow row, JsonNode? element, LangString result, string owner, int version, ErrorSink errors)
    {
        switch (element)
        {
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                Add(row, result, "en", v.GetValue<string>(), owner, errors, inArray: true);
                return;
            case JsonObject obj:
                string? text = null;
                var code = "en";
                var hasValue = false;
                foreach (var (key, member) in obj)
                {
                    switch (key)
                    {
                        case "@value":
                            hasValue = true;
                            text = member.StringOrNull();
                            if (text is null)
                            {
                                errors.Add("langStringElementValueNotString", $"{owner}'s property '{row.Name}' array has element with '@value' value that is not a JSON string.", owner, row.Name);
                                return;
                            }
                            break;
                        case "@language":
                            if (member.StringOrNull() is not { } c)
                            {
                                errors.Add("langStringElementCodeNotString", $"{owner}'s property '{row.Name}' array has element with '@language' property whose value is not a JSON string.", owner, row.Name);
                                return;
                            }
                            if (!IsLanguageCode(c))
                            {
                                errors.Add("langStringElementInvalidCode", $"{owner}'s property '{row.Name}' array has element with language code '{c}', which is not vlid according to ISO 639.", owner, row.Name, c);
                                return;
                            }
                            code = c;
                            break;
                        case "@type" when version < 3:
                            // DTDL v2 ignores @type and unknown keywords in a language-tagged value object.
                            break;
                        case "@context" or "@graph" or "@id" or "@type":
                            errors.Add("langStringElement" + char.ToUpperInvariant(key[1]) + key[2..],
                                $"{owner}'s property '{row.Name}' has '{key}' property, which is not allowed in a language-tagged value object.", owner, row.Name);
                            return;
                        default:
                            if (key.StartsWith('@') && version < 3)
                            {
                                break;
                            }
                            if (key.StartsWith('@'))
                            {
                                errors.Add("langStringElementKeyword", $"{owner}'s property '{row.Name}' has '{key}' property, which is not allowed in a language-tagged value object.", owner, row.Name);
                            }
                            else
                            {
                                errors.Add("langStringElementInvalidProp", $"{owner}'s property '{row.Name}' has property '{key}', which is not allowed in a language-tagged value object.", owner, row.Name);
                            }
                            return;
                    }
                }
                if (!hasValue)
                {
                    errors.Add("langStringElementNoValue", $"{owner}'s property '{row.Name}' array has element that does not contain a '@value' property.", owner, row.Name);
                    return;
                }
                Add(row, result, code, text!, owner, errors, inArray: true);
                return;
            default:
                errors.Add("langStringElementNotStringOrObject", $"{owner}'s property '{row.Name}' has value that is not a JSON string or object.", owner, row.Name);
                return;
        }
    }

    private static void Add(PropertyRow row, LangString result, string code, string text, string owner, ErrorSink errors, bool inArray = false)
    {
        if (row.MaxLength is { } max && text.Length > max)
        {
            errors.Add("langStringValueTooLong", $"{owner}'s property '{row.Name}' has value '{text}', which is too long -- length limit is {max} characters.", owner, row.Name, text, $"at most {max} characters");
            return;
        }
        if (!result.TryAdd(code, text))
        {
            errors.Add(inArray ? "langStringElementCodeNotUnique" : "langStringCodeNotUnique", $"{owner}'s property '{row.Name}' is array in which language code '{code}' is duplicated.", owner, row.Name, code);
        }
    }

    /// <summary>A BCP 47 tag as the parser reads it: a 2–3 letter lower-case language, then subtags of 1–8 letters or digits.</summary>
    private static bool IsLanguageCode(string code)
    {
        var parts = code.Split('-');
        if (parts[0].Length is < 2 or > 3 || !parts[0].All(char.IsAsciiLetterLower))
        {
            return false;
        }
        return parts.Skip(1).All(p => p.Length is >= 1 and <= 8 && p.All(char.IsAsciiLetterOrDigit));
    }
}

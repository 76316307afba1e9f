using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PlateletTwins.Tests.Ingestion.Fuzz;

/// <summary>Seeded mutations of JSON bodies: on the tree (drop, null, wrong kinds, odd strings and ids) and on the bytes.</summary>
public sealed partial class JsonMutator(Random random)
{
    public static readonly string[] OddStrings =
    [
        "", " ", "x", "é", "日本語", "🙂", "\u0000", "\u0007", "\r\n", "a\nb", "a/b", "../..", "%2F", "a?b#c", "\u202Eevil", "$metadata",
        "dtmi:x:y;1", "run-1", "platelet-lab", "centrifuge-01", "CENTRIFUGE-01", new string('x', 129), new string('x', 4096), new string('x', 4097),
        new string('é', 2049), new string('z', 20_000), "2026-01-05T07:00:00Z", "NaN", "Infinity", "null", "true", "0",
    ];

    // Built from text, since a literal such as 1e400 is not a double and cannot be made from one.
    private static readonly string[] OddValues =
    [
        "null", "true", "false", "0", "-1", "-0", "1.5", "1e400", "-1e400", "1e-400", "2147483648", "-2147483649", "9223372036854775807",
        "9223372036854775808", "18446744073709551616", "0.1e1", "[]", "[null]", "{}", "{\"a\":1}", "[1,\"a\",null,{}]",
        string.Concat(Enumerable.Repeat("[", 70)) + string.Concat(Enumerable.Repeat("]", 70)),
    ];

    public T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public JsonNode? OddValue() => random.Next(3) == 0 ? JsonValue.Create(Pick(OddStrings)) : JsonNode.Parse(Pick(OddValues), documentOptions: new() { MaxDepth = 128 });

    /// <summary>One to three mutations at random places of <paramref name="root"/>, each described.</summary>
    public List<string> Mutate(JsonObject root)
    {
        var done = new List<string>();
        for (var n = random.Next(1, 4); n > 0; n--)
        {
            var places = Places(root, "$").ToList();
            var (parent, key, index, path) = Pick(places);
            switch (random.Next(6))
            {
                case 0 when parent is JsonObject obj:
                    obj.Remove(key!);
                    done.Add($"drop {path}");
                    break;
                case 1:
                    Set(parent, key, index, null);
                    done.Add($"null {path}");
                    break;
                case 2:
                    var odd = OddValue();
                    Set(parent, key, index, odd);
                    done.Add($"{path} = {Abbreviate(odd?.ToJsonString() ?? "null")}");
                    break;
                case 3:
                    var text = Pick(OddStrings);
                    Set(parent, key, index, JsonValue.Create(text));
                    done.Add($"{path} = \"{Abbreviate(text)}\"");
                    break;
                case 4 when parent is JsonObject obj:
                    var name = Pick(new[] { "extra", "RunId", "$metadata", "", "properties", "é" });
                    if (!obj.ContainsKey(name))
                    {
                        obj[name] = OddValue();
                        done.Add($"add {path}.{name}");
                    }
                    break;
                case 5 when parent is JsonArray array:
                    array.Add(array[index]?.DeepClone());
                    done.Add($"repeat {path}");
                    break;
            }
        }
        return done;
    }

    private static void Set(JsonNode parent, string? key, int index, JsonNode? value)
    {
        if (parent is JsonObject obj)
        {
            obj[key!] = value;
        }
        else
        {
            ((JsonArray)parent)[index] = value;
        }
    }

    private static IEnumerable<(JsonNode Parent, string? Key, int Index, string Path)> Places(JsonNode node, string path)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj.ToList())
                {
                    yield return (obj, key, -1, $"{path}.{key}");
                    if (child is not null)
                    {
                        foreach (var inner in Places(child, $"{path}.{key}"))
                        {
                            yield return inner;
                        }
                    }
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    yield return (array, null, i, $"{path}[{i}]");
                    if (array[i] is { } child)
                    {
                        foreach (var inner in Places(child, $"{path}[{i}]"))
                        {
                            yield return inner;
                        }
                    }
                }
                break;
        }
    }

    /// <summary>The text with one of its members written twice in the same object.</summary>
    public string DuplicateMember(string json)
    {
        var members = Member().Matches(json);
        var member = members[random.Next(members.Count)];
        return json.Insert(member.Index + member.Length, "," + member.Value);
    }

    /// <summary>The UTF-8 of the text with bytes that are not UTF-8 inside one of its strings.</summary>
    public byte[] InvalidUtf8(string json)
    {
        byte[][] sequences = [[0xC3], [0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82]];
        var bytes = Encoding.UTF8.GetBytes(json).ToList();
        var starts = Enumerable.Range(0, bytes.Count - 1).Where(i => bytes[i] == '"' && char.IsAsciiLetter((char)bytes[i + 1])).ToList();
        bytes.InsertRange(Pick(starts) + 1, Pick(sequences));
        return [.. bytes];
    }

    /// <summary>The text with an escaped lone surrogate inside one of its strings.</summary>
    public string LoneSurrogate(string json)
    {
        var starts = Enumerable.Range(0, json.Length - 1).Where(i => json[i] == '"' && char.IsAsciiLetter(json[i + 1])).ToList();
        return json.Insert(Pick(starts) + 1, Pick(new[] { "\\ud800", "\\udc00", "\\udbff\\u0041" }));
    }

    private static string Abbreviate(string text) => text.Length <= 40 ? text : text[..37] + "...";

    // A member whose value is a string, a number or a literal: duplicating its text duplicates the key in its object.
    [GeneratedRegex("\"[A-Za-z$]+\":(\"[^\"\\\\]*\"|-?[0-9][0-9.eE+-]*|true|false|null)")]
    private static partial Regex Member();
}

using System.Text;
using System.Text.Json.Nodes;

namespace PlateletTwins.Tests.MockAdt.HttpFuzz;

/// <summary>
/// Mutates valid JSON bodies into near-valid ones, seeded: members dropped, duplicated (same or other value), renamed
/// to odd names; values of the wrong kind or at the edges (1e400, -0, huge integers, lone surrogates, 5,000
/// characters); nesting past the limit; and, on the bytes, invalid UTF-8, truncation, stray structure, a BOM.
/// Odd raw JSON that a <see cref="JsonNode"/> cannot hold (a duplicate name, a lone surrogate) goes in as a placeholder
/// string that is replaced in the serialized text.
/// </summary>
public sealed class JsonMutator(Random random)
{
    public static readonly string[] OddValues =
    [
        "5", "-0", "0", "1e400", "-1e400", "1e-400", "123456789012345678901234567890", "9007199254740993", "-9223372036854775809",
        "2147483648", "1.5", "\"s\"", "\"\"", "true", "false", "null", "[]", "{}", "[1,\"a\",null]", "{\"a\":1}", "{\"$metadata\":5}",
        "\"\\ud800\"", "\"x\\udc00\"", "\"\\u0000\"", "\"" + new string('x', 5000) + "\"", "\"2024-13-45T99:99:99Z\"", "\"2024-01-01T00:00:00Z\"",
        "\"PT1H\"", "\"dtmi:fuzz:Room;1\"", "\"/name\"", "\"~2\"", "\"add\"", "\"replace\"", "\"remove\"", "\"move\"",
    ];

    public static readonly string[] OddNames =
    [
        "\"\"", "\"$x\"", "\"$metadata\"", "\"$dtId\"", "\"$etag\"", "\"~1\"", "\"a/b\"", "\"é\"", "\"\\u0000\"", "\"\\ud800\"", "\"a b\"",
        "\"" + new string('n', 2000) + "\"", "\"0\"", "\"op\"", "\"path\"", "\"value\"", "\"@id\"", "\"@type\"", "\"name\"", "\"schema\"",
    ];

    private static readonly byte[][] BadBytes =
    [
        [0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xC0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80], [0x00], [0xEF, 0xBB, 0xBF],
    ];

    private static readonly string[] Structure = ["{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "\\ud800", "/*", "NaN", "Infinity", " "];

    private readonly Dictionary<string, string> _raw = new(StringComparer.Ordinal);

    public Random Random => random;

    public T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>A mutation of <paramref name="seed"/>: mostly on its tree, sometimes on its bytes as well.</summary>
    public byte[] Mutate(JsonNode seed)
    {
        _raw.Clear();
        var root = seed.DeepClone();
        for (var n = random.Next(1, 3); n > 0; n--)
        {
            root = MutateTree(root);
        }
        var bytes = Encoding.UTF8.GetBytes(Serialize(root));
        return random.Next(4) == 0 ? MutateBytes(bytes) : bytes;
    }

    /// <summary>Only the bytes of <paramref name="seed"/> are mutated: encodings and structure.</summary>
    public byte[] MutateBytes(JsonNode seed) => MutateBytes(Encoding.UTF8.GetBytes(seed.ToJsonString()));

    public byte[] MutateBytes(byte[] bytes)
    {
        var list = new List<byte>(bytes);
        // Inside a string where there is one: that is where encodings matter.
        var quotes = Enumerable.Range(0, list.Count).Where(i => list[i] == (byte)'"').ToList();
        var at = quotes.Count > 0 && random.Next(3) > 0 ? quotes[random.Next(quotes.Count)] + 1 : random.Next(list.Count + 1);
        at = Math.Min(at, list.Count);
        switch (random.Next(6))
        {
            case 0:
            case 1:
                list.InsertRange(at, Pick(BadBytes));
                break;
            case 2:
                list.InsertRange(at, Encoding.UTF8.GetBytes(Pick(Structure)));
                break;
            case 3:
                if (list.Count > 0)
                {
                    list.RemoveAt(Math.Min(at, list.Count - 1));
                }
                break;
            case 4:
                list.RemoveRange(at, list.Count - at);
                break;
            default:
                list.InsertRange(at, "\\ud800"u8.ToArray());
                break;
        }
        return [.. list];
    }

    private JsonNode? MutateTree(JsonNode? root)
    {
        var places = new List<(JsonNode? Node, JsonNode? Parent, string? Key, int Index)>();
        Collect(root, null, null, -1, places);
        var (node, parent, key, index) = Pick(places);
        switch (random.Next(9))
        {
            case 0 when parent is not null:
                Remove(parent, key, index);
                return root;
            case 1:
            case 2:
                return Replace(root, parent, key, index, Raw(Pick(OddValues)));
            case 3 when parent is JsonObject obj:
                // The same name again, with its own value or another.
                obj[Placeholder("\"" + JsonEncoded(key!) + "\"")] = random.Next(2) == 0 ? node?.DeepClone() : Raw(Pick(OddValues));
                return root;
            case 4 when parent is JsonObject obj:
                var value = node?.DeepClone();
                obj.Remove(key!);
                obj[Placeholder(Pick(OddNames))] = value;
                return root;
            case 5:
                return Replace(root, parent, key, index, random.Next(2) == 0 ? new JsonArray(node?.DeepClone()) : new JsonObject { ["v"] = node?.DeepClone() });
            case 6:
                var depth = Pick(new[] { 10, 63, 64, 65, 200, 5000 });
                return Replace(root, parent, key, index, Raw(new string('[', depth) + "1" + new string(']', depth)));
            case 7 when node is JsonObject target:
                target[Placeholder(Pick(OddNames))] = Raw(Pick(OddValues));
                return root;
            case 8 when node is JsonArray array:
                array.Insert(random.Next(array.Count + 1), Raw(Pick(OddValues)));
                return root;
            default:
                return Replace(root, parent, key, index, Raw(Pick(OddValues)));
        }
    }

    private static void Collect(JsonNode? node, JsonNode? parent, string? key, int index, List<(JsonNode?, JsonNode?, string?, int)> into)
    {
        into.Add((node, parent, key, index));
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    Collect(value, obj, name, -1, into);
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Collect(array[i], array, null, i, into);
                }
                break;
        }
    }

    private static void Remove(JsonNode parent, string? key, int index)
    {
        if (parent is JsonObject obj)
        {
            obj.Remove(key!);
        }
        else
        {
            ((JsonArray)parent).RemoveAt(index);
        }
    }

    private static JsonNode? Replace(JsonNode? root, JsonNode? parent, string? key, int index, JsonNode? value)
    {
        switch (parent)
        {
            case null:
                return value;
            case JsonObject obj:
                obj[key!] = value;
                break;
            default:
                ((JsonArray)parent)[index] = value;
                break;
        }
        return root;
    }

    // A raw JSON text as a node: a string holding a placeholder the serializer replaces.
    private JsonValue Raw(string json) => JsonValue.Create(Placeholder(json));

    private string Placeholder(string json)
    {
        var placeholder = $"\u0001{_raw.Count}\u0001";
        _raw[placeholder] = json;
        return placeholder;
    }

    private string Serialize(JsonNode? root)
    {
        var text = root?.ToJsonString() ?? "null";
        // Later placeholders may sit inside earlier ones' raw text only as text, so replace the newest first.
        foreach (var (placeholder, json) in _raw.Reverse())
        {
            text = text.Replace("\"" + JsonEncoded(placeholder) + "\"", json, StringComparison.Ordinal);
        }
        return text;
    }

    private static string JsonEncoded(string text)
    {
        var quoted = JsonValue.Create(text).ToJsonString();
        return quoted[1..^1];
    }
}

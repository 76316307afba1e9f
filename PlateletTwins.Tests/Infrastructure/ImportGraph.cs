using System.Text;
using System.Text.Json.Nodes;

namespace PlateletTwins.Tests.Infrastructure;

/// <summary>
/// An import file (ADT's NDJSON: Header, Models, Twins, Relationships) of a graph of the project's own models: devices
/// alternately centrifuges and separators, each feeding the next ones, as many relationships as asked per twin.
/// </summary>
public static class ImportGraph
{
    public const string CentrifugeModel = "dtmi:platelettwins:devices:Centrifuge;1";
    public const string SeparatorModel = "dtmi:platelettwins:devices:Separator;1";

    /// <summary>The project's models, from the DTDL folder.</summary>
    public static IReadOnlyList<JsonNode> Models(string dtdlDirectory) =>
        [.. Directory.EnumerateFiles(dtdlDirectory, "*.json", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path => JsonNode.Parse(File.ReadAllText(path))!)];

    public static string TwinId(int i) => $"device-{i}";

    public static byte[] Write(string dtdlDirectory, int twins, int relationshipsPerTwin, bool withModels = true)
    {
        var text = new StringBuilder(twins * 200);
        text.Append("{\"Section\": \"Header\"}\n");
        text.Append("{\"fileVersion\": \"1.0.0\", \"author\": \"PlateletTwins\", \"organization\": \"PlateletTwins\"}\n");
        if (withModels)
        {
            text.Append("{\"Section\": \"Models\"}\n");
            foreach (var model in Models(dtdlDirectory))
            {
                text.Append(model.ToJsonString()).Append('\n');
            }
        }
        text.Append("{\"Section\": \"Twins\"}\n");
        for (var i = 0; i < twins; i++)
        {
            var model = i % 2 == 0 ? CentrifugeModel : SeparatorModel;
            text.Append($$"""{"$dtId":"{{TwinId(i)}}","$metadata":{"$model":"{{model}}"},"capacity":{{1 + i % 12}},"status":"Idle"}""").Append('\n');
        }
        text.Append("{\"Section\": \"Relationships\"}\n");
        for (var i = 0; i < twins; i++)
        {
            for (var r = 0; r < relationshipsPerTwin; r++)
            {
                var target = (i + 1 + r) % twins;
                text.Append($$"""{"$dtId":"{{TwinId(i)}}","$relationshipId":"feeds-{{r}}","$targetId":"{{TwinId(target)}}","$relationshipName":"feeds"}""").Append('\n');
            }
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}

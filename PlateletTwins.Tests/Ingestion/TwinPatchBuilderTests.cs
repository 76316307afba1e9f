using System.Text.Json.Nodes;
using PlateletTwins.IngestionService.Twins;

namespace PlateletTwins.Tests.Ingestion;

public sealed class TwinPatchBuilderTests
{
    [Fact]
    public void Every_property_is_an_add_with_its_source_time_never_a_replace()
    {
        var write = new PendingWrite();
        write.Properties["status"] = new PendingProperty(JsonValue.Create("Blocked"), new DateTimeOffset(2026, 1, 5, 9, 30, 0, TimeSpan.Zero), 3);
        write.Properties["inUse"] = new PendingProperty(JsonValue.Create(2), new DateTimeOffset(2026, 1, 5, 9, 31, 0, TimeSpan.Zero), 4);

        var patch = JsonNode.Parse(TwinPatchBuilder.Build(write).ToString())!.AsArray();

        Assert.All(patch, op => Assert.Equal("add", op!["op"]!.GetValue<string>()));
        Assert.Equal(
            ["/inUse", "/$metadata/inUse/sourceTime", "/status", "/$metadata/status/sourceTime"],
            patch.Select(op => op!["path"]!.GetValue<string>()));
        Assert.Equal(2, patch[0]!["value"]!.GetValue<int>());
        Assert.Equal("2026-01-05T09:30:00.0000000Z", patch[3]!["value"]!.GetValue<string>());
    }
}

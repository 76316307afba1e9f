using System.Net.Mime;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PlateletTwins.MockAdt.Events;
using PlateletTwins.MockAdt.History;
using PlateletTwins.MockAdt.Limits;
using PlateletTwins.MockAdt.Persistence;
using PlateletTwins.MockAdt.Store;
using PlateletTwins.MockAdt.Twins;

namespace PlateletTwins.Tests.MockAdt;

/// <summary>
/// The change events' types and what they decide: the CloudEvent each becomes (written and read back by the SDK's
/// JSON event format), and the data history rows each leaves.
/// </summary>
public sealed class ChangeEventTests
{
    private const string Model = "dtmi:platelettwins:Centrifuge;1";
    private static readonly DateTimeOffset Now = new(2026, 1, 5, 7, 0, 0, 123, TimeSpan.Zero);

    private static TwinRecord Twin(string json) => new("centrifuge-a", Model, "W/\"1\"", Encoding.UTF8.GetBytes(json));

    private static readonly TwinRecord Centrifuge = Twin("""
        {"$dtId":"centrifuge-a","queueLength":4,"status":"Idle","$metadata":{"$model":"dtmi:platelettwins:Centrifuge;1",
        "queueLength":{"lastUpdateTime":"2026-01-05T07:00:00Z","sourceTime":"2026-01-05T06:59:00Z"},"status":{"lastUpdateTime":"2026-01-05T07:00:00Z"}}}
        """);

    private static readonly RelationshipRecord Feeds = new("centrifuge-a", "feeds-separator-a", "feeds", "separator-a", "W/\"2\"",
        Encoding.UTF8.GetBytes("""{"$relationshipId":"feeds-separator-a","$sourceId":"centrifuge-a","$relationshipName":"feeds","$targetId":"separator-a","rate":3}"""));

    private static JsonPatch Patch(string json)
    {
        var array = JsonNode.Parse(json)!.AsArray();
        return new JsonPatch(array, [.. array.Select(PatchOperation.Read)]);
    }

    private static (DataHistory History, TwinStore Twins) NewHistory()
    {
        var twins = new TwinStore(TimeProvider.System, Options.Create(new LimitsOptions()), InMemoryOnly.Instance);
        return (new DataHistory(Options.Create(new HistoryOptions()), twins, InMemoryOnly.Instance), twins);
    }

    [Fact]
    public void Each_change_is_the_CloudEvent_type_and_subject_ADT_names_it()
    {
        ChangeEvent[] changes =
        [
            new TwinCreated(Centrifuge, Now), new TwinUpdated(Centrifuge, Patch("[]"), Now), new TwinDeleted(Centrifuge, Now),
            new RelationshipCreated(Feeds, Now), new RelationshipUpdated(Feeds, Model, [], Now), new RelationshipDeleted(Feeds, Now),
            new TelemetryReceived("centrifuge-a", Model, "rotor", JsonValue.Create(1), null, Now),
        ];

        Assert.Equal([EventTypes.TwinCreate, EventTypes.TwinUpdate, EventTypes.TwinDelete, EventTypes.RelationshipCreate,
            EventTypes.RelationshipUpdate, EventTypes.RelationshipDelete, EventTypes.Telemetry], changes.Select(ChangeCloudEvent.Type));
        Assert.Equal(["centrifuge-a", "centrifuge-a", "centrifuge-a", "centrifuge-a/relationships/feeds-separator-a",
            "centrifuge-a/relationships/feeds-separator-a", "centrifuge-a/relationships/feeds-separator-a", "rotor"], changes.Select(ChangeCloudEvent.Subject));
    }

    [Fact]
    public void A_telemetry_CloudEvent_written_in_the_JSON_event_format_reads_back_with_every_attribute()
    {
        var change = new TelemetryReceived("centrifuge-a", Model, "rotor", JsonNode.Parse("""{"event":"spin","rpm":3000}""")!, "2026-01-05T07:30:00Z", Now)
        {
            Host = "adt.example:8080",
            TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
        };

        var written = CloudEventWriter.Write(ChangeCloudEvent.Create(change, "e-1", ChangeCloudEvent.Data(change)));
        var json = JsonNode.Parse(written)!.AsObject();
        var read = CloudEventWriter.Formatter.DecodeStructuredModeMessage(written, new ContentType("application/cloudevents+json; charset=utf-8"), [ChangeCloudEvent.TraceParent]);

        // The attributes ADT sets, and no others (their order is the formatter's; JSON objects have none).
        Assert.Equal(new[] { "data", "datacontenttype", "dataschema", "id", "source", "specversion", "subject", "time", "traceparent", "type" },
            json.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal("1.0", json["specversion"]!.GetValue<string>());
        Assert.Equal("e-1", read.Id);
        Assert.Equal(EventTypes.Telemetry, read.Type);
        Assert.Equal("adt.example:8080/digitaltwins/centrifuge-a", read.Source!.OriginalString);
        Assert.Equal("rotor", read.Subject);
        Assert.Equal("2026-01-05T07:30:00Z", json["time"]!.GetValue<string>());
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 7, 30, 0, TimeSpan.Zero), read.Time);
        Assert.Equal("application/json", read.DataContentType);
        Assert.Equal(Model, read.DataSchema!.OriginalString);
        Assert.Equal(change.TraceParent, read[ChangeCloudEvent.TraceParent]);
        Assert.True(JsonNode.DeepEquals(change.Body, JsonNode.Parse(((JsonElement)read.Data!).GetRawText())));
    }

    [Fact]
    public void A_twins_own_telemetry_has_no_subject_and_a_graph_change_no_dataschema()
    {
        var telemetry = new TelemetryReceived("centrifuge-a", Model, null, JsonValue.Create(1), null, Now) { Host = "h" };
        var update = new TwinUpdated(Centrifuge, Patch("""[{"op":"replace","path":"/queueLength","value":5}]"""), Now) { Host = "h" };

        var fromTelemetry = JsonNode.Parse(CloudEventWriter.Write(ChangeCloudEvent.Create(telemetry, "e-2", ChangeCloudEvent.Data(telemetry))))!.AsObject();
        var fromUpdate = JsonNode.Parse(CloudEventWriter.Write(ChangeCloudEvent.Create(update, "e-3", ChangeCloudEvent.Data(update))))!.AsObject();

        Assert.False(fromTelemetry.ContainsKey("subject"));
        Assert.Equal(Now, fromTelemetry["time"]!.GetValue<DateTimeOffset>());
        Assert.False(fromUpdate.ContainsKey("dataschema"));
        Assert.False(fromUpdate.ContainsKey("traceparent"));
        Assert.Equal("h", fromUpdate["source"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse($$"""{"modelId":"{{Model}}","patch":[{"op":"replace","path":"/queueLength","value":5}]}"""), fromUpdate["data"]));
    }

    [Fact]
    public void A_created_twin_is_a_lifecycle_row_and_a_row_per_property_with_its_source_time()
    {
        var (history, _) = NewHistory();

        history.Record(new TwinCreated(Centrifuge, Now) { Host = "h" });

        var lifecycle = Assert.Single(history.TwinLifecycle());
        Assert.Equal(new TwinLifecycleRow("centrifuge-a", Now, "h", LifecycleAction.Create, Model), lifecycle);
        var rows = history.AllProperties();
        Assert.Equal(["queueLength", "status"], rows.Select(r => r.Key));
        Assert.Equal(["4", "\"Idle\""], rows.Select(r => r.Value));
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 6, 59, 0, TimeSpan.Zero), rows[0].SourceTimeStamp);
        Assert.Null(rows[1].SourceTimeStamp);
    }

    [Fact]
    public void An_update_is_a_row_per_patched_property_read_from_the_patch_or_else_from_the_twin()
    {
        var (history, _) = NewHistory();

        // queueLength carries its value and source time; status only its value, so its row is the twin's (value and
        // metadata); a remove is no row.
        history.Record(new TwinUpdated(Centrifuge, Patch("""
            [{"op":"replace","path":"/queueLength","value":9},{"op":"add","path":"/$metadata/queueLength/sourceTime","value":"2026-01-05T07:10:00Z"},
             {"op":"replace","path":"/status","value":"Running"},{"op":"remove","path":"/other"}]
            """), Now) { Host = "h" });

        var rows = history.AllProperties();
        Assert.Equal(["queueLength", "status"], rows.Select(r => r.Key));
        Assert.Equal("9", rows[0].Value);
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 7, 10, 0, TimeSpan.Zero), rows[0].SourceTimeStamp);
        Assert.Equal("\"Idle\"", rows[1].Value);
        Assert.Empty(history.TwinLifecycle());
    }

    [Fact]
    public void A_path_with_escaped_tokens_is_read_as_a_JSON_Pointer()
    {
        var (history, _) = NewHistory();
        var twin = Twin("""{"$dtId":"centrifuge-a","a/b":1,"$metadata":{"$model":"dtmi:platelettwins:Centrifuge;1","a/b":{"lastUpdateTime":"2026-01-05T07:00:00Z"}}}""");

        history.Record(new TwinUpdated(twin, Patch("""[{"op":"add","path":"/a~1b","value":2},{"op":"add","path":"/$metadata/a~1b/sourceTime","value":"2026-01-05T07:20:00Z"}]"""), Now));

        var row = Assert.Single(history.AllProperties());
        Assert.Equal(("a/b", "2"), (row.Key, row.Value));
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 7, 20, 0, TimeSpan.Zero), row.SourceTimeStamp);
    }

    [Fact]
    public void Relationships_leave_lifecycle_rows_when_created_or_deleted_and_property_rows_when_created_or_updated()
    {
        var (history, twins) = NewHistory();
        twins.Write("centrifuge-a", _ => Centrifuge);

        history.Record(new RelationshipCreated(Feeds, Now) { Host = "h" });
        history.Record(new RelationshipUpdated(Feeds, Model, [], Now) { Host = "h" });
        history.Record(new RelationshipDeleted(Feeds, Now) { Host = "h" });
        history.Record(new TwinDeleted(Centrifuge, Now) { Host = "h" });
        history.Record(new TelemetryReceived("centrifuge-a", Model, null, JsonValue.Create(1), null, Now));

        Assert.Equal([LifecycleAction.Create, LifecycleAction.Delete], history.RelationshipLifecycle().Select(r => r.Action));
        Assert.Equal(new RelationshipLifecycleRow("feeds-separator-a", "feeds", Now, "h", LifecycleAction.Create, "centrifuge-a", "separator-a"), history.RelationshipLifecycle()[0]);
        var rows = history.AllProperties();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(new PropertyChangeRow(Now, null, "h", "centrifuge-a", Model, "rate", "3", "separator-a", "feeds-separator-a"), r));
        Assert.Equal([LifecycleAction.Delete], history.TwinLifecycle().Select(r => r.Action));
    }
}

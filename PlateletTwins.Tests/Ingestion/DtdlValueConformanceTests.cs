using System.Text.Json.Nodes;
using PlateletTwins.IngestionService.Intake;

namespace PlateletTwins.Tests.Ingestion;

/// <summary>Each DTDL value rule of the intake, valid and invalid, as ADT would judge a twin write.</summary>
public sealed class DtdlValueConformanceTests
{
    private static readonly JsonObject Schemas = JsonNode.Parse("""
        {
          "status": { "@type": "Enum", "valueSchema": "string", "enumValues": [ { "name": "Idle", "enumValue": "Idle" } ] },
          "level": { "@type": "Enum", "valueSchema": "integer", "enumValues": [ { "name": "Low", "enumValue": 1 }, { "name": "High", "enumValue": 2 } ] },
          "position": { "@type": "Object", "fields": [ { "name": "x", "schema": "double" }, { "name": "label", "schema": "string" } ] },
          "counts": { "@type": "Map", "mapKey": { "name": "k", "schema": "string" }, "mapValue": { "name": "v", "schema": "integer" } },
          "readings": { "@type": "Array", "elementSchema": "double" },
          "byRef": "dtmi:test:Reading;1"
        }
        """)!.AsObject();

    private static readonly JsonNode Reading = JsonNode.Parse("""{ "@id": "dtmi:test:Reading;1", "@type": "Array", "elementSchema": "integer" }""")!;

    private static string? Check(string schema, string value)
    {
        var node = Schemas[schema] ?? JsonValue.Create(schema);
        return DtdlValueConformance.Check(JsonNode.Parse(value), node.DeepClone(), id => id == "dtmi:test:Reading;1" ? Reading : null, "p");
    }

    [Theory]
    [InlineData("boolean", "true")]
    [InlineData("integer", "2147483647")]
    [InlineData("integer", "-2147483648")]
    [InlineData("long", "9223372036854775807")]
    [InlineData("double", "1.7976931348623157e308")]
    [InlineData("float", "3.4e38")]
    [InlineData("string", "\"héllo\"")]
    [InlineData("date", "\"2026-02-28\"")]
    [InlineData("dateTime", "\"2026-01-05T07:00:00Z\"")]
    [InlineData("dateTime", "\"2026-01-05T07:00:00.1234567+01:00\"")]
    [InlineData("time", "\"07:20:50.52Z\"")]
    [InlineData("time", "\"23:59:59-05:00\"")]
    [InlineData("duration", "\"P3Y6M4DT12H30M5S\"")]
    [InlineData("duration", "\"PT0.5S\"")]
    [InlineData("status", "\"Idle\"")]
    [InlineData("level", "2")]
    [InlineData("position", """{"x": 1.5}""")]
    [InlineData("position", """{"x": 1.5, "label": "a"}""")]
    [InlineData("counts", """{"a": 1, "b-c.d": 2}""")]
    [InlineData("readings", "[1, 2.5, -3]")]
    [InlineData("readings", "[]")]
    [InlineData("byRef", "[1, 2]")]
    [InlineData("point", """{"type": "Point", "coordinates": [4.9, 52.4]}""")]
    [InlineData("polygon", """{"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}""")]
    public void A_valid_value_conforms(string schema, string value) => Assert.Null(Check(schema, value));

    [Theory]
    [InlineData("boolean", "1")]
    [InlineData("boolean", "\"true\"")]
    [InlineData("integer", "2147483648")]
    [InlineData("integer", "1.0")]
    [InlineData("integer", "1e2")]
    [InlineData("long", "9223372036854775808")]
    [InlineData("double", "1e400")]
    [InlineData("double", "-1e400")]
    [InlineData("double", "\"1\"")]
    [InlineData("float", "3.5e38")]
    [InlineData("string", "5")]
    [InlineData("date", "\"2026-02-30\"")]
    [InlineData("date", "\"2026-1-5\"")]
    [InlineData("dateTime", "\"2026-01-05T07:00:00\"")]
    [InlineData("dateTime", "\"2026-01-05 07:00:00Z\"")]
    [InlineData("dateTime", "\"2026-01-05T07:00:00Z\\n\"")]
    [InlineData("dateTime", "\"2026-01-05T25:00:00Z\"")]
    [InlineData("dateTime", "\"٢٠٢٦-01-05T07:00:00Z\"")]
    [InlineData("time", "\"07:20\"")]
    [InlineData("time", "\"07:20:50\"")]
    [InlineData("time", "\"24:00:00Z\"")]
    [InlineData("duration", "\"P\"")]
    [InlineData("duration", "\"PT\"")]
    [InlineData("duration", "\"P1W\"")]
    [InlineData("duration", "\"-P1D\"")]
    [InlineData("duration", "\"1 day\"")]
    [InlineData("status", "\"Sleeping\"")]
    [InlineData("status", "0")]
    [InlineData("level", "3")]
    [InlineData("level", "\"1\"")]
    [InlineData("position", """{"x": "1"}""")]
    [InlineData("position", """{"x": 1, "y": 2}""")]
    [InlineData("position", """{"x": null}""")]
    [InlineData("position", "[1]")]
    [InlineData("counts", """{"a": 1.5}""")]
    [InlineData("counts", """{"": 1}""")]
    [InlineData("counts", "5")]
    [InlineData("readings", "[1, null]")]
    [InlineData("readings", """[1, "2"]""")]
    [InlineData("readings", """{"0": 1}""")]
    [InlineData("byRef", "[1.5]")]
    [InlineData("dtmi:test:Missing;1", "1")]
    [InlineData("point", """{"type": "point", "coordinates": [4.9, 52.4]}""")]
    [InlineData("point", """{"type": "Point", "coordinates": [4.9]}""")]
    [InlineData("lineString", """{"type": "LineString", "coordinates": [[0, 0]]}""")]
    [InlineData("string", "null")]
    public void An_invalid_value_is_refused_naming_its_path(string schema, string value)
    {
        var problem = Check(schema, value);
        Assert.NotNull(problem);
        Assert.StartsWith("p", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_string_is_at_most_4_KB_of_UTF_8()
    {
        Assert.Null(Check("string", $"\"{new string('a', 4096)}\""));
        Assert.NotNull(Check("string", $"\"{new string('a', 4097)}\""));
        // 2,049 characters of two bytes each: 4,098 bytes.
        Assert.NotNull(Check("string", $"\"{new string('é', 2049)}\""));
    }

    [Fact]
    public void A_map_key_is_at_most_1_KB()
    {
        Assert.Null(Check("counts", $$"""{"{{new string('k', 1024)}}": 1}"""));
        Assert.NotNull(Check("counts", $$"""{"{{new string('k', 1025)}}": 1}"""));
    }
}

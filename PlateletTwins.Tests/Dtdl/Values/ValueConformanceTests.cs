using System.Text.Json.Nodes;
using PlateletTwins.Dtdl.Model;
using PlateletTwins.Dtdl.Values;

namespace PlateletTwins.Tests.Dtdl.Values;

/// <summary>Each DTDL value rule, valid and invalid, per schema kind, as ADT judges a twin write.</summary>
public sealed class ValueConformanceTests
{
    private static readonly Dictionary<string, DtdlSchema> Complex = new()
    {
        ["status"] = new EnumSchema("string", [new EnumValue("Idle", "Idle", null), new EnumValue("Busy", "Busy", null)]),
        ["level"] = new EnumSchema("integer", [new EnumValue("Low", null, 1), new EnumValue("High", null, 2)]),
        ["position"] = new ObjectSchema([new SchemaField("x", new PrimitiveSchema("double")), new SchemaField("label", new PrimitiveSchema("string"))]),
        ["counts"] = new MapSchema("k", "v", new PrimitiveSchema("integer")),
        ["readings"] = new ArraySchema(new PrimitiveSchema("double")),
        ["nested"] = new ArraySchema(new ObjectSchema([new SchemaField("at", new PrimitiveSchema("dateTime"))])),
    };

    private static DtdlSchema SchemaOf(string name) => Complex.TryGetValue(name, out var schema) ? schema : new PrimitiveSchema(name);

    private static string? Check(string schema, string json) => ValueConformance.FirstProblem(JsonNode.Parse(json), SchemaOf(schema), "p");

    [Theory]
    [InlineData("boolean", "true")]
    [InlineData("boolean", "false")]
    [InlineData("integer", "2147483647")]
    [InlineData("integer", "-2147483648")]
    [InlineData("long", "9223372036854775807")]
    [InlineData("long", "-9223372036854775808")]
    [InlineData("double", "1.7976931348623157e308")]
    [InlineData("double", "-0.5")]
    [InlineData("float", "3.4e38")]
    [InlineData("string", "\"héllo\"")]
    [InlineData("string", "\"\"")]
    [InlineData("string", "\"a\\nb \\u00e9\"")]
    [InlineData("date", "\"2026-02-28\"")]
    [InlineData("date", "\"2024-02-29\"")]
    [InlineData("dateTime", "\"2026-01-05T07:00:00Z\"")]
    [InlineData("dateTime", "\"2026-01-05T07:00:00.1234567+01:00\"")]
    [InlineData("dateTime", "\"2026-01-05T07:00:00.5-14:00\"")]
    [InlineData("dateTime", "\"2026-01-05T07:00:00\\u005A\"")]
    [InlineData("time", "\"07:20:50.52Z\"")]
    [InlineData("time", "\"23:59:59-05:00\"")]
    [InlineData("time", "\"00:00:00+23:59\"")]
    [InlineData("duration", "\"P3Y6M4DT12H30M5S\"")]
    [InlineData("duration", "\"PT0.5S\"")]
    [InlineData("duration", "\"P1M\"")]
    [InlineData("duration", "\"PT1M\"")]
    [InlineData("duration", "\"P10675199DT2H48M5.4775807S\"")]
    [InlineData("status", "\"Idle\"")]
    [InlineData("status", "\"Bu\\u0073y\"")]
    [InlineData("level", "2")]
    [InlineData("position", """{"x": 1.5}""")]
    [InlineData("position", """{"x": 1.5, "label": "a"}""")]
    [InlineData("position", "{}")]
    [InlineData("counts", """{"a": 1, "b-c.d": 2}""")]
    [InlineData("counts", "{}")]
    [InlineData("readings", "[1, 2.5, -3]")]
    [InlineData("readings", "[]")]
    [InlineData("nested", """[{"at": "2026-01-05T07:00:00Z"}]""")]
    [InlineData("point", """{"type": "Point", "coordinates": [4.9, 52.4]}""")]
    [InlineData("point", """{"type": "Point", "coordinates": [4.9, 52.4, 3]}""")]
    [InlineData("lineString", """{"type": "LineString", "coordinates": [[0, 0], [1, 1]]}""")]
    [InlineData("multiPoint", """{"type": "MultiPoint", "coordinates": [[0, 0]]}""")]
    [InlineData("polygon", """{"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}""")]
    [InlineData("multiLineString", """{"type": "MultiLineString", "coordinates": [[[0, 0], [1, 1]]]}""")]
    [InlineData("multiPolygon", """{"type": "MultiPolygon", "coordinates": [[[[0, 0], [1, 0], [1, 1], [0, 0]]]]}""")]
    public void A_valid_value_conforms(string schema, string value)
    {
        Assert.Null(Check(schema, value));
        Assert.True(ValueConformance.IsValid(JsonNode.Parse(value), SchemaOf(schema)));
    }

    [Theory]
    [InlineData("boolean", "1")]
    [InlineData("boolean", "\"true\"")]
    [InlineData("integer", "2147483648")]
    [InlineData("integer", "-2147483649")]
    [InlineData("integer", "1.0")]
    [InlineData("integer", "1e2")]
    [InlineData("integer", "\"1\"")]
    [InlineData("long", "9223372036854775808")]
    [InlineData("long", "1.5")]
    [InlineData("double", "1e400")]
    [InlineData("double", "-1e400")]
    [InlineData("double", "\"1\"")]
    [InlineData("double", "true")]
    [InlineData("float", "3.5e38")]
    [InlineData("float", "-3.5e38")]
    [InlineData("string", "5")]
    [InlineData("string", "\"\\ud800\"")]
    [InlineData("date", "\"2026-02-30\"")]
    [InlineData("date", "\"2025-02-29\"")]
    [InlineData("date", "\"2026-1-5\"")]
    [InlineData("date", "\"2026-13-01\"")]
    [InlineData("date", "\"0000-01-01\"")]
    [InlineData("date", "\"2026-01-05T00:00:00Z\"")]
    [InlineData("dateTime", "\"2026-01-05T07:00:00\"")]
    [InlineData("dateTime", "\"2026-01-05 07:00:00Z\"")]
    [InlineData("dateTime", "\"2026-01-05t07:00:00z\"")]
    [InlineData("dateTime", "\"2026-01-05T07:00:00Z\\n\"")]
    [InlineData("dateTime", "\" 2026-01-05T07:00:00Z\"")]
    [InlineData("dateTime", "\"2026-01-05T25:00:00Z\"")]
    [InlineData("dateTime", "\"2026-01-05T07:00:60Z\"")]
    [InlineData("dateTime", "\"2026-01-05T07:00:00.12345678Z\"")]
    [InlineData("dateTime", "\"2026-01-05T07:00:00.Z\"")]
    [InlineData("dateTime", "\"2026-01-05T07:00:00+15:00\"")]
    [InlineData("dateTime", "\"2026-01-05T07:00:00+01:60\"")]
    [InlineData("dateTime", "\"2026-01-05T07:00Z\"")]
    [InlineData("dateTime", "\"0001-01-01T00:00:00+01:00\"")]
    [InlineData("dateTime", "\"٢٠٢٦-01-05T07:00:00Z\"")]
    [InlineData("dateTime", "\"2026-01-05\"")]
    [InlineData("time", "\"07:20\"")]
    [InlineData("time", "\"07:20:50\"")]
    [InlineData("time", "\"24:00:00Z\"")]
    [InlineData("time", "\"07:20:50+24:00\"")]
    [InlineData("time", "\"07:20:50.Z\"")]
    [InlineData("time", "\"2026-01-05T07:20:50Z\"")]
    [InlineData("duration", "\"P\"")]
    [InlineData("duration", "\"PT\"")]
    [InlineData("duration", "\"P1DT\"")]
    [InlineData("duration", "\"P1W\"")]
    [InlineData("duration", "\"-P1D\"")]
    [InlineData("duration", "\"P1D2Y\"")]
    [InlineData("duration", "\"P1.5D\"")]
    [InlineData("duration", "\"PT1.S\"")]
    [InlineData("duration", "\"PT1H1H\"")]
    [InlineData("duration", "\"P99999999999Y\"")]
    [InlineData("duration", "\"P10675199DT2H48M5.4775808S\"")]
    [InlineData("duration", "\"1 day\"")]
    [InlineData("status", "\"Sleeping\"")]
    [InlineData("status", "\"idle\"")]
    [InlineData("status", "0")]
    [InlineData("level", "3")]
    [InlineData("level", "1.5")]
    [InlineData("level", "\"1\"")]
    [InlineData("position", """{"x": "1"}""")]
    [InlineData("position", """{"x": 1, "y": 2}""")]
    [InlineData("position", """{"x": null}""")]
    [InlineData("position", "[1]")]
    [InlineData("counts", """{"a": 1.5}""")]
    [InlineData("counts", """{"": 1}""")]
    [InlineData("counts", """{"a": null}""")]
    [InlineData("counts", "5")]
    [InlineData("readings", "[1, null]")]
    [InlineData("readings", """[1, "2"]""")]
    [InlineData("readings", """{"0": 1}""")]
    [InlineData("nested", """[{"at": "yesterday"}]""")]
    [InlineData("point", """{"type": "point", "coordinates": [4.9, 52.4]}""")]
    [InlineData("point", """{"type": "Point", "coordinates": [4.9]}""")]
    [InlineData("point", """{"type": "Point", "coordinates": [4.9, 52.4, 1, 2]}""")]
    [InlineData("point", """{"type": "Point", "coordinates": [4.9, "52.4"]}""")]
    [InlineData("point", """{"type": "Point", "coordinates": [4.9, 52.4], "bbox": []}""")]
    [InlineData("point", """{"coordinates": [4.9, 52.4]}""")]
    [InlineData("lineString", """{"type": "LineString", "coordinates": [[0, 0]]}""")]
    [InlineData("polygon", """{"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [0, 0]]]}""")]
    [InlineData("multiPolygon", """{"type": "MultiPolygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}""")]
    [InlineData("string", "null")]
    [InlineData("status", "null")]
    public void An_invalid_value_is_refused_naming_its_path(string schema, string value)
    {
        var problem = Check(schema, value);
        Assert.NotNull(problem);
        Assert.StartsWith("p", problem, StringComparison.Ordinal);
        Assert.False(ValueConformance.IsValid(JsonNode.Parse(value), SchemaOf(schema)));
    }

    [Fact]
    public void A_string_is_at_most_4_KB_of_UTF_8()
    {
        Assert.Null(Check("string", $"\"{new string('a', 4096)}\""));
        Assert.NotNull(Check("string", $"\"{new string('a', 4097)}\""));
        Assert.Null(Check("string", $"\"{new string('é', 2048)}\""));
        // 2,049 characters of two bytes each: 4,098 bytes.
        Assert.NotNull(Check("string", $"\"{new string('é', 2049)}\""));
        // Escaped on the wire: counted as the text it stands for, 4,096 bytes.
        Assert.Null(Check("string", $"\"{string.Concat(Enumerable.Repeat("\\u00e9", 2048))}\""));
        Assert.NotNull(Check("string", $"\"{string.Concat(Enumerable.Repeat("\\u00e9", 2049))}\""));
    }

    [Fact]
    public void A_map_key_is_at_most_1_KB()
    {
        Assert.Null(Check("counts", $$"""{"{{new string('k', 1024)}}": 1}"""));
        Assert.NotNull(Check("counts", $$"""{"{{new string('k', 1025)}}": 1}"""));
        Assert.NotNull(Check("counts", $$"""{"{{new string('é', 513)}}": 1}"""));
    }

    [Fact]
    public void Every_problem_is_reported_with_its_path()
    {
        var problems = new List<string>();
        var valid = ValueConformance.Check(JsonNode.Parse("""{"x": "1", "label": 2, "z": 0}"""), SchemaOf("position"), "position", problems);
        Assert.False(valid);
        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("position/x ", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("position/label ", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("position/z is not a field", StringComparison.Ordinal));

        problems.Clear();
        Assert.False(ValueConformance.Check(JsonNode.Parse("""[{"at": "2026-01-05T07:00:00Z"}, {"at": "soon"}]"""), SchemaOf("nested"), "log", problems));
        Assert.Equal(["log/1/at = \"soon\" is not an RFC 3339 date-time (yyyy-MM-ddTHH:mm:ss, up to 7 fractional digits, Z or an offset)."], problems);
        Assert.Contains("counts/a", ValueConformance.FirstProblem(JsonNode.Parse("""{"a": 1.5}"""), SchemaOf("counts"), "counts"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_built_in_memory_is_judged_as_it_is_written()
    {
        Assert.True(ValueConformance.IsValid(JsonValue.Create(3), new PrimitiveSchema("integer")));
        Assert.True(ValueConformance.IsValid(JsonValue.Create(3L), new PrimitiveSchema("integer")));
        Assert.False(ValueConformance.IsValid(JsonValue.Create(3_000_000_000L), new PrimitiveSchema("integer")));
        Assert.True(ValueConformance.IsValid(JsonValue.Create(0.25), new PrimitiveSchema("double")));
        Assert.False(ValueConformance.IsValid(JsonValue.Create(double.NaN), new PrimitiveSchema("double")));
        Assert.False(ValueConformance.IsValid(JsonValue.Create(double.PositiveInfinity), new PrimitiveSchema("double")));
        Assert.True(ValueConformance.IsValid(JsonValue.Create("Busy"), SchemaOf("status")));
        Assert.True(ValueConformance.IsValid(JsonValue.Create(2), SchemaOf("level")));
        Assert.True(ValueConformance.IsValid(new JsonObject { ["x"] = 1.5 }, SchemaOf("position")));
        Assert.False(ValueConformance.IsValid(new JsonObject { ["x"] = "1.5" }, SchemaOf("position")));
        Assert.True(ValueConformance.IsValid(JsonValue.Create("2026-01-05T07:00:00Z"), new PrimitiveSchema("dateTime")));
    }

    [Fact]
    public void Validating_a_valid_value_allocates_nothing()
    {
        var schema = SchemaOf("status");
        var value = JsonNode.Parse("\"Busy\"");
        var number = JsonNode.Parse("7");
        var position = JsonNode.Parse("""{"x": 1.5, "label": "a"}""");
        var instant = JsonNode.Parse("\"2026-01-05T07:00:00Z\"");
        var integer = new PrimitiveSchema("integer");
        var dateTime = new PrimitiveSchema("dateTime");
        var positionSchema = SchemaOf("position");
        for (var warm = 0; warm < 3; warm++)
        {
            Run();
        }
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            Run();
        }
        // Less than a byte a run: one allocation on each validation would be 24 bytes or more.
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 1000, $"{allocated} bytes allocated by 1,000 runs of valid values");

        void Run()
        {
            Assert.True(ValueConformance.IsValid(value, schema));
            Assert.True(ValueConformance.IsValid(number, integer));
            Assert.True(ValueConformance.IsValid(position, positionSchema));
            Assert.True(ValueConformance.IsValid(instant, dateTime));
        }
    }
}

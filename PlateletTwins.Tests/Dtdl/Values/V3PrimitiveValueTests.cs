using System.Text.Json.Nodes;
using PlateletTwins.Dtdl.Model;
using PlateletTwins.Dtdl.Values;

namespace PlateletTwins.Tests.Dtdl.Values;

/// <summary>DTDL v3's further primitives (integer widths, decimal, uuid, bytes): the library reads models that use them, so values of them are checked too.</summary>
public sealed class V3PrimitiveValueTests
{
    private static string? Check(string schema, string json) => ValueConformance.FirstProblem(JsonNode.Parse(json), new PrimitiveSchema(schema), "p");

    [Theory]
    [InlineData("byte", "-128")]
    [InlineData("byte", "127")]
    [InlineData("short", "-32768")]
    [InlineData("unsignedByte", "255")]
    [InlineData("unsignedShort", "65535")]
    [InlineData("unsignedInteger", "4294967295")]
    [InlineData("unsignedLong", "18446744073709551615")]
    [InlineData("decimal", "12.25")]
    [InlineData("uuid", "\"0f8fad5b-d9cb-469f-a165-70867728950e\"")]
    [InlineData("bytes", "\"aGVsbG8=\"")]
    public void Takes_a_value_of_its_schema(string schema, string json) => Assert.Null(Check(schema, json));

    [Theory]
    [InlineData("byte", "128")]
    [InlineData("byte", "1.5")]
    [InlineData("short", "32768")]
    [InlineData("unsignedByte", "-1")]
    [InlineData("unsignedShort", "65536")]
    [InlineData("unsignedInteger", "4294967296")]
    [InlineData("unsignedLong", "18446744073709551616")]
    [InlineData("unsignedLong", "-1")]
    [InlineData("decimal", "\"12.25\"")]
    [InlineData("uuid", "\"not-a-uuid\"")]
    [InlineData("uuid", "42")]
    [InlineData("bytes", "\"a*b\"")]
    public void Refuses_a_value_outside_its_schema(string schema, string json) => Assert.Contains("p", Check(schema, json));
}

using System.Text.Json.Nodes;
using PlateletTwins.Dtdl;

namespace PlateletTwins.Tests.Dtdl;

/// <summary>Small models for the rule tests: an Interface of either version with the members a case gives.</summary>
internal static class DtdlCases
{
    public static JsonObject Interface(int version, string members = "", string id = "dtmi:test:A;1", string? context = null) =>
        (JsonObject)JsonNode.Parse($$"""{"@context":{{context ?? $"\"dtmi:dtdl:context;{version}\""}},"@id":"{{id}}","@type":"Interface"{{(members.Length > 0 ? "," + members : "")}}}""")!;

    public static ParseResult Parse(params JsonNode[] documents) => ModelParser.Parse(documents, _ => null);

    public static ParseResult Parse(int version, string members, string? context = null) => Parse(Interface(version, members, context: context));

    public static void Valid(ParseResult result) =>
        Assert.True(result.IsValid, "expected valid, got: " + string.Join(" | ", result.Errors.Select(e => $"{e.ValidationId}: {e.Cause}")));

    public static void Invalid(ParseResult result, string validationId) =>
        Assert.True(!result.IsValid && result.Errors.Any(e => e.ValidationId == validationId),
            $"expected {validationId}, got: " + (result.IsValid ? "valid" : string.Join(" | ", result.Errors.Select(e => $"{e.ValidationId}: {e.Cause}"))));
}

using System.Text.Json.Nodes;
using PlateletTwins.Tests.Infrastructure;

namespace PlateletTwins.Tests.Deployment;

/// <summary>infra/ compiles with the Bicep CLI, warnings included, and grants ADT's data role to the ingestion identity only.</summary>
public sealed class BicepTemplateTests
{
    private const string DataOwnerRole = "bcd981a7-7f74-457b-83e1-cceb9e632ffe";

    public static TheoryData<string> Templates() =>
        [.. Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "infra"), "*.bicep").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    /// <summary>Resources of a compiled template, whether Bicep wrote them as an array or by symbolic name.</summary>
    private static IEnumerable<JsonObject> ResourcesOf(JsonObject template) => template["resources"] switch
    {
        JsonArray array => array.Select(r => r!.AsObject()),
        JsonObject byName => byName.Select(r => r.Value!.AsObject()),
        _ => [],
    };

    private static async Task<JsonObject> CompileAsync(string file)
    {
        var (template, diagnostics, exitCode) = await BicepCli.BuildAsync(Path.Combine(RepositoryPaths.Root, "infra", file));
        Assert.True(exitCode == 0, diagnostics);
        return template!;
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public async Task The_template_compiles_without_errors_or_warnings(string file)
    {
        var (template, diagnostics, exitCode) = await BicepCli.BuildAsync(Path.Combine(RepositoryPaths.Root, "infra", file));

        Assert.True(exitCode == 0, diagnostics);
        Assert.True(string.IsNullOrWhiteSpace(diagnostics), diagnostics);
        Assert.NotEmpty(ResourcesOf(template!));
    }

    [Fact]
    public async Task ADTs_data_role_goes_to_the_ingestion_identity_and_otherwise_only_to_an_operator_named_by_parameter()
    {
        var template = await CompileAsync("adt.bicep");

        // The role's id, written out or through a variable holding it.
        string[] names = [DataOwnerRole, .. template["variables"]!.AsObject()
            .Where(v => v.Value is JsonValue value && value.ToString() == DataOwnerRole).Select(v => $"variables('{v.Key}')")];
        var grants = ResourcesOf(template)
            .Where(r => r["type"]!.GetValue<string>() == "Microsoft.Authorization/roleAssignments"
                && names.Any(n => r["properties"]!["roleDefinitionId"]!.GetValue<string>().Contains(n, StringComparison.Ordinal)))
            .ToList();

        Assert.Equal(2, grants.Count);
        var toIngestion = Assert.Single(grants, g => g["condition"] is null);
        Assert.Contains("userAssignedIdentities", toIngestion["properties"]!["principalId"]!.GetValue<string>(), StringComparison.Ordinal);
        var toOperator = Assert.Single(grants, g => g["condition"] is not null);
        Assert.Contains("parameters('operatorPrincipalId')", toOperator["properties"]!["principalId"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("", template["parameters"]!["operatorPrincipalId"]!["defaultValue"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_ingestion_app_carries_the_ingestion_identity_and_picks_it_for_its_ADT_token()
    {
        var template = await CompileAsync("ingestion.bicep");

        var app = Assert.Single(ResourcesOf(template), r => r["type"]!.GetValue<string>() == "Microsoft.App/containerApps");
        var identities = app["identity"]!["userAssignedIdentities"]!.AsObject();
        Assert.Contains(identities, i => i.Key.Contains("parameters('adt_ingestionidentityid')", StringComparison.Ordinal));
        var env = app["properties"]!["template"]!["containers"]![0]!["env"]!.AsArray().ToDictionary(e => e!["name"]!.GetValue<string>(), e => e!.AsObject());
        Assert.Equal("[parameters('adt_ingestionidentityclientid')]", env["AZURE_CLIENT_ID"]["value"]!.GetValue<string>());
        Assert.Equal("[parameters('adt_endpoint')]", env["ConnectionStrings__adt"]["value"]!.GetValue<string>());
        Assert.Equal("ManagedIdentityCredential", env["AZURE_TOKEN_CREDENTIALS"]["value"]!.GetValue<string>());
        Assert.Equal("intake-key", env["Intake__Key"]["secretRef"]!.GetValue<string>());
        Assert.False(app["properties"]!["configuration"]!["ingress"]!["external"]!.GetValue<bool>());
    }
}

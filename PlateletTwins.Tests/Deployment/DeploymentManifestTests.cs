using System.Text.Json.Nodes;
using PlateletTwins.Tests.Infrastructure;

namespace PlateletTwins.Tests.Deployment;

/// <summary>What azd reads from the AppHost: a real ADT instance and no emulator, the services wired to it, secrets as parameters.</summary>
public sealed class DeploymentManifestTests(DeploymentManifest manifest) : IClassFixture<DeploymentManifest>
{
    private static string Value(JsonNode? node) => node?.GetValue<string>() ?? "(missing)";

    [Fact]
    public void MockAdt_is_not_deployed()
    {
        Assert.DoesNotContain(manifest.Resources, r => r.Key.Contains("mockadt", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(manifest.Resources, r => r.Key.Contains("azurite", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("MockAdt", manifest.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_ingestion_service_and_the_simulator_are_deployed_from_their_projects()
    {
        var ingestion = manifest.Resource("ingestion");
        var simulator = manifest.Resource("simulator");

        Assert.Equal("project.v1", Value(ingestion["type"]));
        Assert.Equal("project.v0", Value(simulator["type"]));
        Assert.True(File.Exists(manifest.Resolve(Value(ingestion["path"]))), Value(ingestion["path"]));
        Assert.EndsWith("PlateletTwins.IngestionService.csproj", Value(ingestion["path"]), StringComparison.Ordinal);
        Assert.True(File.Exists(manifest.Resolve(Value(simulator["path"]))), Value(simulator["path"]));
        Assert.EndsWith("PlateletTwins.SimulatorService.csproj", Value(simulator["path"]), StringComparison.Ordinal);
    }

    [Fact]
    public void ADT_is_the_projects_Bicep_module_and_its_connection_string_is_the_instance_URL()
    {
        var adt = manifest.Resource("adt");

        Assert.Equal("azure.bicep.v0", Value(adt["type"]));
        Assert.Equal("{adt.outputs.endpoint}", Value(adt["connectionString"]));
        Assert.Equal(Path.Combine(RepositoryPaths.Root, "infra", "adt.bicep"), manifest.Resolve(Value(adt["path"])));
        Assert.Equal("{adt-data-history.value}", Value(adt["params"]!["dataHistory"]));
        Assert.Equal("false", Value(manifest.Resource("adt-data-history")["inputs"]!["value"]!["default"]!["value"]));
    }

    [Fact]
    public async Task The_ingestion_service_is_wired_to_the_ADT_endpoint_and_its_template_takes_every_parameter_given()
    {
        var ingestion = manifest.Resource("ingestion");
        var deployment = ingestion["deployment"]!.AsObject();
        var parameters = deployment["params"]!.AsObject();

        Assert.Equal("{adt.connectionString}", Value(ingestion["env"]!["ConnectionStrings__adt"]));
        Assert.Equal("{adt.outputs.endpoint}", Value(parameters["adt_endpoint"]));
        Assert.Equal("{adt.outputs.ingestionIdentityId}", Value(parameters["adt_ingestionidentityid"]));
        Assert.Equal("{adt.outputs.ingestionIdentityClientId}", Value(parameters["adt_ingestionidentityclientid"]));

        var template = manifest.Resolve(Value(deployment["path"]));
        Assert.Equal(Path.Combine(RepositoryPaths.Root, "infra", "ingestion.bicep"), template);
        var (compiled, diagnostics, exitCode) = await BicepCli.BuildAsync(template);
        Assert.True(exitCode == 0, diagnostics);
        var declared = compiled!["parameters"]!.AsObject();
        Assert.All(parameters, p => Assert.True(declared.ContainsKey(p.Key), $"ingestion.bicep declares no parameter {p.Key}"));
        Assert.All(declared.Where(d => d.Value!["defaultValue"] is null), d => Assert.True(parameters.ContainsKey(d.Key), $"the manifest gives no value for {d.Key}"));
    }

    [Fact]
    public void The_simulator_reaches_the_ingestion_service_and_has_no_ADT_connection()
    {
        var env = manifest.Resource("simulator")["env"]!.AsObject();

        Assert.Equal("{ingestion.bindings.http.url}", Value(env["services__ingestion__http__0"]));
        Assert.DoesNotContain(env, e => e.Key.Contains("adt", StringComparison.OrdinalIgnoreCase) || Value(e.Value).Contains("{adt.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_intake_key_is_a_generated_secret_parameter_given_to_both_services_by_reference()
    {
        var input = manifest.Resource("intake-key")["inputs"]!["value"]!;
        var ingestion = manifest.Resource("ingestion");

        Assert.True(input["secret"]!.GetValue<bool>());
        Assert.NotNull(input["default"]!["generate"]);
        Assert.Equal("{intake-key.value}", Value(ingestion["env"]!["Intake__Key"]));
        Assert.Equal("{intake-key.value}", Value(ingestion["deployment"]!["params"]!["intake_key_value"]));
        Assert.Equal("{intake-key.value}", Value(manifest.Resource("simulator")["env"]!["Streaming__IntakeKey"]));
        var (compiled, _, _) = await BicepCli.BuildAsync(manifest.Resolve(Value(ingestion["deployment"]!["path"])));
        Assert.Equal("securestring", Value(compiled!["parameters"]!["intake_key_value"]!["type"]));
    }

    [Fact]
    public void No_secret_value_is_written_to_the_manifest()
    {
        Assert.DoesNotContain(DeploymentManifest.SecretSentinel, manifest.Text, StringComparison.Ordinal);
    }
}

using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using PlateletTwins.Tests.Infrastructure;

namespace PlateletTwins.Tests.Distributed;

/// <summary>The AppHost's model, built but not started: which resources exist in which configuration.</summary>
public sealed class AppModelTests
{
    [Fact]
    public async Task By_default_MockAdt_runs_and_the_ingestion_service_waits_for_it()
    {
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.PlateletTwins_AppHost>();

        var names = builder.Resources.Select(r => r.Name).ToList();
        Assert.Contains("mockadt", names);
        Assert.Contains("ingestion", names);
        Assert.Contains("simulator", names);
        var ingestion = builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "ingestion");
        Assert.Contains(ingestion.Annotations.OfType<WaitAnnotation>(), w => w.Resource.Name == "mockadt");
    }

    [Fact]
    public async Task Beside_MockAdt_Azurite_runs_as_a_process_and_MockAdt_gets_its_connection_for_import_jobs()
    {
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.PlateletTwins_AppHost>();

        var azurite = Assert.IsType<ExecutableResource>(builder.Resources.Single(r => r.Name == "azurite"), exactMatch: false);
        Assert.Equal("node", azurite.Command);
        Assert.Contains(azurite.Annotations.OfType<EndpointAnnotation>(), e => e.Name == "blob");
        var variables = await MockAdtEnvironmentAsync(builder);
        Assert.IsType<ReferenceExpression>(variables["MockAdt__Jobs__StorageConnectionString"]);
    }

    [Fact]
    public async Task With_an_ADT_endpoint_configured_MockAdt_is_not_part_of_the_model()
    {
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.PlateletTwins_AppHost>(
            ["ConnectionStrings:adt=https://lab.api.weu.digitaltwins.azure.net"]);

        Assert.DoesNotContain(builder.Resources, r => r.Name == "mockadt");
        Assert.DoesNotContain(builder.Resources, r => r.Name == "mockadt-token");
        Assert.DoesNotContain(builder.Resources, r => r.Name == "azurite");
        Assert.Contains(builder.Resources, r => r.Name == "adt" && r is IResourceWithConnectionString);
    }

    [Fact]
    public async Task By_default_MockAdt_persists_in_a_per_user_directory_outside_the_repository()
    {
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.PlateletTwins_AppHost>();

        var directory = await MockAdtDataDirectoryAsync(builder);

        var userData = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        Assert.Equal(Path.Combine(userData, "PlateletTwins", "mockadt"), directory);
        Assert.False(Path.GetFullPath(directory).StartsWith(RepositoryPaths.Root, StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_MockAdt_Persist_false_MockAdt_keeps_its_state_in_memory_only()
    {
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.PlateletTwins_AppHost>(["MockAdt:Persist=false"]);

        Assert.Equal("", await MockAdtDataDirectoryAsync(builder));
    }

    [Fact]
    public async Task MockAdt_DataDirectory_moves_the_AppHosts_MockAdt_state_elsewhere()
    {
        var elsewhere = Path.Combine(Path.GetTempPath(), "platelettwins-elsewhere");
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.PlateletTwins_AppHost>([$"MockAdt:DataDirectory={elsewhere}"]);

        Assert.Equal(elsewhere, await MockAdtDataDirectoryAsync(builder));
    }

    [Fact]
    public async Task With_MockAdt_the_ingestion_service_gets_what_Azure_gives_a_container_app_with_a_managed_identity()
    {
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.PlateletTwins_AppHost>();
        var ingestion = builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "ingestion");
        var mockAdt = builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "mockadt");

        var variables = ingestion.Annotations.OfType<EnvironmentCallbackAnnotation>().ToList();
        var context = new EnvironmentCallbackContext(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Run), mockAdt);
        foreach (var callback in variables)
        {
            await callback.Callback(context);
        }

        var endpoint = Assert.IsType<ReferenceExpression>(context.EnvironmentVariables["IDENTITY_ENDPOINT"]);
        Assert.EndsWith("/mockadt/msi/token", endpoint.Format, StringComparison.Ordinal);
        Assert.Contains(endpoint.ValueProviders, p => p is EndpointReference e && e.Resource == mockAdt && e.EndpointName == "http");
        var header = Assert.IsType<ParameterResource>(context.EnvironmentVariables["IDENTITY_HEADER"]);
        Assert.Equal("mockadt-identity-header", header.Name);
        Assert.True(header.Secret);
        Assert.Equal("ManagedIdentityCredential", context.EnvironmentVariables["AZURE_TOKEN_CREDENTIALS"]);
        var adt = builder.Resources.OfType<IResourceWithConnectionString>().Single(r => r.Name == "adt");
        Assert.DoesNotContain("Token", adt.ConnectionStringExpression.Format, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_lab_files_parameter_gives_the_simulator_each_file_as_a_full_path_from_the_AppHosts_folder()
    {
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.PlateletTwins_AppHost>(
            ["Parameters:lab-files=../docs/labs/reference.json; ../docs/labs/three-centrifuges.json"]);

        var variables = await EnvironmentAsync(builder, "simulator").WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(Path.Combine(RepositoryPaths.Root, "docs", "labs", "reference.json"), variables["Streaming__LabFiles__0"]);
        Assert.Equal(Path.Combine(RepositoryPaths.Root, "docs", "labs", "three-centrifuges.json"), variables["Streaming__LabFiles__1"]);
        Assert.False(variables.ContainsKey("Streaming__LabFiles__2"));
    }

    [Theory]
    [InlineData(null, "false")]
    [InlineData("true", "true")]
    public async Task The_streaming_lossless_parameter_reaches_the_simulator_from_configuration(string? given, string expected)
    {
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.PlateletTwins_AppHost>(
            given is null ? [] : [$"Parameters:streaming-lossless={given}"]);

        var variables = await EnvironmentAsync(builder, "simulator").WaitAsync(TimeSpan.FromSeconds(30));
        var parameter = Assert.IsType<ParameterResource>(variables["Streaming__Lossless"]);
        Assert.Equal(expected, await parameter.GetValueAsync(CancellationToken.None));
    }

    // Only this variable is read: the others include parameters, which have values only once the app runs.
    private static async Task<string> MockAdtDataDirectoryAsync(IDistributedApplicationTestingBuilder builder) =>
        Assert.IsType<string>((await MockAdtEnvironmentAsync(builder))["MockAdt__DataDirectory"]);

    private static Task<Dictionary<string, object>> MockAdtEnvironmentAsync(IDistributedApplicationTestingBuilder builder) => EnvironmentAsync(builder, "mockadt");

    private static async Task<Dictionary<string, object>> EnvironmentAsync(IDistributedApplicationTestingBuilder builder, string resource)
    {
        var mockAdt = builder.Resources.OfType<ProjectResource>().Single(r => r.Name == resource);
        var context = new EnvironmentCallbackContext(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Run), mockAdt);
        foreach (var callback in mockAdt.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            await callback.Callback(context);
        }
        return context.EnvironmentVariables;
    }
}

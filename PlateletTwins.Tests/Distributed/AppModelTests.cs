using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

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
    public async Task With_an_ADT_endpoint_configured_MockAdt_is_not_part_of_the_model()
    {
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.PlateletTwins_AppHost>(
            ["ConnectionStrings:adt=https://lab.api.weu.digitaltwins.azure.net"]);

        Assert.DoesNotContain(builder.Resources, r => r.Name == "mockadt");
        Assert.DoesNotContain(builder.Resources, r => r.Name == "mockadt-token");
        Assert.Contains(builder.Resources, r => r.Name == "adt" && r is IResourceWithConnectionString);
    }
}

using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PlateletTwins.IngestionService.Adt;
using PlateletTwins.IngestionService.Hosting;
using PlateletTwins.Tests.Infrastructure;

namespace PlateletTwins.Tests.Ingestion;

public sealed class AdtConnectionTests
{
    [Fact]
    public void An_instance_url_alone_is_an_endpoint()
    {
        var connection = AdtConnection.Parse("https://lab.api.weu.digitaltwins.azure.net");
        Assert.Equal(new Uri("https://lab.api.weu.digitaltwins.azure.net"), connection.Endpoint);
        Assert.False(connection.Http2PriorKnowledge);
    }

    [Fact]
    public void Protocol_h2c_asks_for_HTTP2_without_TLS()
    {
        Assert.True(AdtConnection.Parse("Endpoint=http://localhost:5181;Protocol=h2c").Http2PriorKnowledge);
        Assert.False(AdtConnection.Parse("Endpoint=http://localhost:5180").Http2PriorKnowledge);
    }

    [Theory]
    [InlineData("Token=abc")]
    [InlineData("Endpoint=not a url")]
    [InlineData("Endpoint=http://localhost:5180;Protocol=http3")]
    [InlineData("Endpoint=https://lab.api.weu.digitaltwins.azure.net;Protocol=h2c")]
    public void A_connection_string_without_a_usable_endpoint_is_refused(string value) =>
        Assert.Throws<FormatException>(() => AdtConnection.Parse(value));

    [Fact]
    public void A_token_in_the_connection_string_is_refused_naming_the_way_the_service_gets_one()
    {
        var error = Assert.Throws<FormatException>(() => AdtConnection.Parse("Endpoint=http://localhost:5180;Token=abc123"));
        Assert.Contains("IDENTITY_ENDPOINT", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_service_composes_Azure_Identitys_DefaultAzureCredential_for_MockAdt_and_Azure_alike()
    {
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:adt"] = "Endpoint=http://127.0.0.1:1;Protocol=h2c",
            ["Intake:Key"] = "k",
            ["Dtdl:Directory"] = RepositoryPaths.Dtdl,
        });
        builder.AddIngestion();
        await using var app = builder.Build();

        Assert.IsType<DefaultAzureCredential>(app.Services.GetRequiredService<TokenCredential>());
    }
}

using Azure.Identity;
using PlateletTwins.IngestionService.Adt;

namespace PlateletTwins.Tests.Ingestion;

public sealed class AdtConnectionTests
{
    [Fact]
    public void An_instance_url_alone_uses_Azure_credentials()
    {
        var connection = AdtConnection.Parse("https://lab.api.weu.digitaltwins.azure.net");
        Assert.Equal(new Uri("https://lab.api.weu.digitaltwins.azure.net"), connection.Endpoint);
        Assert.IsType<DefaultAzureCredential>(connection.CreateCredential());
    }

    [Fact]
    public void The_emulators_form_carries_its_token()
    {
        var connection = AdtConnection.Parse("Endpoint=http://localhost:5180;Token=abc123");
        Assert.Equal(new Uri("http://localhost:5180"), connection.Endpoint);
        Assert.IsType<StaticTokenCredential>(connection.CreateCredential());
    }

    [Fact]
    public void Protocol_h2c_asks_for_HTTP2_without_TLS()
    {
        Assert.True(AdtConnection.Parse("Endpoint=http://localhost:5181;Token=abc123;Protocol=h2c").Http2PriorKnowledge);
        Assert.False(AdtConnection.Parse("Endpoint=http://localhost:5180;Token=abc123").Http2PriorKnowledge);
    }

    [Theory]
    [InlineData("Token=abc")]
    [InlineData("Endpoint=not a url")]
    [InlineData("Endpoint=http://localhost:5180;Protocol=http3")]
    [InlineData("Endpoint=https://lab.api.weu.digitaltwins.azure.net;Protocol=h2c")]
    public void A_connection_string_without_a_usable_endpoint_is_refused(string value) =>
        Assert.Throws<FormatException>(() => AdtConnection.Parse(value));
}

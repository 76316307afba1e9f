namespace PlateletTwins.AppHost.Azure;

/// <summary>
/// An Azure Digital Twins instance provisioned from the project's own Bicep (<c>infra/adt.bicep</c>), written to the
/// manifest as an <c>azure.bicep.v0</c> module so that azd deploys it; its connection string is the instance URL.
/// </summary>
internal sealed class AzureDigitalTwinsResource(string name, string templatePath) : Resource(name), IResourceWithConnectionString
{
    /// <summary>The Bicep template, relative to the AppHost's project directory.</summary>
    public string TemplatePath { get; } = templatePath;

    public BicepOutputReference Endpoint => new(this, "endpoint");

    public BicepOutputReference IngestionIdentityId => new(this, "ingestionIdentityId");

    public BicepOutputReference IngestionIdentityClientId => new(this, "ingestionIdentityClientId");

    /// <summary>The module's parameters: names of <c>infra/adt.bicep</c> to manifest expressions.</summary>
    public Dictionary<string, IManifestExpressionProvider> Parameters { get; } = [];

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{Endpoint}");
}

namespace PlateletTwins.AppHost.Azure;

/// <summary>
/// What Aspire.Hosting.Azure would give (it is not available here), done for the one Azure resource this project needs:
/// the instance as a Bicep module in the manifest, and a project published with a container-app template of its own.
/// </summary>
internal static class AzureDigitalTwinsExtensions
{
    public static IResourceBuilder<AzureDigitalTwinsResource> AddAzureDigitalTwins(this IDistributedApplicationBuilder builder, string name, string templatePath)
    {
        var resource = new AzureDigitalTwinsResource(name, templatePath);
        return builder.AddResource(resource)
            .WithManifestPublishingCallback(context => WriteModule(context, resource));
    }

    public static IResourceBuilder<AzureDigitalTwinsResource> WithParameter(this IResourceBuilder<AzureDigitalTwinsResource> builder, string name, IResourceBuilder<ParameterResource> value)
    {
        builder.Resource.Parameters[name] = value.Resource;
        return builder;
    }

    private static void WriteModule(Aspire.Hosting.Publishing.ManifestPublishingContext context, AzureDigitalTwinsResource resource)
    {
        var writer = context.Writer;
        writer.WriteString("type", "azure.bicep.v0");
        writer.WriteString("connectionString", resource.ConnectionStringExpression.ValueExpression);
        writer.WriteString("path", context.GetManifestRelativePath(resource.TemplatePath));
        writer.WriteStartObject("params");
        foreach (var (name, value) in resource.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.WriteString(name, value.ValueExpression);
            context.TryAddDependentResources(value);
        }
        writer.WriteEndObject();
    }
}

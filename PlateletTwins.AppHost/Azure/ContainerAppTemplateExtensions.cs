namespace PlateletTwins.AppHost.Azure;

/// <summary>
/// Publishes a project as <c>project.v1</c> with a Bicep template for its container app (what azd calls AppHost-owned
/// compute), so that the project's app can carry an identity no other app has.
/// </summary>
internal static class ContainerAppTemplateExtensions
{
    /// <param name="templatePath">The container app's Bicep, relative to the AppHost's project directory.</param>
    /// <param name="parameters">Its parameters: names of the template to manifest expressions, besides the image and port azd fills.</param>
    public static IResourceBuilder<ProjectResource> PublishWithContainerAppTemplate(
        this IResourceBuilder<ProjectResource> builder,
        string templatePath,
        IReadOnlyDictionary<string, IManifestExpressionProvider> parameters)
    {
        var resource = builder.Resource;
        return builder.WithManifestPublishingCallback(async context =>
        {
            var writer = context.Writer;
            writer.WriteString("type", "project.v1");
            writer.WriteString("path", context.GetManifestRelativePath(resource.GetProjectMetadata().ProjectPath));
            writer.WriteStartObject("deployment");
            writer.WriteString("type", "azure.bicep.v0");
            writer.WriteString("path", context.GetManifestRelativePath(templatePath));
            writer.WriteStartObject("params");
            var prefix = resource.Name.Replace('-', '_');
            writer.WriteString($"{prefix}_containerimage", $"{{{resource.Name}.containerImage}}");
            writer.WriteString($"{prefix}_containerport", $"{{{resource.Name}.containerPort}}");
            foreach (var output in (string[])["AZURE_CONTAINER_APPS_ENVIRONMENT_ID", "AZURE_CONTAINER_REGISTRY_ENDPOINT", "AZURE_CONTAINER_REGISTRY_MANAGED_IDENTITY_ID"])
            {
                writer.WriteString($"outputs_{output.ToLowerInvariant()}", $"{{.outputs.{output}}}");
            }
            foreach (var (name, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                writer.WriteString(name, value.ValueExpression);
                context.TryAddDependentResources(value);
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
            // The environment and bindings as Aspire writes them for any project: what the template sets, for the reader,
            // and the bindings azd derives the app's ingress and URL from.
            await context.WriteEnvironmentVariablesAsync(resource);
            context.WriteBindings(resource);
        });
    }
}

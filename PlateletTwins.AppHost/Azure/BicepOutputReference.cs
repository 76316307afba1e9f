namespace PlateletTwins.AppHost.Azure;

/// <summary>
/// An output of a Bicep module in the manifest, <c>{resource.outputs.name}</c>, which azd resolves after provisioning.
/// It exists only in the deployment description: nothing reads its value while the AppHost runs locally.
/// </summary>
internal sealed class BicepOutputReference(IResource resource, string name) : IManifestExpressionProvider, IValueProvider
{
    public string ValueExpression => $"{{{resource.Name}.outputs.{name}}}";

    public ValueTask<string?> GetValueAsync(CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException($"{ValueExpression} has a value only once azd has provisioned the module.");
}

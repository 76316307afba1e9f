using Azure.Core;
using Azure.Identity;

namespace PlateletTwins.IngestionService.Adt;

/// <summary>
/// The service's one way to its ADT token, the same in Azure and on a laptop (DESIGN principle 6): Azure.Identity's
/// <see cref="DefaultAzureCredential"/>, configured only by the environment. In a container app Azure sets
/// <c>IDENTITY_ENDPOINT</c> and <c>IDENTITY_HEADER</c> (and the deployment <c>AZURE_CLIENT_ID</c>, the identity with
/// ADT's data role), so it takes the managed identity; under the AppHost the same two variables point at MockAdt's
/// managed identity endpoint. <c>AZURE_TOKEN_CREDENTIALS=ManagedIdentityCredential</c>, set in both, keeps it from
/// trying a developer's own sign-ins first. Against a real instance from a laptop none is set and it takes
/// <c>az login</c> and the other developer credentials.
/// </summary>
internal static class AdtCredential
{
    public static TokenCredential Create() => new DefaultAzureCredential();
}

using System.Reflection;
using System.Text.Json.Nodes;
using PlateletTwins.Tests.Infrastructure;

namespace PlateletTwins.Tests.Deployment;

/// <summary>
/// The AppHost's deployment description, generated as azd generates it: the AppHost run with the manifest publisher.
/// A known value is given to the secret parameter so that a test can look for it in the output.
/// </summary>
public sealed class DeploymentManifest : IAsyncLifetime
{
    public const string SecretSentinel = "sentinel-intake-key-that-must-not-be-published";

    private readonly string _directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "platelettwins-manifest-" + Guid.NewGuid().ToString("N"));

    public string Path => System.IO.Path.Combine(_directory, "aspire-manifest.json");

    public string Text { get; private set; } = "";

    public JsonObject Resources { get; private set; } = [];

    public async Task InitializeAsync()
    {
        var configuration = typeof(DeploymentManifest).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var appHostDirectory = System.IO.Path.Combine(RepositoryPaths.Root, "PlateletTwins.AppHost");
        var appHost = System.IO.Path.Combine(appHostDirectory, "bin", configuration, "net10.0", "PlateletTwins.AppHost.dll");
        var result = await ProcessRun.RunAsync("dotnet",
            [appHost, "--publisher", "manifest", "--output-path", Path, $"--Parameters:intake-key={SecretSentinel}"],
            TimeSpan.FromMinutes(2), appHostDirectory, new Dictionary<string, string> { ["ASPIRE_VERSION_CHECK_DISABLED"] = "true" });
        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Text = await File.ReadAllTextAsync(Path);
        Resources = JsonNode.Parse(Text)!["resources"]!.AsObject();
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    public JsonObject Resource(string name) => Resources[name]?.AsObject() ?? throw new Xunit.Sdk.XunitException($"The manifest has no resource '{name}': {Text}");

    /// <summary>A path the manifest gives, relative to the manifest as azd reads it, made absolute.</summary>
    public string Resolve(string relativePath) => System.IO.Path.GetFullPath(System.IO.Path.Combine(_directory, relativePath));
}

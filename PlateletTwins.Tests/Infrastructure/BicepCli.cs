using System.Reflection;
using System.Text.Json.Nodes;

namespace PlateletTwins.Tests.Infrastructure;

/// <summary>The Bicep CLI the test project downloads from the package registry (linux-x64).</summary>
public static class BicepCli
{
    public static string Path { get; } = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "BicepCli").Value!;

    /// <summary>Compiles a template to its ARM JSON; the diagnostics (warnings included) are what it wrote to standard error.</summary>
    public static async Task<(JsonObject? Template, string Diagnostics, int ExitCode)> BuildAsync(string template)
    {
        var result = await ProcessRun.RunAsync(Path, ["build", template, "--stdout"], TimeSpan.FromMinutes(2));
        var json = result.ExitCode == 0 ? JsonNode.Parse(result.Output)?.AsObject() : null;
        return (json, result.Error, result.ExitCode);
    }
}

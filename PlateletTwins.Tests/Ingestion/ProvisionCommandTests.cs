using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PlateletTwins.IngestionService.Cli;
using PlateletTwins.SimulatorService.Cli;
using PlateletTwins.Tests.Infrastructure;

namespace PlateletTwins.Tests.Ingestion;

/// <summary>The provision command builds the lab's twin graph on an ADT endpoint from the simulator's layout, idempotently.</summary>
public sealed class ProvisionCommandTests
{
    [Fact]
    public async Task Provision_uploads_the_models_and_the_labs_twins_and_relationships_and_can_run_again()
    {
        await using var adt = await MockAdtHost.StartAsync();
        var directory = Directory.CreateTempSubdirectory("platelettwins-layout-");
        try
        {
            var layout = Path.Combine(directory.FullName, "layout.json");
            Assert.Equal(0, SimulateCommand.Run(["--write-layout", layout], TextWriter.Null, TextWriter.Null));
            string[] args = ["--endpoint", adt.Address.ToString(), "--layout", layout, "--token", MockAdtHost.OwnerToken];

            var output = new StringWriter();
            Assert.Equal(0, await ProvisionCommand.RunAsync(args, output, TextWriter.Null));
            Assert.Equal(0, await ProvisionCommand.RunAsync(args, TextWriter.Null, TextWriter.Null));

            using var client = adt.CreateClient();
            var label = await client.GetFromJsonAsync<JsonObject>("/digitaltwins/platelet-lab.label-station-01?api-version=2023-10-31");
            var feeds = await client.GetFromJsonAsync<JsonObject>("/digitaltwins/platelet-lab.agitator-01/relationships?api-version=2023-10-31");
            var contains = await client.GetFromJsonAsync<JsonObject>("/digitaltwins/platelet-lab/relationships?relationshipName=contains&api-version=2023-10-31");
            Assert.Equal("dtmi:platelettwins:devices:LabelStation;1", label!["$metadata"]!["$model"]!.GetValue<string>());
            Assert.Equal("platelet-lab.label-station-01", feeds!["value"]![0]!["$targetId"]!.GetValue<string>());
            Assert.Equal(12, contains!["value"]!.AsArray().Count);
            Assert.Contains("12 devices", output.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Provision_retries_what_ADT_throttles_or_refuses_for_a_while_as_the_service_does()
    {
        // Four failures in a row: more than Azure.Core's default of three retries, within the service's pipeline.
        var faults = new FirstRequestsFail([429, 503, 429, 503]);
        await using var adt = await MockAdtHost.StartAsync(services: s => s.AddSingleton<IStartupFilter>(faults));
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await ProvisionCommand.RunAsync(["--endpoint", adt.Address.ToString(), "--token", MockAdtHost.OwnerToken], output, error);

        Assert.True(exit == 0, error.ToString());
        Assert.Equal(4, faults.Answered);
        using var client = adt.CreateClient();
        var models = await client.GetFromJsonAsync<JsonObject>("/models?api-version=2023-10-31");
        Assert.Contains(models!["value"]!.AsArray(), m => m!["id"]!.GetValue<string>() == "dtmi:platelettwins:devices:LabelStation;1");
    }

    [Fact]
    public async Task Without_an_endpoint_provision_says_so_and_fails()
    {
        var error = new StringWriter();
        Assert.Equal(2, await ProvisionCommand.RunAsync([], TextWriter.Null, error));
        Assert.Contains("--endpoint", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_every_option_with_its_description()
    {
        var help = new StringWriter();
        Assert.Equal(0, await ProvisionCommand.RunAsync(["--help"], help, TextWriter.Null));
        foreach (var option in new[] { "--endpoint", "--layout", "--token" })
        {
            // The option, its value's name, then a description of at least a few words.
            Assert.Matches(new Regex($@"^\s+{option} <[^>]+>( \(REQUIRED\))?\s+\S+( \S+){{3,}}", RegexOptions.Multiline), help.ToString());
        }
    }

    /// <summary>Arguments refused before anything is sent, each with the option its error must name.</summary>
    public static TheoryData<string[], string> Refused => new()
    {
        { ["--endpoint", "http://127.0.0.1:1", "--layuot", "layout.json"], "--layuot" },
        { ["--endpoint", "not-a-url"], "--endpoint" },
        { ["--endpoint"], "--endpoint" },
        { ["--endpoint", "http://127.0.0.1:1", "--layout", Path.Combine(Path.GetTempPath(), "platelettwins-no-such-layout.json")], "--layout" },
        { ["--endpoint", "http://127.0.0.1:1", "--token"], "--token" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_bad_option_is_refused_by_name(string[] args, string option)
    {
        var output = new StringWriter();
        var error = new StringWriter();

        Assert.Equal(2, await ProvisionCommand.RunAsync(args, output, error));

        Assert.Contains(option, error.ToString(), StringComparison.Ordinal);
        Assert.Equal("", output.ToString());
    }

    [Fact]
    public async Task A_layout_that_is_not_one_is_refused_naming_the_option_and_nothing_is_sent()
    {
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(path, "devices: 12");
            var error = new StringWriter();

            // Port 1 answers nothing: a layout read after a connection would fail otherwise and differently.
            Assert.Equal(2, await ProvisionCommand.RunAsync(["--endpoint", "http://127.0.0.1:1", "--layout", path], TextWriter.Null, error));

            Assert.Contains("--layout", error.ToString(), StringComparison.Ordinal);
            Assert.Contains("not a layout", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Answers the first requests with the given statuses, as ADT does when it throttles (429) or is briefly unavailable (503).</summary>
    private sealed class FirstRequestsFail(int[] statuses) : IStartupFilter
    {
        private int _seen;

        public int Answered => Math.Min(Volatile.Read(ref _seen), statuses.Length);

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, rest) =>
            {
                var index = Interlocked.Increment(ref _seen) - 1;
                if (index >= statuses.Length)
                {
                    await rest(context);
                    return;
                }
                context.Response.StatusCode = statuses[index];
                // Retry-After 0: the pipeline's own backoff decides the wait, so the test stays short.
                context.Response.Headers.RetryAfter = "0";
                await context.Response.WriteAsJsonAsync(new { error = new { code = statuses[index] == 429 ? "TooManyRequests" : "ServiceUnavailable", message = "Try again." } });
            });
            next(app);
        };
    }
}

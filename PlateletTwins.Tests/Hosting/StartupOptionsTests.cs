using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using PlateletTwins.SimulatorService.Hosting;
using PlateletTwins.SimulatorService.Lab.Running;
using PlateletTwins.SimulatorService.Streaming;
using PlateletTwins.Tests.Infrastructure;

namespace PlateletTwins.Tests.Hosting;

/// <summary>
/// A service whose options cannot work does not start, and its error names what to fix: a missing key by its
/// configuration key (an empty intake key used to refuse every batch with a 401 instead), a number out of range by its
/// option, with the range.
/// </summary>
public sealed class StartupOptionsTests
{
    // Nothing listens here: the host fails before it would write to ADT.
    private static readonly Uri NoAdt = new("http://127.0.0.1:1");

    /// <summary>A setting, and what the error must name.</summary>
    public static TheoryData<string, string, string> IngestionSettings => new()
    {
        { "Intake:Key", "", "Intake:Key" },
        { "Intake:Key", "   ", "Intake:Key" },
        { "Intake:MaxBacklog", "0", "IntakeOptions.MaxBacklog" },
        { "Intake:MaxQueuedPerTwin", "-1", "IntakeOptions.MaxQueuedPerTwin" },
        { "Intake:MaxBodyBytes", "0", "IntakeOptions.MaxBodyBytes" },
    };

    [Theory]
    [MemberData(nameof(IngestionSettings))]
    public async Task The_ingestion_service_does_not_start_with_a_bad_option_and_names_it(string key, string value, string named)
    {
        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => IngestionHost.StartAsync(NoAdt, new Dictionary<string, string?> { [key] = value }));
        Assert.Contains(named, refused.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> SimulatorSettings => new()
    {
        { "Streaming:IntakeKey", "", "Streaming:IntakeKey" },
        { "Streaming:Hours", "0", "StreamingOptions.Hours" },
        { "Streaming:BatchSize", "0", "StreamingOptions.BatchSize" },
        { "Streaming:MaxBacklog", "0", "StreamingOptions.MaxBacklog" },
    };

    [Theory]
    [MemberData(nameof(SimulatorSettings))]
    public async Task The_simulator_service_does_not_start_with_a_bad_option_and_names_it(string key, string value, string named)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Streaming:IngestionUrl"] = NoAdt.ToString(),
            ["Streaming:IntakeKey"] = "k",
        };
        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => LoopbackApp.StartAsync(settings, b => b.AddSimulator(), _ => { }, new Dictionary<string, string?> { [key] = value }));
        Assert.Contains(named, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MockAdt_does_not_start_with_an_unknown_limits_profile_and_names_the_key_and_the_profiles()
    {
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => MockAdtHost.StartAsync(new Dictionary<string, string?> { ["MockAdt:Limits:Profile"] = "clod" }));
        Assert.Contains("MockAdt:Limits:Profile", refused.Message, StringComparison.Ordinal);
        Assert.Contains("'clod' is not one of off, cloud, chaos", refused.InnerException?.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cloud")]
    [InlineData("Cloud")]
    [InlineData("CHAOS")]
    public async Task A_limits_profile_is_read_in_any_case_and_shown_as_documented(string profile)
    {
        await using var adt = await MockAdtHost.StartAsync(new Dictionary<string, string?> { ["MockAdt:Limits:Profile"] = profile });
        using var client = adt.CreateClient();

        var limits = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>(client, "/mockadt/limits");

        Assert.Equal(profile.ToLowerInvariant(), limits!["profile"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_simulator_service_does_not_start_with_an_unknown_profile_and_names_the_key_and_the_profiles()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Streaming:IngestionUrl"] = NoAdt.ToString(),
            ["Streaming:IntakeKey"] = "k",
            ["Streaming:Profile"] = "strss",
        };
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => LoopbackApp.StartAsync(settings, b => b.AddSimulator(), _ => { }));
        Assert.Contains("Streaming:Profile", refused.Message, StringComparison.Ordinal);
        Assert.Contains("'strss' is not one of normal, stress", refused.InnerException?.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("stress", RunProfile.Stress)]
    [InlineData("Stress", RunProfile.Stress)]
    [InlineData("normal", RunProfile.Normal)]
    public void A_profile_setting_binds_in_any_case(string value, RunProfile profile)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Streaming:Profile"] = value }).Build();

        Assert.Equal(profile, configuration.GetSection("Streaming").Get<StreamingOptions>()!.Profile);
    }

    [Theory]
    [InlineData("MockAdt:Limits:Rates:DigitalTwinPatches", "0", "Rates.DigitalTwinPatches")]
    [InlineData("MockAdt:Limits:Chaos:ThrottleRate", "1.5", "Chaos.ThrottleRate")]
    public async Task MockAdt_does_not_start_with_a_limit_that_cannot_work_and_names_it(string key, string value, string named)
    {
        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => MockAdtHost.StartAsync(new Dictionary<string, string?> { [key] = value }));
        Assert.Contains(named, refused.Message, StringComparison.Ordinal);
    }
}

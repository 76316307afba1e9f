using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using PlateletTwins.SimulatorService.Hosting;
using PlateletTwins.SimulatorService.Lab.Running;
using PlateletTwins.SimulatorService.Streaming;
using PlateletTwins.Tests.Infrastructure;

namespace PlateletTwins.Tests.Hosting;

/// <summary>
/// A service whose options cannot work does not start, and its error names what to fix by the configuration key a user
/// sets (an empty intake key used to refuse every batch with a 401 instead), a number out of range with its range; not
/// by the options class's property, which no setting is called.
/// </summary>
public sealed class StartupOptionsTests
{
    // Nothing listens here: the host fails before it would write to ADT.
    private static readonly Uri NoAdt = new("http://127.0.0.1:1");

    /// <summary>A setting, and what the error must name.</summary>
    public static TheoryData<string, string, string> IngestionSettings => new()
    {
        { "Intake:Key", "", "Intake:Key is empty" },
        { "Intake:Key", "   ", "Intake:Key is empty" },
        { "Intake:MaxBacklog", "0", "Intake:MaxBacklog must be between 1 and" },
        { "Intake:MaxQueuedPerTwin", "-1", "Intake:MaxQueuedPerTwin must be between 1 and" },
        { "Intake:MaxBodyBytes", "0", "Intake:MaxBodyBytes must be between 1 and" },
        { "Writes:InstanceRate", "0", "Writes:InstanceRate must be between 0 exclusive and" },
        { "Writes:CreateDeleteRate", "-5", "Writes:CreateDeleteRate must be between 0 exclusive and" },
        { "Writes:PerTwinRate", "0", "Writes:PerTwinRate must be between 0 exclusive and" },
        { "Writes:BookingHorizon", "-00:00:00.100", "Writes:BookingHorizon must be between 00:00:00 and" },
        { "Writes:MinimumRate", "0", "Writes:MinimumRate must be between 0 exclusive and" },
        { "Writes:Concurrency", "0", "Writes:Concurrency must be between 1 and" },
        { "Storage:CheckpointInterval", "00:00:00", "Storage:CheckpointInterval must be between 00:00:00.0010000 and 49.17:02:47.2940000" },
        { "Storage:CheckpointInterval", "50.00:00:00", "Storage:CheckpointInterval must be between 00:00:00.0010000 and 49.17:02:47.2940000" },
        { "Intake:RetryAfter", "-00:00:01", "Intake:RetryAfter must be between 00:00:00 and 49.17:02:47.2940000" },
    };

    [Theory]
    [MemberData(nameof(IngestionSettings))]
    public async Task The_ingestion_service_does_not_start_with_a_bad_option_and_names_its_key(string key, string value, string named)
    {
        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => IngestionHost.StartAsync(NoAdt, new Dictionary<string, string?> { [key] = value }));
        AssertNamesTheKey(named, refused);
    }

    public static TheoryData<string, string, string> SimulatorSettings => new()
    {
        { "Streaming:IntakeKey", "", "Streaming:IntakeKey is empty" },
        { "Streaming:Hours", "0", "Streaming:Hours must be between 0 exclusive and" },
        { "Streaming:BatchSize", "0", "Streaming:BatchSize must be between 1 and" },
        { "Streaming:MaxBacklog", "0", "Streaming:MaxBacklog must be between 1 and" },
        { "Streaming:BatchInterval", "00:00:00", "Streaming:BatchInterval must be between 00:00:00.0010000 and 49.17:02:47.2940000" },
        { "Streaming:AcknowledgementPoll", "00:00:00", "Streaming:AcknowledgementPoll must be between 00:00:00.0010000 and" },
        { "Streaming:RetryDelay", "60.00:00:00", "Streaming:RetryDelay must be between 00:00:00.0010000 and 49.17:02:47.2940000" },
        { "Streaming:RequestTimeout", "25.00:00:00", "Streaming:RequestTimeout must be between 00:00:00.0010000 and 24.20:31:23.6470000" },
    };

    [Theory]
    [MemberData(nameof(SimulatorSettings))]
    public async Task The_simulator_service_does_not_start_with_a_bad_option_and_names_its_key(string key, string value, string named)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Streaming:IngestionUrl"] = NoAdt.ToString(),
            ["Streaming:IntakeKey"] = "k",
        };
        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => LoopbackApp.StartAsync(settings, b => b.AddSimulator(), _ => { }, new Dictionary<string, string?> { [key] = value }));
        AssertNamesTheKey(named, refused);
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
    [InlineData("MockAdt:Limits:Rates:DigitalTwinPatches", "0", "MockAdt:Limits:Rates:DigitalTwinPatches must be between 0 exclusive and")]
    [InlineData("MockAdt:Limits:Chaos:ThrottleRate", "1.5", "MockAdt:Limits:Chaos:ThrottleRate must be between 0 and 1")]
    [InlineData("MockAdt:Auth:IdentityRole", "7", "MockAdt:Auth:IdentityRole must be DataReader or DataOwner.")]
    [InlineData("MockAdt:Auth:Tokens:0:Role", "5", "MockAdt:Auth:Tokens:0:Role must be DataReader or DataOwner.")]
    [InlineData("MockAdt:Auth:Tokens:1:Value", MockAdtHost.OwnerToken, "MockAdt:Auth:Tokens holds a token twice")]
    [InlineData("MockAdt:Limits:QueryLag", "-00:00:01", "MockAdt:Limits:QueryLag must be between 00:00:00 and 49.17:02:47.2940000")]
    [InlineData("MockAdt:Limits:Chaos:MaxLatency", "-00:00:00.100", "MockAdt:Limits:Chaos:MaxLatency must be between 00:00:00 and 49.17:02:47.2940000")]
    [InlineData("MockAdt:History:MaxRows", "0", "MockAdt:History:MaxRows must be between 1 and")]
    [InlineData("MockAdt:Jobs:RecordRetention", "-1.00:00:00", "MockAdt:Jobs:RecordRetention must be between 00:00:00 and 36500.00:00:00")]
    [InlineData("MockAdt:Http2Port", "0", "MockAdt:Http2Port must be between 1 and 65535")]
    [InlineData("MockAdt:Http2Port", "65536", "MockAdt:Http2Port must be between 1 and 65535")]
    [InlineData("MockAdt:Endpoints:0:Name", " ", "MockAdt:Endpoints:0:Name is empty")]
    public async Task MockAdt_does_not_start_with_an_option_that_cannot_work_and_names_its_key(string key, string value, string named)
    {
        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => MockAdtHost.StartAsync(new Dictionary<string, string?> { [key] = value }));
        AssertNamesTheKey(named, refused);
    }

    /// <summary>An endpoint is several settings; one that cannot work (a webhook without its Url, a name taken twice) is refused at start.</summary>
    [Theory]
    [InlineData("MockAdt:Endpoints:0:Name=grid", "MockAdt:Endpoints:0:Kind=Webhook", "MockAdt:Endpoints:0:Url is empty")]
    [InlineData("MockAdt:Endpoints:0:Name=live", "MockAdt:Endpoints:1:Name=live", "MockAdt:Endpoints holds a name twice")]
    public async Task MockAdt_does_not_start_with_an_endpoint_that_cannot_work_and_names_its_key(string first, string second, string named)
    {
        var settings = new[] { first, second }.Select(setting => setting.Split('=')).ToDictionary(pair => pair[0], string? (pair) => pair[1]);

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => MockAdtHost.StartAsync(settings));

        AssertNamesTheKey(named, refused);
    }

    /// <summary>What the code takes is not refused: a token without a value is left out, a retention of 0 purges at once.</summary>
    [Theory]
    [InlineData("MockAdt:Auth:Tokens:2:Value", "")]
    [InlineData("MockAdt:Jobs:RecordRetention", "00:00:00")]
    public async Task MockAdt_starts_with_a_value_at_the_edge_of_what_it_takes(string key, string value)
    {
        await using var adt = await MockAdtHost.StartAsync(new Dictionary<string, string?> { [key] = value });
        using var client = adt.CreateClient();

        Assert.True((await client.GetAsync("/mockadt/limits")).IsSuccessStatusCode);
    }

    /// <summary>The refusal says what to set, and nowhere the options class's path (<c>WriteOptions.PerTwinRate</c>) in its place.</summary>
    private static void AssertNamesTheKey(string named, OptionsValidationException refused)
    {
        Assert.Contains(named, refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain($"{refused.OptionsType.Name}.", refused.Message, StringComparison.Ordinal);
    }
}

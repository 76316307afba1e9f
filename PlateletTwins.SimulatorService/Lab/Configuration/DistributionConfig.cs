using System.Text.Json.Serialization;
using PlateletTwins.SimulatorService.Randomness;

namespace PlateletTwins.SimulatorService.Lab.Configuration;

/// <summary>
/// A distribution of durations in minutes, as a lab file writes it: <c>{"tri": [24, 27, 35]}</c>,
/// <c>{"lognormal": [240, 120]}</c> (mean and sd), <c>{"exp": 30000}</c> (mean), <c>{"uniform": [360, 960]}</c>.
/// </summary>
internal sealed record DistributionConfig
{
    [JsonPropertyName("tri")]
    public double[]? Triangular { get; init; }

    [JsonPropertyName("lognormal")]
    public double[]? LogNormal { get; init; }

    [JsonPropertyName("exp")]
    public double? Exponential { get; init; }

    [JsonPropertyName("uniform")]
    public double[]? Uniform { get; init; }

    public static DistributionConfig Tri(double min, double mode, double max) => new() { Triangular = [min, mode, max] };

    public static DistributionConfig LogNorm(double mean, double sd) => new() { LogNormal = [mean, sd] };

    public static DistributionConfig Exp(double mean) => new() { Exponential = mean };

    public static DistributionConfig Unif(double min, double max) => new() { Uniform = [min, max] };

    public double Sample(Sampler sampler) => this switch
    {
        { Triangular: [var a, var m, var b] } => sampler.Triangular(a, m, b),
        { LogNormal: [var mean, var sd] } => sampler.LogNormal(mean, sd),
        { Exponential: { } mean } => sampler.Exponential(mean),
        { Uniform: [var min, var max] } => sampler.Uniform(min, max),
        _ => throw new InvalidOperationException("A distribution needs exactly one of tri [a, m, b], lognormal [mean, sd], exp mean, uniform [min, max]."),
    };

    /// <summary>The same distribution scaled by <paramref name="factor"/> (the stress profile divides MTBFs).</summary>
    public DistributionConfig Scaled(double factor) => this switch
    {
        { Exponential: { } mean } => Exp(mean * factor),
        { Triangular: { } t } => new() { Triangular = [.. t.Select(v => v * factor)] },
        { LogNormal: [var mean, var sd] } => LogNorm(mean * factor, sd * factor),
        { Uniform: { } u } => new() { Uniform = [.. u.Select(v => v * factor)] },
        _ => this,
    };
}

namespace PlateletTwins.SimulatorService.Lab.Reporting;

/// <summary>A mean over replications with the half-width of its 95 % confidence interval (Student's t); no half-width from one replication.</summary>
internal sealed record Estimate(double Mean, double? HalfWidth)
{
    // t(0.975, df) for df = 1..30; beyond, the normal 1.96 is close enough.
    private static readonly double[] T975 =
    [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
        2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
    ];

    public static Estimate Of(IEnumerable<double> values)
    {
        var samples = values.ToArray();
        var mean = samples.Average();
        if (samples.Length < 2)
        {
            return new Estimate(mean, null);
        }
        var variance = samples.Sum(v => (v - mean) * (v - mean)) / (samples.Length - 1);
        var t = samples.Length - 1 <= T975.Length ? T975[samples.Length - 2] : 1.96;
        return new Estimate(mean, t * Math.Sqrt(variance / samples.Length));
    }

    public override string ToString() => HalfWidth is null
        ? Mean.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Mean:0.###} ± {HalfWidth:0.###}");
}

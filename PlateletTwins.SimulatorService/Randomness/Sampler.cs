namespace PlateletTwins.SimulatorService.Randomness;

/// <summary>One random stream and the distributions the lab draws from it.</summary>
internal sealed class Sampler(Pcg32 random)
{
    public double Uniform() => random.NextDouble();

    public double Uniform(double min, double max) => min + (max - min) * random.NextDouble();

    /// <summary>Exponential with the given mean.</summary>
    public double Exponential(double mean) => -mean * Math.Log(1 - random.NextDouble());

    /// <summary>Triangular TRI(min, mode, max), by inversion.</summary>
    public double Triangular(double min, double mode, double max)
    {
        var u = random.NextDouble();
        var cut = (mode - min) / (max - min);
        return u < cut
            ? min + Math.Sqrt(u * (max - min) * (mode - min))
            : max - Math.Sqrt((1 - u) * (max - min) * (max - mode));
    }

    /// <summary>Lognormal given by its own mean and standard deviation: σ² = ln(1 + sd²/mean²), μ = ln(mean) − σ²/2.</summary>
    public double LogNormal(double mean, double sd)
    {
        var variance = Math.Log(1 + sd * sd / (mean * mean));
        var mu = Math.Log(mean) - variance / 2;
        return Math.Exp(mu + Math.Sqrt(variance) * StandardNormal());
    }

    /// <summary>Picks an index with the given weights (which sum to 1).</summary>
    public int Choose(IReadOnlyList<double> weights)
    {
        var u = random.NextDouble();
        for (var i = 0; i < weights.Count - 1; i++)
        {
            u -= weights[i];
            if (u < 0)
            {
                return i;
            }
        }
        return weights.Count - 1;
    }

    // Box–Muller; one value per call keeps the stream's use independent of call history.
    private double StandardNormal()
    {
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}

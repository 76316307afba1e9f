namespace PlateletTwins.SimulatorService.Lab.Reporting;

/// <summary>Mean, median, 90th percentile and maximum of a lead time, in minutes; percentiles interpolate linearly.</summary>
internal sealed record LeadTimeSummary(int Count, double Mean, double P50, double P90, double Max)
{
    public static LeadTimeSummary Of(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return new LeadTimeSummary(0, 0, 0, 0, 0);
        }
        var sorted = values.Order().ToArray();
        return new LeadTimeSummary(sorted.Length, sorted.Average(), Percentile(sorted, 0.5), Percentile(sorted, 0.9), sorted[^1]);
    }

    private static double Percentile(double[] sorted, double p)
    {
        var rank = p * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }
}

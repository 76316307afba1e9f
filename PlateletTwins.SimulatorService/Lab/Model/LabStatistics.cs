namespace PlateletTwins.SimulatorService.Lab.Model;

/// <summary>What a run counts for the whole lab: units, pools, lead times and work in progress.</summary>
internal sealed class LabStatistics
{
    public int WbReceived { get; set; }

    public int WbSeparated { get; set; }

    public int WbExpired { get; set; }

    public int BcProduced { get; set; }

    public int PoolsStarted { get; set; }

    public int PoolsScrapped { get; set; }

    public int PoolsReleased { get; set; }

    /// <summary>BCs pooled with less rest than the rule requires; the model never does it, and a test holds it to 0.</summary>
    public int PoolsWithShortRest { get; set; }

    public List<double> CollectionToSeparation { get; } = [];

    public List<double> BcRest { get; } = [];

    public List<double> PoolStartToRelease { get; } = [];

    public List<double> CollectionToRelease { get; } = [];

    public WorkInProgress WholeBlood { get; } = new();

    public WorkInProgress BuffyCoats { get; } = new();

    public WorkInProgress Pools { get; } = new();

    /// <summary>Released pools a day over a run of <paramref name="minutes"/>: released × 1440 / H.</summary>
    public double ReleasedPerDay(double minutes) => PoolsReleased * 1440.0 / minutes;
}

/// <summary>A count of items in the lab over time, for its time average; accumulated at changes, read as of a time.</summary>
internal sealed class WorkInProgress
{
    private double _integral;
    private double _since;

    public int Count { get; private set; }

    public int Max { get; private set; }

    public void Change(double now, int delta)
    {
        Advance(now);
        Count += delta;
        Max = Math.Max(Max, Count);
    }

    private void Advance(double now)
    {
        _integral += Count * (now - _since);
        _since = now;
    }

    public double Mean(double now) => now <= 0 ? 0 : (_integral + Count * (now - _since)) / now;
}

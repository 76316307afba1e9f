using PlateletTwins.SimulatorService.Devices;

namespace PlateletTwins.SimulatorService.Lab.Model;

/// <summary>
/// Time-weighted statistics of one device: time in each status, inUse and queue integrals, counts. The integrals are
/// accumulated only at changes and read as of a time, so reading them (a report, a streamed run's KPIs) changes no bit
/// of what later changes accumulate.
/// </summary>
internal sealed class DeviceStatistics
{
    private readonly double[] _statusMinutes = new double[4];
    private double _inUseIntegral;
    private double _queueIntegral;
    private double _since;

    public DeviceStatus Status { get; private set; }

    public int InUse { get; private set; }

    public int QueueLength { get; private set; }

    public int QueueMax { get; private set; }

    public int Completed { get; set; }

    public int Failures { get; set; }

    public double DowntimeMinutes { get; set; }

    /// <summary>Minutes in <paramref name="status"/> up to <paramref name="now"/>.</summary>
    public double StatusMinutes(DeviceStatus status, double now) =>
        status == Status ? Upto(_statusMinutes[(int)status], 1, now) : _statusMinutes[(int)status];

    /// <summary>Accounts the time since the last change to the state that held, then takes the new state.</summary>
    public void Change(double now, DeviceStatus status, int inUse, int queueLength)
    {
        Advance(now);
        Status = status;
        InUse = inUse;
        QueueLength = queueLength;
        QueueMax = Math.Max(QueueMax, queueLength);
    }

    private void Advance(double now)
    {
        var elapsed = now - _since;
        if (elapsed > 0)
        {
            _statusMinutes[(int)Status] += elapsed;
            _inUseIntegral += InUse * elapsed;
            _queueIntegral += QueueLength * elapsed;
            _since = now;
        }
    }

    /// <summary>Time-average inUse / capacity, a fraction: the integral's rounding can put a full device a few ulps above 1.</summary>
    public double Utilization(double now, int capacity) => now <= 0 ? 0 : Math.Clamp(Upto(_inUseIntegral, InUse, now) / now / capacity, 0, 1);

    public double QueueLengthMean(double now) => now <= 0 ? 0 : Upto(_queueIntegral, QueueLength, now) / now;

    // An integral carried to now by the same sum Advance makes, so a reading equals what advancing would have held.
    private double Upto(double integral, double level, double now)
    {
        var elapsed = now - _since;
        return elapsed > 0 ? integral + level * elapsed : integral;
    }
}

namespace PlateletTwins.SimulatorService.Streaming;

/// <summary>
/// Maps simulated minutes to wall-clock time at a speed. When the run falls behind (the intake held it back), the
/// anchor moves: the simulated clock waits, it does not race to catch up.
/// </summary>
internal sealed class Pacer(double minutesPerSecond, TimeProvider time)
{
    private long _anchorTimestamp = time.GetTimestamp();
    private double _anchorMinutes;

    /// <summary>Waits until <paramref name="minutes"/> of simulated time are due.</summary>
    public async Task WaitForAsync(double minutes, CancellationToken cancellationToken)
    {
        if (double.IsPositiveInfinity(minutesPerSecond))
        {
            return;
        }
        var due = TimeSpan.FromSeconds((minutes - _anchorMinutes) / minutesPerSecond);
        var elapsed = time.GetElapsedTime(_anchorTimestamp);
        if (due > elapsed)
        {
            await Task.Delay(due - elapsed, time, cancellationToken);
        }
        else if (elapsed - due > TimeSpan.FromSeconds(1))
        {
            Reanchor(minutes);
        }
    }

    public void Reanchor(double minutes)
    {
        _anchorTimestamp = time.GetTimestamp();
        _anchorMinutes = minutes;
    }
}

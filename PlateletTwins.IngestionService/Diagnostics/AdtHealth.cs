namespace PlateletTwins.IngestionService.Diagnostics;

/// <summary>What the writers have seen of ADT lately, for the health check: successes, failures, re-provisioning.</summary>
internal sealed class AdtHealth(TimeProvider time)
{
    private long _lastSuccess = long.MinValue;
    private long _lastFailure = long.MinValue;
    private long _lastReprovision = long.MinValue;
    private long _failingSince = long.MinValue;
    private string? _lastError;

    public DateTimeOffset? LastSuccess => At(ref _lastSuccess);

    public DateTimeOffset? LastFailure => At(ref _lastFailure);

    /// <summary>Since when every write has failed, if the last one did.</summary>
    public DateTimeOffset? FailingSince => At(ref _failingSince);

    public DateTimeOffset? LastReprovision => At(ref _lastReprovision);

    public string? LastError => Volatile.Read(ref _lastError);

    public void Succeeded()
    {
        Interlocked.Exchange(ref _lastSuccess, time.GetUtcNow().UtcTicks);
        Interlocked.Exchange(ref _failingSince, long.MinValue);
    }

    public void Failed(string error)
    {
        var now = time.GetUtcNow().UtcTicks;
        Interlocked.Exchange(ref _lastFailure, now);
        Interlocked.CompareExchange(ref _failingSince, now, long.MinValue);
        Volatile.Write(ref _lastError, error);
    }

    public void Reprovisioned() => Interlocked.Exchange(ref _lastReprovision, time.GetUtcNow().UtcTicks);

    private static DateTimeOffset? At(ref long ticks)
    {
        var value = Interlocked.Read(ref ticks);
        return value == long.MinValue ? null : new DateTimeOffset(value, TimeSpan.Zero);
    }
}

using Microsoft.Extensions.Options;
using PlateletTwins.Http.RateLimiting;

namespace PlateletTwins.IngestionService.Scheduling;

/// <summary>
/// Paces writes to ADT within its budgets: for each twin, a minimum spacing of 1/<see cref="WriteOptions.PerTwinRate"/>,
/// kept as a calendar of booked instants; for the instance, a token bucket of patches and one of creates and deletes
/// (twins and relationships), whose rates adapt together (halved on a 429, raised a step on each success: AIMD). A 429's
/// Retry-After holds every write back until it has passed.
/// </summary>
/// <remarks>
/// A write books the first instant at which every twin it spends (a relationship change: its source's, its target's
/// and a moved one's old target's) is free, if that is within <see cref="WriteOptions.BookingHorizon"/>: a write
/// joining two busy twins holds the instant both are free instead of being passed over each time one of them is
/// free and the other not, and a later write of a twin still takes a gap left before it, so no twin idles while
/// another's write waits for it. The instance buckets are spent when the write goes, not when it books.
/// </remarks>
internal sealed class AdaptiveRateLimiter(IOptions<WriteOptions> options, TimeProvider time)
{
    /// <summary>A booking that came due this long ago and was not spent is booked again: sent now, it could bunch up with those after it.</summary>
    private static readonly TimeSpan Lateness = TimeSpan.FromMilliseconds(250);

    // Bookings between sweeps of the calendars of twins that have no booking ahead (pools come and go by the thousand).
    private const int SweepEvery = 4096;

    private readonly WriteOptions _options = options.Value;
    private readonly Dictionary<string, List<long>> _calendars = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly TokenBucket _patches = Bucket(options.Value.InstanceRate, time);
    private readonly TokenBucket _createsAndDeletes = Bucket(options.Value.CreateDeleteRate, time);
    private readonly long _spacing = (long)(time.TimestampFrequency / options.Value.PerTwinRate);
    private readonly long _horizon = (long)(options.Value.BookingHorizon.TotalSeconds * time.TimestampFrequency);
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;
    private int _sinceSweep;
    private long _throttled;

    /// <summary>The instance rate of patches in force now, writes a second.</summary>
    public double Rate
    {
        get
        {
            lock (_lock)
            {
                return _patches.Rate;
            }
        }
    }

    /// <summary>How many 429s ADT has answered.</summary>
    public long Throttled => Interlocked.Read(ref _throttled);

    /// <summary>Waits until a patch of <paramref name="twinId"/> is within every budget, and spends it.</summary>
    public Task AcquireAsync(string twinId, CancellationToken cancellationToken) => AcquireAsync(WriteKind.Patch, [twinId], cancellationToken);

    /// <summary>Waits until a write of <paramref name="kind"/> that touches <paramref name="twins"/> is within every budget, and spends it.</summary>
    public async Task AcquireAsync(WriteKind kind, IReadOnlyCollection<string> twins, CancellationToken cancellationToken)
    {
        Booking booking;
        while (!TryBook(kind, twins, out booking, out var retry))
        {
            await Task.Delay(retry, time, cancellationToken);
        }
        await SpendAsync(booking, cancellationToken);
    }

    /// <summary>
    /// Books the first instant at which every twin the write touches is free, from now (or the end of a 429's pause), if
    /// it is within <see cref="WriteOptions.BookingHorizon"/>; else false, with the wait until it may be.
    /// </summary>
    public bool TryBook(WriteKind kind, IReadOnlyCollection<string> twins, out Booking booking, out TimeSpan retry)
    {
        lock (_lock)
        {
            var now = time.GetTimestamp();
            string[] distinct = [.. twins.Distinct(StringComparer.Ordinal)];
            var from = Math.Max(now, PausedUntil(now));
            var at = FirstFree(distinct, from);
            if (at - from > _horizon)
            {
                booking = default;
                retry = Duration(at - _horizon - now);
                return false;
            }
            booking = BookLocked(kind, distinct, at, now);
            retry = TimeSpan.Zero;
            return true;
        }
    }

    /// <summary>
    /// How long until <paramref name="booking"/> comes due. A booking a 429 has paused, or one that came due long ago
    /// unspent, is booked again, from now: <paramref name="booking"/> then is the new one.
    /// </summary>
    public TimeSpan Until(ref Booking booking)
    {
        lock (_lock)
        {
            var now = time.GetTimestamp();
            var paused = PausedUntil(now);
            if ((paused > now && paused > booking.At) || now - booking.At > Ticks(Lateness))
            {
                // Booked again past the horizon if need be: it has waited its turn.
                ReleaseLocked(booking);
                booking = BookLocked(booking.Kind, booking.Twins, FirstFree(booking.Twins, Math.Max(now, paused)), now);
            }
            return Duration(booking.At - now);
        }
    }

    /// <summary>Gives back a booking that will not be spent (the twin's next write is another one), for other writes to take.</summary>
    public void Release(Booking booking)
    {
        lock (_lock)
        {
            ReleaseLocked(booking);
        }
    }

    /// <summary>Waits until <paramref name="booking"/> is due and the instance's bucket has room, and spends it.</summary>
    public async Task SpendAsync(Booking booking, CancellationToken cancellationToken)
    {
        while (Until(ref booking) is var due && due > TimeSpan.Zero)
        {
            await Task.Delay(due, time, cancellationToken);
        }
        while (TakeInstance(booking.Kind) is var wait && wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken);
        }
    }

    /// <summary>ADT answered 429: halve the rates and hold everything back for <paramref name="retryAfter"/>.</summary>
    public void OnThrottled(TimeSpan? retryAfter)
    {
        Interlocked.Increment(ref _throttled);
        lock (_lock)
        {
            Slow(_patches, _options.MinimumRate);
            Slow(_createsAndDeletes, Math.Min(_options.MinimumRate, _options.CreateDeleteRate));
            var until = time.GetUtcNow() + (retryAfter ?? TimeSpan.FromSeconds(1));
            if (until > _pausedUntil)
            {
                _pausedUntil = until;
            }
        }
    }

    /// <summary>A write went through: raise the rates a step, up to the configured ones.</summary>
    public void OnSucceeded()
    {
        lock (_lock)
        {
            Raise(_patches, _options.InstanceRate);
            Raise(_createsAndDeletes, _options.CreateDeleteRate);
        }
    }

    // The first instant from `from` on at which every twin is free: each twin's first free instant in turn, until one
    // suits them all (it only grows, and each calendar is finite).
    private long FirstFree(string[] twins, long from)
    {
        var at = from;
        for (var moved = true; moved;)
        {
            moved = false;
            foreach (var twin in twins)
            {
                if (_calendars.TryGetValue(twin, out var calendar) && FirstFree(calendar, at) is var free && free > at)
                {
                    at = free;
                    moved = true;
                }
            }
        }
        return at;
    }

    private Booking BookLocked(WriteKind kind, string[] twins, long at, long now)
    {
        foreach (var twin in twins)
        {
            if (!_calendars.TryGetValue(twin, out var calendar))
            {
                _calendars[twin] = calendar = [];
            }
            Prune(calendar, now);
            var index = calendar.BinarySearch(at);
            calendar.Insert(index < 0 ? ~index : index, at);
        }
        if (++_sinceSweep >= SweepEvery)
        {
            Sweep(now);
        }
        return new Booking(kind, twins, at);
    }

    // The first instant at or after `from` that is at least one spacing away from every booked instant.
    private long FirstFree(List<long> calendar, long from)
    {
        var index = calendar.BinarySearch(from - _spacing + 1);
        var at = from;
        for (var i = index < 0 ? ~index : index; i < calendar.Count && calendar[i] < at + _spacing; i++)
        {
            at = Math.Max(at, calendar[i] + _spacing);
        }
        return at;
    }

    private void ReleaseLocked(Booking booking)
    {
        foreach (var twin in booking.Twins)
        {
            if (_calendars.TryGetValue(twin, out var calendar) && calendar.BinarySearch(booking.At) is var index && index >= 0)
            {
                calendar.RemoveAt(index);
            }
        }
    }

    // Instants more than a spacing past hold nothing back.
    private void Prune(List<long> calendar, long now)
    {
        var past = 0;
        while (past < calendar.Count && calendar[past] <= now - _spacing)
        {
            past++;
        }
        calendar.RemoveRange(0, past);
    }

    private void Sweep(long now)
    {
        _sinceSweep = 0;
        foreach (var (twin, calendar) in _calendars)
        {
            Prune(calendar, now);
            if (calendar.Count == 0)
            {
                _calendars.Remove(twin);
            }
        }
    }

    // A write may go while its instance bucket has a token, else when the next one comes.
    private TimeSpan TakeInstance(WriteKind kind)
    {
        lock (_lock)
        {
            var now = time.GetTimestamp();
            var paused = PausedUntil(now);
            var bucket = kind == WriteKind.Patch ? _patches : _createsAndDeletes;
            var ready = Math.Max(paused, bucket.Earliest(now));
            if (ready > now)
            {
                return Duration(ready - now);
            }
            bucket.Take(now);
            return TimeSpan.Zero;
        }
    }

    // The end of a 429's pause, as a timestamp (or `now` when there is none).
    private long PausedUntil(long now)
    {
        var paused = _pausedUntil - time.GetUtcNow();
        return paused > TimeSpan.Zero ? now + Ticks(paused) : now;
    }

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * time.TimestampFrequency);

    private TimeSpan Duration(long ticks) => ticks <= 0 ? TimeSpan.Zero
        : TimeSpan.FromTicks(Math.Max(1, (long)(ticks * (TimeSpan.TicksPerSecond / (double)time.TimestampFrequency))));

    // An instance bucket holds a tenth of a second's worth, at least one write: ADT's holds a second's, so the writes
    // that bunch up on the way (one held up by the network, the next not) still find room there.
    private static TokenBucket Bucket(double rate, TimeProvider time) => new(rate, Burst(rate), time);

    private static double Burst(double rate) => Math.Max(1, rate / 10);

    // AIMD: halved on a 429, down to a floor; raised a write a second on each success, up to the configured rate.
    private static void Slow(TokenBucket bucket, double minimum) => Pace(bucket, Math.Max(minimum, bucket.Rate / 2));

    private static void Raise(TokenBucket bucket, double maximum) => Pace(bucket, Math.Min(maximum, bucket.Rate + 1));

    private static void Pace(TokenBucket bucket, double rate) => bucket.Change(rate, Burst(rate));
}

/// <summary>An instant booked for a write on each twin it touches (see <see cref="AdaptiveRateLimiter.TryBook"/>).</summary>
internal readonly record struct Booking(WriteKind Kind, string[] Twins, long At);

/// <summary>Which of ADT's instance budgets a write spends.</summary>
internal enum WriteKind
{
    /// <summary>A JSON Patch of a twin (ADT: 1,000 a second).</summary>
    Patch,

    /// <summary>A twin or relationship created, replaced or deleted (ADT: 500 a second).</summary>
    CreateOrDelete,
}

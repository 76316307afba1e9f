using System.Globalization;
using System.Net.Http.Headers;

namespace PlateletTwins.Http;

/// <summary>
/// The <c>Retry-After</c> header (RFC 9110 §10.2.3), one way for every service: written as whole seconds, read as
/// seconds or as an HTTP date.
/// </summary>
public static class RetryAfter
{
    /// <summary>A wait as the header's delta-seconds: rounded up, so a client never comes back early, and at least 1.</summary>
    public static string Format(TimeSpan wait) =>
        (wait.TotalSeconds >= int.MaxValue ? int.MaxValue : Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))).ToString(CultureInfo.InvariantCulture);

    /// <summary>The wait a header value asks for; null when there is none or it is neither seconds nor a date. A date already past is no wait.</summary>
    public static TimeSpan? Parse(string? value, TimeProvider time) =>
        RetryConditionHeaderValue.TryParse(value, out var header) ? Parse(header, time) : null;

    /// <inheritdoc cref="Parse(string?, TimeProvider)"/>
    public static TimeSpan? Parse(RetryConditionHeaderValue? header, TimeProvider time)
    {
        if (header?.Delta is { } delta)
        {
            return delta;
        }
        if (header?.Date is not { } date)
        {
            return null;
        }
        var now = time.GetUtcNow();
        return date > now ? date - now : TimeSpan.Zero;
    }
}

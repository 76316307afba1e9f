namespace PlateletTwins.Dtdl.Values;

/// <summary>
/// The string forms of DTDL v3's temporal schemas, parsed over spans: <c>date</c> an RFC 3339 full-date, <c>dateTime</c>
/// an RFC 3339 date-time, <c>time</c> an RFC 3339 full-time (a time and an offset), <c>duration</c> ISO 8601's
/// <c>PnYnMnDTnHnMnS</c>. Where RFC 3339 or ISO 8601 is wider than what .NET reads as an instant (lower-case
/// <c>t</c>/<c>z</c>, leap seconds, more than seven fractional digits, offsets beyond ±14 h, week durations), the
/// narrower rule is taken: a value refused at once is better than one a reader cannot take later.
/// </summary>
public static class TemporalFormats
{
    private const int MaxOffsetMinutes = 14 * 60;

    /// <summary>An RFC 3339 full-date, <c>yyyy-MM-dd</c>, a day that exists.</summary>
    public static bool IsDate(ReadOnlySpan<char> text) => text.Length == 10 && TryReadDate(text, out _);

    /// <summary>An RFC 3339 date-time, <c>yyyy-MM-ddTHH:mm:ss[.f{1,7}](Z|±HH:mm)</c>, an instant that exists.</summary>
    public static bool TryParseDateTime(ReadOnlySpan<char> text, out DateTimeOffset instant)
    {
        instant = default;
        if (text.Length < 20 || text[10] != 'T' || !TryReadDate(text[..10], out var date))
        {
            return false;
        }
        var rest = text[11..];
        if (!TryReadPartialTime(rest, out var timeOfDay, out var used) || !TryReadOffset(rest[used..], MaxOffsetMinutes, out var offset))
        {
            return false;
        }
        var local = date.ToDateTime(TimeOnly.MinValue).Ticks + timeOfDay;
        var utc = local - offset.Ticks;
        if (utc < DateTime.MinValue.Ticks || utc > DateTime.MaxValue.Ticks)
        {
            return false;
        }
        instant = new DateTimeOffset(local, offset);
        return true;
    }

    /// <summary>An RFC 3339 full-time: <c>HH:mm:ss[.f{1,7}](Z|±HH:mm)</c>.</summary>
    public static bool IsTime(ReadOnlySpan<char> text) =>
        TryReadPartialTime(text, out _, out var used) && TryReadOffset(text[used..], maxMinutes: 23 * 60 + 59, out _);

    /// <summary>
    /// ISO 8601's <c>PnYnMnDTnHnMnS</c> (fractions on seconds only), at least one component, and one after a <c>T</c>;
    /// within a <see cref="TimeSpan"/> when years count 365 days and months 30, as XML Schema's conversion counts them.
    /// </summary>
    public static bool IsDuration(ReadOnlySpan<char> text)
    {
        if (text.Length < 3 || text[0] != 'P')
        {
            return false;
        }
        ReadOnlySpan<char> dateDesignators = ['Y', 'M', 'D'];
        ReadOnlySpan<char> timeDesignators = ['H', 'M', 'S'];
        Span<ulong> parts = stackalloc ulong[6];
        var fractionTicks = 0L;
        var i = 1;
        var next = 0;
        var components = 0;
        var inTime = false;
        var timeComponents = 0;
        while (i < text.Length)
        {
            if (text[i] == 'T')
            {
                if (inTime)
                {
                    return false;
                }
                inTime = true;
                next = 3;
                i++;
                continue;
            }
            var start = i;
            ulong number = 0;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                number = number * 10 + (ulong)(text[i] - '0');
                if (number > int.MaxValue)
                {
                    return false;
                }
                i++;
            }
            if (i == start || i == text.Length)
            {
                return false;
            }
            if (text[i] == '.' && inTime)
            {
                var digits = 0;
                i++;
                var fractionStart = i;
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    if (digits < 7)
                    {
                        fractionTicks = fractionTicks * 10 + (text[i] - '0');
                        digits++;
                    }
                    i++;
                }
                if (i == fractionStart || i == text.Length || text[i] != 'S')
                {
                    return false;
                }
                for (; digits < 7; digits++)
                {
                    fractionTicks *= 10;
                }
            }
            var designators = inTime ? timeDesignators : dateDesignators;
            var slot = designators.IndexOf(text[i]);
            if (slot < 0 || (inTime ? slot + 3 : slot) < next)
            {
                return false;
            }
            next = (inTime ? slot + 3 : slot) + 1;
            parts[next - 1] = number;
            components++;
            timeComponents += inTime ? 1 : 0;
            i++;
        }
        if (components == 0 || (inTime && timeComponents == 0))
        {
            return false;
        }
        var days = (UInt128)parts[0] * 365 + (UInt128)parts[1] * 30 + parts[2];
        var seconds = ((days * 24 + parts[3]) * 60 + parts[4]) * 60 + parts[5];
        return seconds * TimeSpan.TicksPerSecond + (UInt128)fractionTicks <= long.MaxValue;
    }

    private static bool TryReadDate(ReadOnlySpan<char> text, out DateOnly date)
    {
        date = default;
        if (text[4] != '-' || text[7] != '-'
            || !TryDigits(text[..4], out var year) || !TryDigits(text.Slice(5, 2), out var month) || !TryDigits(text.Slice(8, 2), out var day)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }
        date = new DateOnly(year, month, day);
        return true;
    }

    // HH:mm:ss with up to seven fractional digits; the ticks since midnight and the characters read.
    private static bool TryReadPartialTime(ReadOnlySpan<char> text, out long ticks, out int used)
    {
        ticks = 0;
        used = 0;
        if (text.Length < 8 || text[2] != ':' || text[5] != ':'
            || !TryDigits(text[..2], out var hour) || !TryDigits(text.Slice(3, 2), out var minute) || !TryDigits(text.Slice(6, 2), out var second)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }
        used = 8;
        long fraction = 0;
        if (text.Length > 8 && text[8] == '.')
        {
            var digits = 0;
            used = 9;
            while (used < text.Length && char.IsAsciiDigit(text[used]))
            {
                if (++digits > 7)
                {
                    return false;
                }
                fraction = fraction * 10 + (text[used] - '0');
                used++;
            }
            if (digits == 0)
            {
                return false;
            }
            for (; digits < 7; digits++)
            {
                fraction *= 10;
            }
        }
        ticks = ((hour * 60L + minute) * 60 + second) * TimeSpan.TicksPerSecond + fraction;
        return true;
    }

    // Z, or ±HH:mm within maxMinutes; nothing may follow.
    private static bool TryReadOffset(ReadOnlySpan<char> text, int maxMinutes, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        if (text is ['Z'])
        {
            return true;
        }
        if (text.Length != 6 || text[0] is not ('+' or '-') || text[3] != ':'
            || !TryDigits(text.Slice(1, 2), out var hours) || !TryDigits(text.Slice(4, 2), out var minutes) || minutes > 59)
        {
            return false;
        }
        var total = hours * 60 + minutes;
        if (total > maxMinutes)
        {
            return false;
        }
        offset = TimeSpan.FromMinutes(text[0] == '-' ? -total : total);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
            value = value * 10 + (c - '0');
        }
        return true;
    }
}

using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace PlateletTwins.MockAdt.History;

/// <summary>
/// <c>MockAdt:History</c>: on or off, and how many rows each table keeps before it drops its oldest, as a retention
/// policy would; checked when MockAdt starts (<see cref="HistoryOptionsValidator"/>).
/// </summary>
internal sealed class HistoryOptions
{
    /// <summary>False turns data history off (nothing recorded), e.g. to measure what it costs the write path.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>At least 1: history is switched off by <see cref="Enabled"/>, not by keeping no rows.</summary>
    [Range(1, int.MaxValue)]
    public int MaxRows { get; set; } = 1_000_000;
}

/// <summary><see cref="HistoryOptions"/>' annotations, checked when MockAdt starts.</summary>
[OptionsValidator]
internal sealed partial class HistoryOptionsValidator : IValidateOptions<HistoryOptions>;

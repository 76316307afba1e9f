using System.ComponentModel;
using PlateletTwins.ServiceDefaults.Configuration;

namespace PlateletTwins.MockAdt.Limits;

/// <summary><c>MockAdt:Limits:Profile</c>: which of ADT's limits MockAdt applies.</summary>
[TypeConverter(typeof(NameConverter<LimitProfile>))]
internal enum LimitProfile
{
    /// <summary>Only the functional limits (the default).</summary>
    Off,

    /// <summary>ADT's documented rate limits.</summary>
    Cloud,

    /// <summary>Cloud plus injected faults.</summary>
    Chaos,
}

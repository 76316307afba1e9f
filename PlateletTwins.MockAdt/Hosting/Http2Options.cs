using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace PlateletTwins.MockAdt.Hosting;

/// <summary>
/// <c>MockAdt:Http2Port</c>: a second port, on localhost, that speaks HTTP/2 without TLS; unset, there is none. Checked
/// when MockAdt starts (<see cref="Http2OptionsValidator"/>), before Kestrel listens on it.
/// </summary>
internal sealed class Http2Options
{
    [Range(1, 65535)]
    public int? Http2Port { get; set; }
}

/// <summary><see cref="Http2Options"/>' annotations, checked when MockAdt starts.</summary>
[OptionsValidator]
internal sealed partial class Http2OptionsValidator : IValidateOptions<Http2Options>;

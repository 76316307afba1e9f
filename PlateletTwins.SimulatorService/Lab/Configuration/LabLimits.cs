namespace PlateletTwins.SimulatorService.Lab.Configuration;

/// <summary>
/// The ranges of a lab's numbers: far beyond what any real lab needs, and within what a run takes without crashing,
/// hanging or running out of memory. <c>lab.schema.json</c> writes the same numbers (a test holds the two together),
/// and docs/lab-file.md gives them with their reasons. Durations are in minutes.
/// </summary>
internal static class LabLimits
{
    /// <summary>The longest duration, about 19 years: no cycle, repair, wait, rest or shelf life is longer, and times stay exact to well under a millisecond.</summary>
    public const double MaxMinutes = 10_000_000;

    /// <summary>
    /// A distribution's scale (the mean of exp and lognormal, the max of tri and uniform) is at least 60 ms: below
    /// that, durations are rounding noise, and a lognormal's parameters overflow to NaN.
    /// </summary>
    public const double MinScaleMinutes = 0.001;

    /// <summary>
    /// A time to failure's scale is at least an hour; the stress profile divides it by 20, so a run sees at least 3
    /// minutes. Below that, a device fails and is repaired again and again at one instant and the run never ends.
    /// </summary>
    public const double MinTimeToFailureMinutes = 60;

    /// <summary>A lognormal's sd is at most 10 times its mean: beyond, nearly every draw is close to zero (a storm of events) and the mean rests on rare huge draws.</summary>
    public const double MaxLogNormalSdPerMean = 10;

    /// <summary>A device's slots, each one an object a run keeps (the reference's largest, the agitator, has 96).</summary>
    public const int MaxDeviceCapacity = 1_000;

    /// <summary>A buffer's items (the reference's largest, the whole-blood hold, has 400).</summary>
    public const int MaxBufferCapacity = 100_000;

    /// <summary>A delivery's units, all made at its instant (the reference's largest brings 150).</summary>
    public const int MaxDeliveryCount = 10_000;

    /// <summary>A day's deliveries.</summary>
    public const int MaxDeliveries = 100;

    /// <summary>Buffy coats in a pool (4 to 6 in practice).</summary>
    public const int MaxPoolSize = 20;

    /// <summary>ABO groups, each a list of buffy coats in every rack (ABO with RhD is 8).</summary>
    public const int MaxAboGroups = 16;

    /// <summary>Devices, and buffers: each a twin, checked, modelled and reported (the reference has 12 devices and 8 buffers).</summary>
    public const int MaxDevices = 1_000;

    /// <summary>
    /// A lab's twins are named within it (<c>{lab}.{device}</c>, <c>{lab}.pool-P000123</c>): the lab's id leaves room
    /// in a twin id's 128 characters for its pools' names, and the device ids for what is left.
    /// </summary>
    public const int MaxLabIdLength = 100;

    public const int MaxBuffers = 1_000;

    /// <summary>A device's position in the 3D scene, each coordinate within 10 km of the origin.</summary>
    public const double MaxPositionMetres = 10_000;
}

namespace PlateletTwins.SimulatorService.Randomness;

/// <summary>PCG-XSH-RR 32 (O'Neill, 2014): small, fast, and the same sequence on every platform for a seed.</summary>
internal sealed class Pcg32
{
    private const ulong Multiplier = 6364136223846793005UL;
    private ulong _state;
    private readonly ulong _increment;

    public Pcg32(ulong seed, ulong stream)
    {
        _increment = (stream << 1) | 1UL;
        NextUInt();
        _state += seed;
        NextUInt();
    }

    public uint NextUInt()
    {
        var old = _state;
        _state = unchecked(old * Multiplier + _increment);
        var xorShifted = (uint)(((old >> 18) ^ old) >> 27);
        var rotation = (int)(old >> 59);
        return (xorShifted >> rotation) | (xorShifted << (-rotation & 31));
    }

    /// <summary>A double in [0, 1) with 53 random bits.</summary>
    public double NextDouble()
    {
        var bits = ((ulong)NextUInt() << 21) ^ NextUInt();
        return (bits & ((1UL << 53) - 1)) * (1.0 / (1UL << 53));
    }
}

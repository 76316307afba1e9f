using System.Text;

namespace PlateletTwins.SimulatorService.Randomness;

/// <summary>
/// Independent random streams derived from one master seed, one per purpose (e.g. "separator-01/cycle"), so that
/// changing one device does not shift the draws of any other; and per-replication seeds derived the same way.
/// </summary>
internal sealed class RandomStreams(ulong masterSeed)
{
    public ulong MasterSeed { get; } = masterSeed;

    public Sampler For(string purpose)
    {
        var hash = Fnv1a(purpose);
        return new Sampler(new Pcg32(SplitMix(MasterSeed ^ hash), SplitMix(hash)));
    }

    /// <summary>The seed of replication <paramref name="replication"/> of a run with <paramref name="masterSeed"/>.</summary>
    public static ulong ReplicationSeed(ulong masterSeed, int replication) => SplitMix(masterSeed + 0x9E3779B97F4A7C15UL * (ulong)(replication + 1));

    // A stable string hash: string.GetHashCode differs between processes.
    private static ulong Fnv1a(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = unchecked((hash ^ b) * 1099511628211UL);
        }
        return hash;
    }

    private static ulong SplitMix(ulong x)
    {
        x = unchecked(x + 0x9E3779B97F4A7C15UL);
        x = unchecked((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL);
        x = unchecked((x ^ (x >> 27)) * 0x94D049BB133111EBUL);
        return x ^ (x >> 31);
    }
}

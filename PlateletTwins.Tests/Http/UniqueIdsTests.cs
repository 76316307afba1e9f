using PlateletTwins.Http;

namespace PlateletTwins.Tests.Http;

public sealed class UniqueIdsTests
{
    [Fact]
    public void Ids_are_random_version_4_GUIDs_and_do_not_repeat()
    {
        var ids = Enumerable.Range(0, 100_000).Select(_ => UniqueIds.NewGuid()).ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids.Take(1000), id =>
        {
            var text = id.ToString();
            Assert.Equal('4', text[14]);
            Assert.Contains(text[19], "89ab");
        });
        // Random bits, not a counter: half of the 122 free bits set on average (63 with the version and variant bits).
        var setBits = ids.Take(1000).Average(id => id.ToByteArray().Sum(b => System.Numerics.BitOperations.PopCount(b)));
        Assert.InRange(setBits, 62, 64);
    }
}

using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PlateletTwins.MockAdt.Limits;

namespace PlateletTwins.Tests.MockAdt;

/// <summary>ADT's token buckets on a clock that moves only when the test says: continuous refill, the wait a refusal names, refunds.</summary>
public sealed class TokenBucketLimiterTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_bucket_holds_a_seconds_worth_refills_continuously_and_names_the_wait_for_the_next_permit()
    {
        using var bucket = new TokenBucketLimiter(10, _clock);
        for (var i = 0; i < 10; i++)
        {
            Assert.True(bucket.AttemptAcquire().IsAcquired);
        }
        using var refused = bucket.AttemptAcquire();
        Assert.False(refused.IsAcquired);
        Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter));
        Assert.Equal(TimeSpan.FromMilliseconds(100), retryAfter);
        Assert.Null(bucket.IdleDuration);

        _clock.Advance(TimeSpan.FromMilliseconds(250));
        Assert.True(bucket.AttemptAcquire().IsAcquired);
        Assert.True(bucket.AttemptAcquire().IsAcquired);
        Assert.False(bucket.AttemptAcquire().IsAcquired);

        // Never more than a second's worth saved up; full for as long as it has been.
        _clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(TimeSpan.FromSeconds(5) - TimeSpan.FromMilliseconds(950), bucket.IdleDuration);
        Assert.Equal(10, Enumerable.Range(0, 12).Count(_ => bucket.AttemptAcquire().IsAcquired));
    }

    [Fact]
    public async Task A_write_refused_by_the_instances_row_gives_its_twins_permit_back()
    {
        var options = Options.Create(new LimitsOptions { Rates = new RateLimits { CreatesAndDeletes = 1, WritesPerTwin = 2 } });
        await using var budgets = new AdtBudgets(options, _clock);

        Assert.True(budgets.Spend(ApiCategory.CreateOrDelete, new WrittenTwins("a")).IsAcquired);
        // The row is spent: refused by it, with nothing of a's kept.
        using var refused = budgets.Spend(ApiCategory.CreateOrDelete, new WrittenTwins("a"));
        Assert.False(refused.IsAcquired);
        Assert.True(refused.TryGetMetadata(AdtBudgets.RefusedBy, out var budget));
        Assert.Equal(new Budget(ApiCategory.CreateOrDelete, null), budget);

        // a still has its second permit (a patch is another row), and only then is its own budget spent.
        Assert.True(budgets.Spend(ApiCategory.DigitalTwinPatch, new WrittenTwins("a")).IsAcquired);
        using var spent = budgets.Spend(ApiCategory.DigitalTwinPatch, new WrittenTwins("a"));
        Assert.True(spent.TryGetMetadata(AdtBudgets.RefusedBy, out var twinBudget));
        Assert.Equal(new Budget(ApiCategory.DigitalTwinPatch, "a"), twinBudget);
    }

    [Fact]
    public async Task A_relationship_write_refused_at_its_target_gives_the_sources_permit_back()
    {
        var options = Options.Create(new LimitsOptions { Rates = new RateLimits { WritesPerTwin = 1 } });
        await using var budgets = new AdtBudgets(options, _clock);

        Assert.True(budgets.Spend(ApiCategory.DigitalTwinPatch, new WrittenTwins("target")).IsAcquired);
        using var refused = budgets.Spend(ApiCategory.CreateOrDelete, new WrittenTwins("source", "target"));
        Assert.True(refused.TryGetMetadata(AdtBudgets.RefusedBy, out var budget));
        Assert.Equal("twin target", budget.ToString());
        Assert.True(budgets.Spend(ApiCategory.DigitalTwinPatch, new WrittenTwins("source")).IsAcquired);
    }
}

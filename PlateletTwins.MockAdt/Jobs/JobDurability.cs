using PlateletTwins.MockAdt.Persistence;

namespace PlateletTwins.MockAdt.Jobs;

/// <summary>
/// A job says <c>succeeded</c> only once what it wrote is committed, as a write's 2xx waits for its commit: with
/// <c>MockAdt:DataDirectory</c> set, the journal names the commit of each of the job's writes in this scope; without
/// one there is nothing to wait for.
/// </summary>
internal sealed class JobDurability
{
    private readonly DurableAcknowledgement.Scope _scope = DurableAcknowledgement.Begin();

    /// <summary>Waits for the commit that holds the job's last write; false when it failed (the writes stay in memory).</summary>
    public async Task<bool> CommittedAsync()
    {
        try
        {
            await _scope.Commit;
            return true;
        }
        catch (Exception)
        {
            return false;
        }
    }
}

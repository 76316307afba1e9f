namespace PlateletTwins.MockAdt.Persistence;

/// <summary><c>MockAdt:DataDirectory</c>: where MockAdt keeps its state across restarts; unset, state is in memory only.</summary>
internal sealed class PersistenceOptions
{
    public string? DataDirectory { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(DataDirectory);
}

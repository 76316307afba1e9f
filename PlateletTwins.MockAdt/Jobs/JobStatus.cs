namespace PlateletTwins.MockAdt.Jobs;

/// <summary>
/// The states of a bulk job, as the REST spec (2023-10-31) spells them: import jobs use all six, delete jobs the first
/// four. A job is active (it holds the instance's one bulk-job slot) until it reaches a final state.
/// </summary>
internal static class JobStatus
{
    public const string NotStarted = "notstarted";
    public const string Running = "running";
    public const string Failed = "failed";
    public const string Succeeded = "succeeded";
    public const string Cancelling = "cancelling";
    public const string Cancelled = "cancelled";

    public static bool IsFinal(string status) => status is Failed or Succeeded or Cancelled;
}

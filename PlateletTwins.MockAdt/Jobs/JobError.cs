namespace PlateletTwins.MockAdt.Jobs;

/// <summary>A job's <c>error</c>: why it failed, in the shape of ADT's error object (code and message).</summary>
internal sealed record JobError(string Code, string Message);

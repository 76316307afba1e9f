namespace PlateletTwins.SimulatorService.Engine;

/// <summary>Why a process was interrupted (for example a failure); what it receives instead of the event it waited for.</summary>
public sealed record Interrupt(object? Cause);

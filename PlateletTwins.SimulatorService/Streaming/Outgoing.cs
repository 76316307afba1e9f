namespace PlateletTwins.SimulatorService.Streaming;

/// <summary>What the stream carries to the intake, in the order the lab produced it: a twin update or a discrete event.</summary>
public readonly record struct Outgoing(TwinUpdateMessage? Update, EventMessage? Event);

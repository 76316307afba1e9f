namespace PlateletTwins.SimulatorService.Streaming;

/// <summary>
/// What the stream carries to the intake, in the order the lab produced it: a twin update, a discrete event, or a twin
/// or relationship change. <see cref="PoolTwin"/> marks a pool twin's update: pool twins come and go, so their updates
/// are not kept as a twin's latest state to resend.
/// </summary>
internal readonly record struct Outgoing(TwinUpdateMessage? Update, EventMessage? Event, TwinChangeMessage? Change = null, bool PoolTwin = false);

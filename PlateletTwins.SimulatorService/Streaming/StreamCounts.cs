namespace PlateletTwins.SimulatorService.Streaming;

/// <summary>What became of a streamed run's updates and events, as its twin reports it at the end.</summary>
internal sealed record StreamCounts(bool Lossless, long UpdatesSent, long UpdatesCoalesced, long UpdatesRefused, long EventsSent);

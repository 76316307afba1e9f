using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using PlateletTwins.MockAdt.Hosting;
using PlateletTwins.MockAdt.Limits;
using PlateletTwins.Tests.Infrastructure;

namespace PlateletTwins.Tests.MockAdt;

/// <summary>The last resort: an exception nothing anticipated is a logged 500 in ADT's envelope, its text never sent.</summary>
public sealed class ErrorMiddlewareTests
{
    [Fact]
    public async Task An_unexpected_exception_is_logged_and_answered_with_a_500_envelope_without_its_text()
    {
        var logs = new CapturingLoggerProvider();
        var (app, address) = await LoopbackApp.StartAsync(
            new Dictionary<string, string?> { ["MockAdt:Auth:Tokens:0:Value"] = MockAdtHost.OwnerToken, ["MockAdt:Auth:Tokens:0:Role"] = "DataOwner" },
            builder =>
            {
                builder.AddMockAdt();
                builder.Logging.AddProvider(logs);
            },
            web =>
            {
                web.MapMockAdt();
                // A handler with a bug, an ADT operation behind the data plane's pipeline like every other.
                web.MapAdtDataPlane()
                    .MapGet("/digitaltwins/{id}/broken", string (string id) => throw new InvalidOperationException("secret detail " + id))
                    .CountsAgainst(ApiCategory.DigitalTwinRead)
                    .Reads();
            });
        await using var _ = app;
        using var client = new HttpClient { BaseAddress = address };
        client.DefaultRequestHeaders.Authorization = new("Bearer", MockAdtHost.OwnerToken);

        using var response = await client.GetAsync("/digitaltwins/x/broken?api-version=2023-10-31");

        var error = await AdtAssert.ErrorAsync(response, 500, "InternalServerError");
        Assert.DoesNotContain("secret", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Error && e.Exception is InvalidOperationException { Message: "secret detail x" });
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<(LogLevel Level, Exception? Exception)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(Entries);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<(LogLevel, Exception?)> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue((logLevel, exception));
        }
    }
}

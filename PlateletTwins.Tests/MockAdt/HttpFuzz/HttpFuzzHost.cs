using System.Text;
using PlateletTwins.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PlateletTwins.Tests.MockAdt.HttpFuzz;

/// <summary>A MockAdt of the fuzz suite's own (no other test's writes in its state), with the fuzz models uploaded.</summary>
public sealed class HttpFuzzHost : IAsyncLifetime
{
    public const string Api = "api-version=2023-10-31";

    public MockAdtHost Host { get; private set; } = null!;

    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        Host = await MockAdtHost.StartAsync();
        _http = Host.CreateClient();
        using var response = await _http.PostAsync($"/models?{Api}", new StringContent(FuzzModels.Models().ToJsonString(), Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
    }

    public FuzzClient Client(ITestOutputHelper output) => new(_http, output);

    /// <summary>Creates a room twin with the given id (or a fresh one) and returns the id.</summary>
    public static async Task<string> CreateRoomAsync(FuzzClient client, string? id = null)
    {
        id ??= "room-" + Guid.NewGuid().ToString("N")[..8];
        var answer = await client.SendJsonAsync(HttpMethod.Put, $"/digitaltwins/{id}?{Api}", FuzzModels.RoomTwin().ToJsonString(), "create room");
        Assert.True(answer.Status == 200, $"creating {id}: {answer.Status} {answer.Text}");
        return id;
    }

    public static async Task CreateRelationshipAsync(FuzzClient client, string source, string id, string target)
    {
        var answer = await client.SendJsonAsync(HttpMethod.Put, $"/digitaltwins/{source}/relationships/{id}?{Api}", FuzzModels.Relationship(target).ToJsonString(), "create relationship");
        Assert.True(answer.Status == 200, $"creating {source}/{id}: {answer.Status} {answer.Text}");
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
    }
}

/// <summary>
/// Guards state across refused requests: after each request it reads the resources it watches; a refused request
/// (4xx) must leave every one of them byte for byte as it was (ETags included), an accepted one moves the baseline.
/// </summary>
public sealed class StateGuard(FuzzClient client, params string[] paths)
{
    private readonly Dictionary<string, string> _known = new(StringComparer.Ordinal);

    public async Task<StateGuard> StartAsync()
    {
        foreach (var path in paths)
        {
            _known[path] = await ReadAsync(path);
        }
        return this;
    }

    public async Task<FuzzAnswer> SendAsync(Func<Task<FuzzAnswer>> send, string label)
    {
        var answer = await send();
        foreach (var path in paths)
        {
            var now = await ReadAsync(path);
            if (answer.Refused && now != _known[path])
            {
                client.Fail($"refused {label} ({answer.Status} {Short(answer.Text)}) changed {path}:\n  before {Short(_known[path])}\n  after  {Short(now)}");
            }
            _known[path] = now;
        }
        return answer;
    }

    private async Task<string> ReadAsync(string path)
    {
        var answer = await client.GetAsync(path);
        return $"{answer.Status} {answer.ETag} {answer.Text}";
    }

    private static string Short(string text) => text.Length <= 400 ? text : text[..400] + "…";
}

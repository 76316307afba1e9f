using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace PlateletTwins.Tests.MockAdt.HttpFuzz;

/// <summary>One answer of MockAdt: its status, body and ETag.</summary>
public sealed record FuzzAnswer(int Status, byte[] Body, string? ETag)
{
    public bool Refused => Status >= 400;

    public string Text => Encoding.UTF8.GetString(Body);
}

/// <summary>
/// Sends the fuzz suite's requests over real HTTP and judges every answer as it comes: a 5xx is a failure, and so is
/// an error without ADT's envelope (<c>{"error":{"code","message"}}</c> and a matching <c>x-ms-error-code</c>),
/// except the gateway's own 401 and empty 403. Counts requests by status for the report.
/// </summary>
public sealed class FuzzClient(HttpClient http, ITestOutputHelper output)
{
    private readonly SortedDictionary<int, int> _byStatus = [];
    private readonly List<string> _failures = [];

    public int Sent { get; private set; }

    public HttpClient Http => http;

    public IReadOnlyList<string> Failures => _failures;

    /// <summary>Sends one request; <paramref name="label"/> names the case in a failure.</summary>
    public async Task<FuzzAnswer> SendAsync(HttpMethod method, string path, byte[]? body = null, string? contentType = "application/json",
        Action<HttpRequestHeaders>? headers = null, string? label = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            if (contentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }
        }
        headers?.Invoke(request.Headers);
        using var response = await http.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var answer = new FuzzAnswer((int)response.StatusCode, bytes, response.Headers.ETag?.ToString());
        Record(answer, () => $"{method} {path} [{label}] body={Show(body)}", response);
        return answer;
    }

    public Task<FuzzAnswer> SendJsonAsync(HttpMethod method, string path, string json, string? label = null, Action<HttpRequestHeaders>? headers = null) =>
        SendAsync(method, path, Encoding.UTF8.GetBytes(json), method == HttpMethod.Patch ? "application/json-patch+json" : "application/json", headers, label);

    public Task<FuzzAnswer> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    /// <summary>
    /// Counts and judges an answer obtained some other way (a raw socket); <paramref name="envelopeOwed"/> is false for
    /// what Kestrel's own parser refuses before any of MockAdt runs (it cannot answer in ADT's envelope).
    /// </summary>
    public void Record(int status, byte[] body, string label, bool envelopeOwed)
    {
        if (envelopeOwed)
        {
            Record(new FuzzAnswer(status, body, null), () => label, response: null);
            return;
        }
        Sent++;
        _byStatus[status] = _byStatus.GetValueOrDefault(status) + 1;
        if (status >= 500)
        {
            _failures.Add($"{status} for {label}");
        }
    }

    /// <summary>Records a failure that is not about one answer (a state change, a broken invariant).</summary>
    public void Fail(string failure) => _failures.Add(failure);

    /// <summary>Adds another client's counts and failures (a concurrent worker's) to this one's.</summary>
    public void Absorb(FuzzClient other)
    {
        Sent += other.Sent;
        foreach (var (status, count) in other._byStatus)
        {
            _byStatus[status] = _byStatus.GetValueOrDefault(status) + count;
        }
        _failures.AddRange(other._failures);
    }

    public void Report(string name)
    {
        output.WriteLine($"{name}: {Sent} requests; by status: {string.Join(", ", _byStatus.Select(s => $"{s.Key}: {s.Value}"))}; 5xx: {_byStatus.Where(s => s.Key >= 500).Sum(s => s.Value)}");
        foreach (var failure in _failures.Take(20))
        {
            output.WriteLine("FAILURE " + failure);
        }
    }

    /// <summary>Reports, then fails the test if any answer or invariant failed.</summary>
    public void AssertClean(string name)
    {
        Report(name);
        Assert.True(_failures.Count == 0, $"{_failures.Count} failures in {name}; first: {string.Join("\n", _failures.Take(5))}");
    }

    private void Record(FuzzAnswer answer, Func<string> describe, HttpResponseMessage? response)
    {
        Sent++;
        _byStatus[answer.Status] = _byStatus.GetValueOrDefault(answer.Status) + 1;
        if (answer.Status >= 500)
        {
            _failures.Add($"{answer.Status} for {describe()}: {Truncate(answer.Text)}");
        }
        else if (answer.Refused && answer.Status is not (401 or 403) && !RefusedByKestrel(answer, response) && EnvelopeProblem(answer, response) is { } problem)
        {
            _failures.Add($"{answer.Status} without ADT's envelope ({problem}) for {describe()}: {Truncate(answer.Text)}");
        }
    }

    // Kestrel refuses a path that decodes to a NUL itself, with an empty 400, before any middleware runs.
    private static bool RefusedByKestrel(FuzzAnswer answer, HttpResponseMessage? response) =>
        answer.Status == 400 && answer.Body.Length == 0 && response?.RequestMessage?.RequestUri?.AbsolutePath.Contains("%00", StringComparison.Ordinal) == true;

    private static string? EnvelopeProblem(FuzzAnswer answer, HttpResponseMessage? response)
    {
        JsonNode? body;
        try
        {
            body = JsonNode.Parse(answer.Body);
        }
        catch (JsonException)
        {
            return "not JSON";
        }
        // The gateway's 429 nests its own shape in "error" (statusCode, message), as ADT's does.
        if (answer.Status == 429)
        {
            return body?["error"]?["message"] is null ? "no message" : null;
        }
        if (body?["error"] is not JsonObject error || error["code"] is not JsonValue code || error["message"] is not JsonValue)
        {
            return "no error.code/message";
        }
        if (response is not null && (!response.Headers.TryGetValues("x-ms-error-code", out var header) || header.Single() != code.GetValue<string>()))
        {
            return "x-ms-error-code missing or different";
        }
        return null;
    }

    private static string Show(byte[]? body) => body is null ? "(none)" : Truncate(Encoding.UTF8.GetString(body));

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";
}

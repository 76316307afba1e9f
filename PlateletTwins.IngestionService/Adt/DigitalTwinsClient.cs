using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using PlateletTwins.Dtdl.Values;
using PlateletTwins.Http;

namespace PlateletTwins.IngestionService.Adt;

/// <summary>
/// A client of the Azure Digital Twins data plane on Azure.Core's HttpPipeline (retries, bearer token,
/// diagnostics), shaped like the official <c>Azure.DigitalTwins.Core.DigitalTwinsClient</c> so that swapping
/// in that package is a small change: the same method names, <see cref="JsonPatchDocument"/>, <see cref="ETag"/>,
/// <see cref="Response"/> and <see cref="RequestFailedException"/> carrying ADT's error code.
/// </summary>
internal sealed class DigitalTwinsClient
{
    /// <summary>The scope of the Azure Digital Twins data plane in Microsoft Entra ID.</summary>
    public const string Scope = "https://digitaltwins.azure.net/.default";

    private readonly Uri _endpoint;
    private readonly HttpPipeline _pipeline;
    private readonly string _apiVersion;

    public DigitalTwinsClient(Uri endpoint, TokenCredential credential, DigitalTwinsClientOptions? options = null)
    {
        options ??= new DigitalTwinsClientOptions();
        _endpoint = endpoint;
        _apiVersion = options.ApiVersion;
        _pipeline = HttpPipelineBuilder.Build(options, new BearerTokenPolicy(credential, Scope));
    }

    public async Task<Response<T>> GetDigitalTwinAsync<T>(string digitalTwinId, CancellationToken cancellationToken = default)
    {
        using var activity = AdtDiagnostics.StartOperation("GetDigitalTwin", digitalTwinId);
        using var message = CreateMessage(RequestMethod.Get, $"/digitaltwins/{Uri.EscapeDataString(digitalTwinId)}");
        var response = await SendAsync(message, 200, activity, cancellationToken).ConfigureAwait(false);
        return Response.FromValue(Deserialize<T>(response), response);
    }

    public Task<Response<T>> CreateOrReplaceDigitalTwinAsync<T>(string digitalTwinId, T digitalTwin, ETag? ifNoneMatch = null, CancellationToken cancellationToken = default) =>
        PutAsync("CreateOrReplaceDigitalTwin", digitalTwinId, $"/digitaltwins/{Uri.EscapeDataString(digitalTwinId)}", digitalTwin, ifNoneMatch, cancellationToken);

    public async Task<Response> UpdateDigitalTwinAsync(string digitalTwinId, JsonPatchDocument jsonPatchDocument, ETag? ifMatch = null, CancellationToken cancellationToken = default)
    {
        using var activity = AdtDiagnostics.StartOperation("UpdateDigitalTwin", digitalTwinId);
        using var message = CreateMessage(RequestMethod.Patch, $"/digitaltwins/{Uri.EscapeDataString(digitalTwinId)}");
        if (ifMatch is { } condition)
        {
            message.Request.Headers.Add(HttpHeader.Names.IfMatch, condition.ToString("H"));
        }
        SetJsonContent(message, jsonPatchDocument.ToBytes(), "application/json-patch+json");
        return await SendAsync(message, 204, activity, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Response> DeleteDigitalTwinAsync(string digitalTwinId, ETag? ifMatch = null, CancellationToken cancellationToken = default)
    {
        using var activity = AdtDiagnostics.StartOperation("DeleteDigitalTwin", digitalTwinId);
        using var message = CreateMessage(RequestMethod.Delete, $"/digitaltwins/{Uri.EscapeDataString(digitalTwinId)}");
        if (ifMatch is { } condition)
        {
            message.Request.Headers.Add(HttpHeader.Names.IfMatch, condition.ToString("H"));
        }
        return await SendAsync(message, 204, activity, cancellationToken).ConfigureAwait(false);
    }

    public Task<Response<T>> CreateOrReplaceRelationshipAsync<T>(string digitalTwinId, string relationshipId, T relationship, ETag? ifNoneMatch = null, CancellationToken cancellationToken = default) =>
        PutAsync("CreateOrReplaceRelationship", digitalTwinId,
            $"/digitaltwins/{Uri.EscapeDataString(digitalTwinId)}/relationships/{Uri.EscapeDataString(relationshipId)}", relationship, ifNoneMatch, cancellationToken);

    public async Task<Response> DeleteRelationshipAsync(string digitalTwinId, string relationshipId, ETag? ifMatch = null, CancellationToken cancellationToken = default)
    {
        using var activity = AdtDiagnostics.StartOperation("DeleteRelationship", digitalTwinId);
        using var message = CreateMessage(RequestMethod.Delete, $"/digitaltwins/{Uri.EscapeDataString(digitalTwinId)}/relationships/{Uri.EscapeDataString(relationshipId)}");
        if (ifMatch is { } condition)
        {
            message.Request.Headers.Add(HttpHeader.Names.IfMatch, condition.ToString("H"));
        }
        return await SendAsync(message, 204, activity, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The rows of a query, page after page, following the service's continuation tokens.</summary>
    public async IAsyncEnumerable<T> QueryAsync<T>(string query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? continuation = null;
        do
        {
            using var activity = AdtDiagnostics.StartOperation("Query");
            using var message = CreateMessage(RequestMethod.Post, "/query");
            var body = continuation is null ? new Dictionary<string, string> { ["query"] = query } : new Dictionary<string, string> { ["continuationToken"] = continuation };
            SetJsonContent(message, JsonSerializer.SerializeToUtf8Bytes(body), "application/json");
            var response = await SendAsync(message, 200, activity, cancellationToken).ConfigureAwait(false);
            var page = Deserialize<QueryPage<T>>(response);
            foreach (var item in page.Value)
            {
                yield return item;
            }
            continuation = page.ContinuationToken;
        }
        while (continuation is not null);
    }

    /// <summary>A PUT that answers 200 with what it stored (twins and relationships), optionally create-only.</summary>
    private async Task<Response<T>> PutAsync<T>(string operation, string digitalTwinId, string path, T body, ETag? ifNoneMatch, CancellationToken cancellationToken)
    {
        using var activity = AdtDiagnostics.StartOperation(operation, digitalTwinId);
        using var message = CreateMessage(RequestMethod.Put, path);
        if (ifNoneMatch is { } condition)
        {
            message.Request.Headers.Add(HttpHeader.Names.IfNoneMatch, condition.ToString("H"));
        }
        SetJsonContent(message, JsonSerializer.SerializeToUtf8Bytes(body), "application/json");
        var response = await SendAsync(message, 200, activity, cancellationToken).ConfigureAwait(false);
        return Response.FromValue(Deserialize<T>(response), response);
    }

    /// <summary>Sends telemetry from a twin; <paramref name="messageId"/> lets ADT drop a retry as a duplicate.</summary>
    public async Task<Response> PublishTelemetryAsync(string digitalTwinId, string messageId, string payload, DateTimeOffset? timestamp = null, CancellationToken cancellationToken = default)
    {
        using var activity = AdtDiagnostics.StartOperation("PublishTelemetry", digitalTwinId);
        using var message = CreateMessage(RequestMethod.Post, $"/digitaltwins/{Uri.EscapeDataString(digitalTwinId)}/telemetry");
        message.Request.Headers.Add("Message-Id", messageId);
        if (timestamp is { } sourceTime)
        {
            message.Request.Headers.Add("Telemetry-Source-Time", AdtTime.Format(sourceTime));
        }
        SetJsonContent(message, System.Text.Encoding.UTF8.GetBytes(payload), "application/json");
        return await SendAsync(message, 204, activity, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Response<DigitalTwinsModelData[]>> CreateModelsAsync(IEnumerable<string> dtdlModels, CancellationToken cancellationToken = default)
    {
        using var activity = AdtDiagnostics.StartOperation("CreateModels");
        using var message = CreateMessage(RequestMethod.Post, "/models");
        var body = "[" + string.Join(",", dtdlModels) + "]";
        SetJsonContent(message, System.Text.Encoding.UTF8.GetBytes(body), "application/json");
        var response = await SendAsync(message, 201, activity, cancellationToken).ConfigureAwait(false);
        return Response.FromValue(Deserialize<DigitalTwinsModelData[]>(response), response);
    }

    public async Task<Response<DigitalTwinsModelData>> GetModelAsync(string modelId, CancellationToken cancellationToken = default)
    {
        using var activity = AdtDiagnostics.StartOperation("GetModel");
        using var message = CreateMessage(RequestMethod.Get, $"/models/{Uri.EscapeDataString(modelId)}");
        var response = await SendAsync(message, 200, activity, cancellationToken).ConfigureAwait(false);
        return Response.FromValue(Deserialize<DigitalTwinsModelData>(response), response);
    }

    /// <summary>Lists a twin's outgoing relationships (of one name, when given), following the service's nextLinks.</summary>
    public IAsyncEnumerable<T> GetRelationshipsAsync<T>(string digitalTwinId, string? relationshipName = null, CancellationToken cancellationToken = default)
    {
        var uri = new RequestUriBuilder();
        uri.Reset(_endpoint);
        uri.AppendPath($"/digitaltwins/{Uri.EscapeDataString(digitalTwinId)}/relationships", escape: false);
        if (relationshipName is not null)
        {
            uri.AppendQuery("relationshipName", relationshipName);
        }
        uri.AppendQuery("api-version", _apiVersion);
        return GetPagesAsync<T>("GetRelationships", digitalTwinId, uri.ToUri(), cancellationToken);
    }

    /// <summary>Lists every model, following the service's nextLinks.</summary>
    public IAsyncEnumerable<DigitalTwinsModelData> GetModelsAsync(CancellationToken cancellationToken = default)
    {
        var uri = new RequestUriBuilder();
        uri.Reset(_endpoint);
        uri.AppendPath("/models", escape: false);
        uri.AppendQuery("api-version", _apiVersion);
        return GetPagesAsync<DigitalTwinsModelData>("GetModels", null, uri.ToUri(), cancellationToken);
    }

    /// <summary>The items of a nextLink-paged list, page after page, as the service links them.</summary>
    private async IAsyncEnumerable<T> GetPagesAsync<T>(string operation, string? twinId, Uri first, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var next = first;
        while (next is not null)
        {
            using var activity = AdtDiagnostics.StartOperation(operation, twinId);
            using var message = CreateMessage(RequestMethod.Get, next);
            var response = await SendAsync(message, 200, activity, cancellationToken).ConfigureAwait(false);
            var page = Deserialize<Page<T>>(response);
            foreach (var item in page.Value)
            {
                yield return item;
            }
            next = page.NextLink is null ? null : new Uri(page.NextLink);
        }
    }

    private HttpMessage CreateMessage(RequestMethod method, string path)
    {
        var uri = new RequestUriBuilder();
        uri.Reset(_endpoint);
        uri.AppendPath(path, escape: false);
        uri.AppendQuery("api-version", _apiVersion);
        return CreateMessage(method, uri.ToUri());
    }

    private HttpMessage CreateMessage(RequestMethod method, Uri uri)
    {
        var message = _pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(uri);
        message.Request.Headers.Add(HttpHeader.Names.Accept, "application/json");
        // Azure.Core would make the x-ms-client-request-id with Guid.NewGuid, a system call on every write.
        message.Request.ClientRequestId = UniqueIds.NewGuid().ToString();
        return message;
    }

    private static void SetJsonContent(HttpMessage message, ReadOnlyMemory<byte> body, string contentType)
    {
        message.Request.Headers.Add(HttpHeader.Names.ContentType, contentType);
        message.Request.Content = RequestContent.Create(body);
    }

    private async Task<Response> SendAsync(HttpMessage message, int expectedStatus, Activity? activity, CancellationToken cancellationToken)
    {
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        activity?.SetTag("http.response.status_code", response.Status);
        if (response.Status != expectedStatus)
        {
            var error = new RequestFailedException(response);
            activity?.SetStatus(ActivityStatusCode.Error, error.ErrorCode);
            throw error;
        }
        return response;
    }

    private static T Deserialize<T>(Response response) =>
        JsonSerializer.Deserialize<T>(response.Content.ToMemory().Span, JsonOptions)
        ?? throw new RequestFailedException(response.Status, "The service returned an empty body.");

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private sealed record Page<T>(T[] Value, string? NextLink);

    private sealed record QueryPage<T>(T[] Value, string? ContinuationToken);
}

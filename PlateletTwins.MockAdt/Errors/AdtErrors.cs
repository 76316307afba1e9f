namespace PlateletTwins.MockAdt.Errors;

/// <summary>
/// Every service-layer error MockAdt returns, with ADT's status, code and message. Messages are the real
/// service's where a recording shows them; <c>Errors/ErrorTexts.md</c> says which text comes from which recording or
/// document, and which follow the service's style for want of one.
/// </summary>
internal static class AdtErrors
{
    private const string TwinsHint = "See section on get apis in the documentation https://aka.ms/adtv2twins.";

    public static AdtException InvalidArgument(string message) => new(400, "InvalidArgument", message);

    /// <summary>
    /// A body that is not strict JSON (duplicate names, bad encoding, syntax, depth), for every operation: the code the
    /// service has always used here for a body that does not parse.
    /// </summary>
    public static AdtException InvalidJson(string reason) =>
        InvalidArgument($"The request body is not valid JSON: {reason}.");

    /// <summary>A query-string parameter of one of MockAdt's own endpoints that does not parse or is out of range.</summary>
    public static AdtException InvalidParameter(string name, string expected) =>
        InvalidArgument($"The query parameter '{name}' must be {expected}.");

    public static AdtException MissingParameter(string name) =>
        MissingArgument($"The query parameter '{name}' is required.");

    /// <summary>
    /// A request the HTTP layer could not read (a body shorter than its Content-Length, a malformed chunk, a body over
    /// the server's limit). ADT's gateway answers these itself; the code follows ADT's for a bad payload.
    /// </summary>
    public static AdtException UnreadableRequest(int status) => status == StatusCodes.Status413PayloadTooLarge
        ? new(413, "LimitExceeded", "The request body is larger than the server accepts. See service limits https://aka.ms/dtv2limits.")
        : new(status is >= 400 and < 500 ? status : 400, "InvalidArgument", "The request could not be read: its body or framing is malformed.");

    /// <summary>No operation at this path (or with this method): the path's shape, not a resource, is unknown.</summary>
    public static AdtException NoSuchOperation(int status, string method, string path) => status == StatusCodes.Status405MethodNotAllowed
        ? new(405, "MethodNotAllowed", $"{method} is not an operation on {path}. See the REST API reference https://aka.ms/adtv2api.")
        : new(status, "NotFound", $"There is no operation at {method} {path}: check the path (an id may be missing). See the REST API reference https://aka.ms/adtv2api.");

    /// <summary>GET /mockadt/endpoints/{name}/events of a name that is not a Stream endpoint.</summary>
    public static AdtException StreamEndpointNotFound(string name) =>
        new(404, "EndpointNotFound", $"There is no Stream endpoint named '{name}'. Endpoints are settings: MockAdt:Endpoints:{{n}}:Name and Kind=Stream.");

    public static AdtException TokenIssuingOff() =>
        new(404, "NotFound", "Token issuing is switched off (MockAdt:Auth:IssueTokens).");

    public static AdtException InvalidTokenRequest() =>
        InvalidArgument("The token request must be a JSON object, such as {\"role\":\"DataReader\",\"lifetimeMinutes\":60}.");

    /// <summary>A field of a MockAdt request body (not an ADT operation's) that is missing or of the wrong kind.</summary>
    public static AdtException InvalidField(string name, string expected) =>
        InvalidArgument($"The field '{name}' must be {expected}.");

    /// <summary>The last resort: an exception no rule anticipated. Logged with its stack trace; never sent to the client.</summary>
    public static AdtException InternalError(string traceId) =>
        new(500, "InternalServerError", $"The service could not complete the request (trace {traceId}). The error is logged; please report it.");

    public static AdtException MissingApiVersion() =>
        // Unverified: the real service's answer to a missing api-version is not in any recording. Azure's
        // convention for data planes is a 400 naming the missing parameter; we follow it.
        new(400, "MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required for all requests.");

    public static AdtException UnsupportedApiVersion(string version) =>
        new(400, "InvalidApiVersionParameter",
            $"The api-version '{version}' is invalid. The supported versions are '{string.Join("', '", Protocol.ApiVersions.Supported)}'.");

    /// <summary>
    /// An operation the requested api-version does not have (jobs before 2023-02-27-preview, deletions before 2023-10-31).
    /// ADT's own answer is not recorded; this is the answer of ASP.NET API Versioning, which Azure's ASP.NET data planes
    /// use, with the versions that have the operation added.
    /// </summary>
    public static AdtException OperationNotInApiVersion(HttpRequest request, string version, IEnumerable<string> versionsWithIt) =>
        new(400, "UnsupportedApiVersion",
            $"The HTTP resource that matches the request URI '{request.Scheme}://{request.Host}{request.PathBase}{request.Path}' does not support the API version '{version}'. "
            + $"It is supported in '{string.Join("', '", versionsWithIt)}'.");

    /// <summary>GET or DELETE of an unknown event route (JS recordings get_event_route_not_existing, delete_event_route_not_existing).</summary>
    public static AdtException EventRouteNotFound() =>
        new(404, "EventRouteNotFound",
            "There is no route available that matches the provided input. Check for all valid event routes by calling EventRoute_List. See Swagger example (http://aka.ms/RouteSwSmpl).");

    public static AdtException InvalidIfMatch() =>
        InvalidArgument("Invalid If-Match header value. Allowed value(s): If-Match: {etag} or If-Match: *");

    public static AdtException InvalidIfNoneMatch() =>
        InvalidArgument("Invalid If-None-Match header value. Allowed value(s): If-None-Match: *");

    public static AdtException PreconditionFailed(string etag) =>
        new(412, "PreconditionFailed",
            $"The provided etag {etag} doesn't match the current etag for the resource. Please obtain and provide the latest etag by getting the resource. " + TwinsHint);

    /// <summary>If-None-Match: * on an operation whose spec does not take it (PATCH, DELETE); not recorded.</summary>
    public static AdtException ResourceAlreadyExists() =>
        new(412, "PreconditionFailed", "The resource already exists and If-None-Match: * was provided. " + TwinsHint);

    /// <summary>PUT twin with <c>If-None-Match: *</c> on a twin that exists (JS recording create_digitaltwin_conditionally_if_missing).</summary>
    public static AdtException TwinAlreadyExists(string id) =>
        new(412, "PreconditionFailed", $"If-None-Match: * header was specified but a twin with the id {id} was found. Please specify a different twin id.");

    /// <summary>PUT relationship with <c>If-None-Match: *</c> on one that exists (JS relationships suite, its If-None-Match recording).</summary>
    public static AdtException RelationshipAlreadyExists(string relationshipId) =>
        new(412, "PreconditionFailed", $"If-None-Match: * header was specified but a relationship with the id {relationshipId} was found. Please specify a different relationship id.");

    public static AdtException DigitalTwinNotFound(string id) =>
        new(404, "DigitalTwinNotFound",
            $"There is no digital twin instance that exists with the ID {id}. Please verify that the twin id is valid and ensure that the twin is not deleted. See section on querying the twins https://aka.ms/adtv2query.");

    public static AdtException ModelNotFound(string id) =>
        new(404, "ModelNotFound",
            $"There is no Model(s) available that matches the provided id(s) {id}. Check that the Model ID provided is valid by doing a Model_List API call.");

    public static AdtException InvalidModelId(string id) =>
        InvalidArgument($"The format of the Model ID {id} provided is not supported. See model documentation(https://aka.ms/ADTv2Models) for supported format.");

    public static AdtException ModelIdAlreadyExists(string id) =>
        new(409, "ModelIdAlreadyExists",
            $"Some of the model ids already exist: {id}. Use Model_List API to view models that already exist. See the Swagger example (http://aka.ms/ModelListSwSmpl).");

    public static AdtException DtdlParserError(IEnumerable<string> problems) =>
        new(400, "DTDLParserError",
            "None of the models in this request could be created due to a problem with one or more models: "
            + string.Join(" ", problems) + " See model documentation(http://aka.ms/ADTv2Models) for supported format.");

    public static AdtException ModelReferencesNotDeleted(IEnumerable<string> referencing) =>
        new(409, "ModelReferencesNotDeleted",
            $"This model is currently being referenced by {string.Join(", ", referencing)}. You must delete these references before deleting the Model.. To delete references, do Delete Model on Ids provided above.");

    /// <summary>
    /// PATCH decommissioned on a model that models not yet decommissioned still use (as bases or component schemas). The
    /// spec's wording ("refers to models that are not decommissioned") is the one it uses for ModelReferencesNotDeleted,
    /// which the service raises for a model that others reference; the message follows that recorded one, unrecorded itself.
    /// </summary>
    public static AdtException ModelReferencesNotDecommissioned(string id, IEnumerable<string> referencing) =>
        new(409, "ModelReferencesNotDecommissioned",
            $"This model is currently being referenced by {string.Join(", ", referencing)}. You must decommission these references before decommissioning the Model {id}. To decommission references, do Update Model on Ids provided above.");

    public static AdtException ModelDecommissioned(string id) =>
        new(400, "ModelDecommissioned", $"The model {id} is decommissioned. New twins cannot be created with a decommissioned model.");

    public static AdtException JsonPatchInvalid(string message) =>
        new(400, "JsonPatchInvalid",
            message + " Please provide a valid patch document. See section on update apis in the documentation https://aka.ms/adtv2twins.");

    public static AdtException ComponentNotPatchable() =>
        JsonPatchInvalid("A component itself cannot be patched; patch its properties.");

    public static AdtException ValidationFailed(IReadOnlyList<string> problems) =>
        new(400, "ValidationFailed", "Invalid twin specified",
            [.. problems.Select(p => new AdtErrorDetail("ValidationFailed", p))]);

    /// <summary>A PUT whose <c>$metadata.{property}.sourceTime</c> is not a date and time.</summary>
    public static AdtException InvalidSourceTime(string property) =>
        ValidationFailed([$"The sourceTime of {property} in $metadata must be an ISO 8601 date and time."]);

    public static AdtException PayloadTooLarge(int limitBytes) =>
        // ADT documents a 32 KB request payload limit; the recorded code for exceeding a limit is LimitExceeded.
        new(400, "LimitExceeded", $"The request payload exceeds the maximum allowed size of {limitBytes / 1024} KB. See service limits https://aka.ms/dtv2limits.");

    public static AdtException ComponentNotFound(string twinId, string component) =>
        new(404, "ComponentNotFound",
            $"{twinId} does not have component {component} Please verify that the component path is correct. You can get components by getting the twin, See example http://aka.ms/TwinGetSwSmpl.");

    public static AdtException MissingArgument(string message) => new(400, "MissingArgument", message);

    public static AdtException LimitExceeded(string message) => new(400, "LimitExceeded", message);

    public static AdtException RelationshipNotFound(string twinId, string relationshipId) =>
        new(404, "RelationshipNotFound",
            $"Relationship {relationshipId} not found on twin {twinId}. Please verify that the relationship id is valid and ensure that the relationship is not deleted. See section on listing relationships in the documentation http://aka.ms/adtv2twins.");

    public static AdtException TargetDigitalTwinNotFound() =>
        new(404, "TargetDigitalTwinNotFound",
            "The target digital twin is invalid or does not exist Please validate that the target twin is valid and ensure that the target twin is not deleted. See section on querying the twins http://aka.ms/adtv2query .");

    public static AdtException RelationshipsNotDeleted(string twinId) =>
        new(400, "RelationshipsNotDeleted",
            $"Twin {twinId} has active relationships. Cannot delete a twin unless all the relationships are deleted. Please ensure that the active relationships on the twin are deleted. See section on retrieving relationships https://aka.ms/adtv2twins.");

    public static AdtException SelfRelationship() =>
        // The REST spec's text; whether the live service enforces it is unverified.
        new(400, "OperationNotAllowed", "The relationship cannot connect to the same digital twin.");

    public static AdtException RelationshipNotInModel(IReadOnlyList<string> problems) =>
        new(400, "ValidationFailed",
            "Twin relationship does not align with the model. Please ensure that the relationship is in alignment with the model. See section on listing models http://aka.ms/adtv2models.",
            [.. problems.Select(p => new AdtErrorDetail("ValidationFailed", p))]);

    /// <summary>
    /// A query that does not parse or breaks a rule, in the shape of the service's message ("SQL query parse failed:
    /// SQL Parser Error, Line=1, Position=0, Message=missing SELECT at 'foo' …"), with the line and column of the error.
    /// </summary>
    public static AdtException SqlQueryError(string query, int offset, string message)
    {
        offset = Math.Clamp(offset, 0, query.Length);
        var line = 1 + query.AsSpan(0, offset).Count('\n');
        var column = offset - (query.LastIndexOf('\n', Math.Max(0, offset - 1)) + 1);
        if (offset == 0)
        {
            column = 0;
        }
        return new(400, "SqlQueryError",
            FormattableString.Invariant($"SQL query parse failed: SQL Parser Error, Line={line}, Position={column}, Message={message} See samples in http://aka.ms/adtv2query for the correct syntax."));
    }
}

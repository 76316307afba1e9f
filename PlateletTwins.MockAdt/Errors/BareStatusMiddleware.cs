namespace PlateletTwins.MockAdt.Errors;

/// <summary>
/// Gives ADT's envelope to the error statuses ASP.NET Core answers without a body: no route for the path (404, e.g. an
/// empty id), a route without this method (405), parameters that do not bind (400). Sits inside the gateway, so the
/// gateway's own empty 403 stays empty, as ADT's does.
/// </summary>
internal sealed class BareStatusMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);
        var response = context.Response;
        if (response.HasStarted || response.ContentLength > 0 || response.ContentType is not null
            || response.StatusCode is not (StatusCodes.Status400BadRequest or StatusCodes.Status404NotFound or StatusCodes.Status405MethodNotAllowed))
        {
            return;
        }
        var error = response.StatusCode == StatusCodes.Status400BadRequest
            ? AdtErrors.UnreadableRequest(StatusCodes.Status400BadRequest)
            : AdtErrors.NoSuchOperation(response.StatusCode, context.Request.Method, context.Request.Path);
        await AdtErrorMiddleware.WriteAsync(context, error);
    }
}

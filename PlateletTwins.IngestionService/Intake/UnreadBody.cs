using Microsoft.AspNetCore.Http.Features;

namespace PlateletTwins.IngestionService.Intake;

/// <summary>For an answer given without reading the request's body.</summary>
internal static class UnreadBody
{
    /// <summary>
    /// Closes the connection after the answer when the unread rest of the body may be over the limit: the server would
    /// otherwise have to read it all to reach the next request, and a client that reused the connection would see it cut.
    /// </summary>
    public static void CloseConnectionIfLarge(HttpContext context, long maxBodyBytes)
    {
        var canHaveBody = context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? true;
        if (canHaveBody && (context.Request.ContentLength is null || context.Request.ContentLength > maxBodyBytes))
        {
            context.Response.Headers.Connection = "close";
        }
    }
}

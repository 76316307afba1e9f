namespace PlateletTwins.MockAdt.Explorer;

/// <summary>
/// <c>/mockadt/explorer/</c>: a page to look into the emulator (models, the twin graph, a twin and its history, queries,
/// live changes). Static files from the assembly; the page itself talks to MockAdt's ADT API with a token MockAdt issues.
/// </summary>
public static class ExplorerHandlers
{
    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
    };

    public static void MapExplorerHandlers(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => Results.Redirect("/mockadt/explorer/"));
        // With or without the trailing slash (routing matches both); the page names its assets by absolute path.
        app.MapGet("/mockadt/explorer/{file?}", (string? file) => Asset(string.IsNullOrEmpty(file) ? "index.html" : file));
    }

    private static IResult Asset(string file)
    {
        var stream = typeof(ExplorerHandlers).Assembly.GetManifestResourceStream($"Explorer/{file}");
        return stream is null || !ContentTypes.TryGetValue(Path.GetExtension(file), out var contentType)
            ? Results.NotFound()
            : Results.Stream(stream, contentType);
    }
}

using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PlateletTwins.Http;
using PlateletTwins.MockAdt.Hosting;

namespace PlateletTwins.Tests.Http;

/// <summary>A page's file is served with its media type, text in UTF-8 said in the header; a file it does not have is a 404.</summary>
public sealed class PagesTests
{
    [Theory]
    [InlineData("index.html", "text/html; charset=utf-8")]
    [InlineData("explorer.js", "text/javascript; charset=utf-8")]
    [InlineData("explorer.css", "text/css; charset=utf-8")]
    public async Task A_file_of_the_page_is_served_with_its_type_and_charset(string file, string contentType)
    {
        var response = await ServeAsync(file);

        Assert.Equal(StatusCodes.Status200OK, response.StatusCode);
        Assert.Equal(contentType, response.ContentType);
        Assert.True(response.Body.Length > 0, $"{file} is empty");
    }

    [Theory]
    [InlineData("nothing.html")]
    [InlineData("explorer")]
    [InlineData("explorer.js.map")]
    public async Task A_file_the_page_does_not_have_is_a_404(string file) =>
        Assert.Equal(StatusCodes.Status404NotFound, (await ServeAsync(file)).StatusCode);

    private static async Task<HttpResponse> ServeAsync(string file)
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        context.Response.Body = new MemoryStream();
        await Pages.Asset(typeof(MockAdtHostingExtensions).Assembly, "Explorer", file).ExecuteAsync(context);
        return context.Response;
    }
}

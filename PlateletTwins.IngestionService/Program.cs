using PlateletTwins.IngestionService.Cli;
using PlateletTwins.IngestionService.Hosting;

// provision: upload dtdl/ and a lab's twin graph to any ADT endpoint, with no service running.
if (args.FirstOrDefault() == ProvisionCommand.Name)
{
    return await ProvisionCommand.RunAsync(args[1..], Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddIngestion();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapIngestion();
app.Run();
return 0;

using PlateletTwins.SimulatorService.Cli;
using PlateletTwins.SimulatorService.Hosting;

// The headless command runs the lab with no other service; without it, the service streams a run under the AppHost.
if (args.FirstOrDefault() == SimulateCommand.Name)
{
    return SimulateCommand.Run(args[1..], Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddSimulator();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
return 0;

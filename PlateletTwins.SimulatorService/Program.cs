using PlateletTwins.SimulatorService.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddSimulator();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();

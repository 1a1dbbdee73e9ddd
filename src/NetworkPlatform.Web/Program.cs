using NetworkPlatform.Web.Infrastructure;
using NetworkPlatform.Web.Infrastructure.Cli;

// Composition only: what the app is made of lives in Infrastructure/AppSetup.cs.
var builder = WebApplication.CreateBuilder(args);
builder.AddNetworkPlatform();
var app = builder.Build();

if (args.Length > 0 && args[0] == "create-admin")
    return await CreateAdminCommand.RunAsync(app, args[1..]);

await app.PrepareDatabaseAsync();
app.UseNetworkPlatform();
await app.RunAsync();
return 0;

public partial class Program;

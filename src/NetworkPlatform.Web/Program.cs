using NetworkPlatform.Web.Infrastructure;
using NetworkPlatform.Web.Infrastructure.Cli;
using NetworkPlatform.Web.Infrastructure.Logging;

// Composition only: what the app is made of lives in Infrastructure/AppSetup.cs.
using var bootstrap = AppLogging.CreateBootstrapLogger();
try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddNetworkPlatform();
    var app = builder.Build();

    if (args.Length > 0 && args[0] == "create-admin")
        return await CreateAdminCommand.RunAsync(app, args[1..]);

    await app.PrepareDatabaseAsync();
    app.UseNetworkPlatform();
    await app.RunAsync();
    return 0;
}
// HostAbortedException: the EF tools and test hosts stop the program on purpose once they have the host.
catch (Exception ex) when (ex is not HostAbortedException)
{
    AppLogging.LogStartupFailure(bootstrap, ex);
    return 1;
}

public partial class Program;

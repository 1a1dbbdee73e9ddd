using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace NetworkPlatform.Domain;

/// <summary>
/// How `dotnet ef` makes the context (ADR 0010): with the same provider as the app, so that the migrations it writes
/// and its pending-model-changes check see the app's model. Neither opens a connection; the app migrates databases
/// itself at start-up.
/// </summary>
public class DesignTimeAppDbContextFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AppDbContext>()
            .UseNpgsql("Host=127.0.0.1;Database=networkplatform;Username=postgres").Options);
}

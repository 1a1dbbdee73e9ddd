using NetworkPlatform.Domain.Files;

namespace NetworkPlatform.Web.Infrastructure.Images;

public static class ImagesSetup
{
    /// <summary>
    /// Photo resizing through NetVips and the libvips that its native packages bundle (linux-x64, linux-arm64);
    /// <c>Images:Resize=false</c> turns it off (photos are then stored as uploaded, after the type and size checks),
    /// as does a platform for which no native library ships.
    /// </summary>
    public static IServiceCollection AddImageResizing(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton<IImageResizer>(new VipsImageResizer(config.GetValue("Images:Resize", true)));
        services.AddHostedService<ImageModeLog>();
        return services;
    }
}

/// <summary>Says once at start-up how photos are stored, so an operator sees whether libvips could be loaded.</summary>
public sealed class ImageModeLog(IImageResizer resizer, ILogger<ImageModeLog> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (resizer.Resizes)
            logger.LogInformation("Photos: resized to square JPEGs without metadata by {Library}", resizer.Description);
        else
            logger.LogWarning("Photos: stored as uploaded, after type and size checks only: {Reason}", resizer.Description);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

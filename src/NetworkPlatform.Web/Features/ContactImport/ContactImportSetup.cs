using NetworkPlatform.Domain.ContactImports;
using NetworkPlatform.Domain.Privacy;
using NetworkPlatform.Web.Infrastructure.Jobs;

namespace NetworkPlatform.Web.Features.ContactImport;

public static class ContactImportSetup
{
    /// <summary>
    /// The import's services, its three job kinds (read, send, and the hourly queue/purge), its export section, and
    /// <c>ContactImport:PerDay</c>: how many files one member may have read in 24 hours (README).
    /// </summary>
    public static IServiceCollection AddContactImport(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(new ContactImportLimits(
            Math.Max(1, config.GetValue(ContactImportLimits.PerDaySetting, ContactImportLimits.DefaultPerDay))));
        services.AddScoped<ContactImportService>();
        services.AddScoped<InvitationService>();
        services.AddJobHandler<ContactImportReadHandler>();
        services.AddJobHandler<ContactImportSendHandler>();
        services.AddRecurringJob<ContactImportQueueHandler>(ContactImportService.QueueJob, TimeSpan.FromHours(1));
        services.AddScoped<IPersonalDataSection, ContactImportPersonalData>();
        return services;
    }
}

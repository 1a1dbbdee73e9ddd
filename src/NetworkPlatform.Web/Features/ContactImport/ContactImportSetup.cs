using NetworkPlatform.Domain.ContactImports;
using NetworkPlatform.Domain.Privacy;
using NetworkPlatform.Web.Infrastructure.Jobs;

namespace NetworkPlatform.Web.Features.ContactImport;

public static class ContactImportSetup
{
    /// <summary>The import's services, its three job kinds (read, send, and the hourly queue/purge) and its export section.</summary>
    public static IServiceCollection AddContactImport(this IServiceCollection services)
    {
        services.AddScoped<ContactImportService>();
        services.AddScoped<InvitationService>();
        services.AddJobHandler<ContactImportReadHandler>();
        services.AddJobHandler<ContactImportSendHandler>();
        services.AddRecurringJob<ContactImportQueueHandler>(ContactImportService.QueueJob, TimeSpan.FromHours(1));
        services.AddScoped<IPersonalDataSection, ContactImportPersonalData>();
        return services;
    }
}

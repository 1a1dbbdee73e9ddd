using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using NetworkPlatform.Domain.Accounts;
using NetworkPlatform.Domain.Privacy;
using NetworkPlatform.Domain.Privacy.Sections;
using NetworkPlatform.Web.Features.Shared;
using NetworkPlatform.Web.Infrastructure.Jobs;
using NetworkPlatform.Web.Resources;

namespace NetworkPlatform.Web.Features.Privacy;

public static class PrivacySetup
{
    /// <summary>
    /// The export, its sections, the deletion and their jobs. Another area adds its part of the export with
    /// <c>services.AddScoped&lt;IPersonalDataSection, TheirSection&gt;()</c>.
    /// </summary>
    public static IServiceCollection AddPrivacy(this IServiceCollection services)
    {
        services.AddScoped<PersonalDataExportService>();
        services.AddScoped<AccountDeletionService>();
        services.AddScoped<LoginHistoryService>();
        services.AddScoped<SignInEvents>();
        services.AddScoped<IPersonalDataSection, AccountSection>();
        services.AddScoped<IPersonalDataSection, ProfileSection>();
        services.AddScoped<IPersonalDataSection, ContactsSection>();
        services.AddScoped<IPersonalDataSection, VisitsSection>();
        services.AddJobHandler<PersonalDataExportJob>();
        services.AddRecurringJob<AccountPurgeJob>(AccountDeletionService.PurgeJobKind, TimeSpan.FromHours(1));
        services.AddRecurringJob<PrivacyRetentionJob>(PrivacyRetentionJob.JobKind, TimeSpan.FromHours(1));
        return services;
    }
}

/// <summary>What happens at every successful sign-in: the login history, and a pending deletion is cancelled.</summary>
public class SignInEvents(LoginHistoryService history, AccountDeletionService deletions,
    IStringLocalizer<SharedResource> l)
{
    public async Task SignedInAsync(Controller controller, AppUser user, string method)
    {
        var ct = controller.HttpContext.RequestAborted;
        await history.RecordAsync(user.Id, controller.HttpContext.Connection.RemoteIpAddress, method, ct);
        if (await deletions.CancelAsync(user.Id, ct))
            controller.Success(l["Privacy.Delete.Cancelled"]);
    }
}

using NetworkPlatform.Domain.Companies;
using NetworkPlatform.Domain.Privacy;

namespace NetworkPlatform.Web.Features.Companies;

public static class CompaniesSetup
{
    /// <summary>Company pages (issue 18): <c>Companies:CreatedBy</c> (Recruiters or Members) and <c>Companies:PublicPages</c>.</summary>
    public static IServiceCollection AddCompanies(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<CompanyOptions>(config.GetSection("Companies"));
        services.AddScoped<CompanyService>();
        services.AddScoped<CompanyAdminService>();
        services.AddScoped<CompanyFollowService>();
        services.AddScoped<CompanyDirectoryService>();
        services.AddScoped<CompanyPageService>();
        services.AddScoped<CompanyLogoService>();
        services.AddScoped<EmploymentService>();
        services.AddScoped<IPersonalDataSection, CompanyPersonalData>();
        return services;
    }
}

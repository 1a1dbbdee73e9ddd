using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Domain.Accounts;
using NetworkPlatform.Domain.Contacts;
using NetworkPlatform.Domain.Email;
using NetworkPlatform.Domain.Files;
using NetworkPlatform.Domain.Premium;
using NetworkPlatform.Domain.Profiles;

namespace NetworkPlatform.Domain;

public class AppDbContext(DbContextOptions<AppDbContext> options)
    : IdentityDbContext<AppUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<VoucherCode> VoucherCodes => Set<VoucherCode>();
    /// <summary>The Data Protection key ring (<c>PersistKeysToDbContext</c>), so every app instance reads what another wrote.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<MemberProfile> Profiles => Set<MemberProfile>();
    public DbSet<ProfileEntry> ProfileEntries => Set<ProfileEntry>();
    public DbSet<ProfileLanguage> ProfileLanguages => Set<ProfileLanguage>();
    public DbSet<ProfileLink> ProfileLinks => Set<ProfileLink>();
    public DbSet<ProfileDocument> ProfileDocuments => Set<ProfileDocument>();
    public DbSet<ProfileSlugRedirect> ProfileSlugRedirects => Set<ProfileSlugRedirect>();
    public DbSet<ProfileVisit> ProfileVisits => Set<ProfileVisit>();
    public DbSet<StoredFile> StoredFiles => Set<StoredFile>();
    public DbSet<ContactRequest> ContactRequests => Set<ContactRequest>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<Search.SearchNameWord> SearchNameWords => Set<Search.SearchNameWord>();
    public DbSet<MemberBlock> MemberBlocks => Set<MemberBlock>();
    public DbSet<DismissedSuggestion> DismissedSuggestions => Set<DismissedSuggestion>();
    public DbSet<Jobs.BackgroundJob> BackgroundJobs => Set<Jobs.BackgroundJob>();
    public DbSet<Privacy.PersonalDataExport> PersonalDataExports => Set<Privacy.PersonalDataExport>();
    public DbSet<Privacy.LoginRecord> LoginRecords => Set<Privacy.LoginRecord>();
    public DbSet<Privacy.AccountDeletion> AccountDeletions => Set<Privacy.AccountDeletion>();
    public DbSet<ContactImports.ContactUpload> ContactUploads => Set<ContactImports.ContactUpload>();
    public DbSet<ContactImports.ContactUploadRow> ContactUploadRows => Set<ContactImports.ContactUploadRow>();
    public DbSet<ContactImports.ContactInvitation> ContactInvitations => Set<ContactImports.ContactInvitation>();
    public DbSet<ContactImports.InvitationOptOut> InvitationOptOuts => Set<ContactImports.InvitationOptOut>();
    public DbSet<ContactImports.QueuedContactRequest> QueuedContactRequests => Set<ContactImports.QueuedContactRequest>();
    public DbSet<ContactImports.ContactImportRun> ContactImportRuns => Set<ContactImports.ContactImportRun>();
    public DbSet<Companies.CompanyPage> CompanyPages => Set<Companies.CompanyPage>();
    public DbSet<Companies.CompanyAdmin> CompanyAdmins => Set<Companies.CompanyAdmin>();
    public DbSet<Companies.CompanyFollow> CompanyFollows => Set<Companies.CompanyFollow>();
    public DbSet<Companies.CompanySlugRedirect> CompanySlugRedirects => Set<Companies.CompanySlugRedirect>();
    public DbSet<Companies.CompanyPageView> CompanyPageViews => Set<Companies.CompanyPageView>();
    /// <summary>TechEmpower's Fortunes and single-query tables: the baseline of issue 17's page benchmark.</summary>
    public DbSet<Bench.Fortune> Fortunes => Set<Bench.Fortune>();
    public DbSet<Bench.World> Worlds => Set<Bench.World>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Member search (ADR 0006): accent folding for the search document, trigram similarity for names.
        builder.HasPostgresExtension("unaccent");
        builder.HasPostgresExtension("pg_trgm");
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }
}

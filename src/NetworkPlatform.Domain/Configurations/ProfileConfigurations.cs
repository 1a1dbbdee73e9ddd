using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NetworkPlatform.Domain.Accounts;
using NetworkPlatform.Domain.Files;
using NetworkPlatform.Domain.Profiles;
using NetworkPlatform.Domain.Search;
using NpgsqlTypes;

namespace NetworkPlatform.Domain.Configurations;

public class MemberProfileConfiguration : IEntityTypeConfiguration<MemberProfile>
{
    public void Configure(EntityTypeBuilder<MemberProfile> b)
    {
        b.ToTable("MemberProfiles");
        b.HasKey(p => p.UserId);
        b.HasOne(p => p.User).WithOne().HasForeignKey<MemberProfile>(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
        b.Property(p => p.Slug).HasMaxLength(MemberProfile.SlugMaxLength).IsRequired();
        b.HasIndex(p => p.Slug).IsUnique();
        b.Property(p => p.FullName).HasMaxLength(MemberProfile.FullNameMaxLength).IsRequired();
        b.Property(p => p.AcademicTitle).HasMaxLength(40);
        b.Property(p => p.Headline).HasMaxLength(MemberProfile.HeadlineMaxLength);
        b.Property(p => p.Position).HasMaxLength(120);
        b.Property(p => p.Employer).HasMaxLength(120);
        b.Property(p => p.City).HasMaxLength(100);
        b.Property(p => p.Country).HasMaxLength(100);
        b.Property(p => p.IndustryCode).HasMaxLength(40);
        b.Property(p => p.Summary).HasMaxLength(MemberProfile.SummaryMaxLength);
        b.Property(p => p.Phone).HasMaxLength(40);
        b.Property(p => p.Mobile).HasMaxLength(40);
        b.Property(p => p.BusinessEmail).HasMaxLength(256);
        b.Property(p => p.Address).HasMaxLength(300);
        // People you may know on the start page look for colleagues and the same industry: without these, a seq scan
        // of every profile (48 ms at 100,000 members; with them 2 ms).
        b.HasIndex(p => p.Employer);
        b.HasIndex(p => p.IndustryCode);
        // Member search (ADR 0006): both columns are computed by PostgreSQL on every insert and update of the row, so
        // no code path can forget them. Shadow properties: only the search query reads them, in SQL.
        b.Property<string>(SearchColumns.SearchName).HasComputedColumnSql(SearchSql.SearchNameColumn, stored: true);
        b.Property<NpgsqlTsVector>(SearchColumns.SearchDocument).HasColumnType("tsvector")
            .HasComputedColumnSql(SearchSql.SearchDocumentColumn, stored: true);
        b.Property<string[]>(SearchColumns.NameWords).HasComputedColumnSql(SearchSql.NameWordsColumn, stored: true);
        b.Property<string[]>(SearchColumns.SkillKeys).HasComputedColumnSql(SearchSql.SkillKeysColumn, stored: true);
        foreach (var (column, sql) in SearchSql.FilterKeyColumns)
            b.Property<string>(column).HasColumnType("text").HasComputedColumnSql(sql, stored: true);
        // A short pending list, and none for the name words (SearchSql.CreateIndexes says why).
        b.HasIndex(SearchColumns.SearchDocument).HasMethod("gin").HasStorageParameter("gin_pending_list_limit", SearchSql.PendingListLimitKb);
        b.HasIndex(SearchColumns.NameWords).HasMethod("gin").HasStorageParameter("fastupdate", false);
        b.HasIndex(SearchColumns.SkillKeys).HasMethod("gin").HasStorageParameter("gin_pending_list_limit", SearchSql.PendingListLimitKb);
        b.HasMany(p => p.Entries).WithOne().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.Languages).WithOne().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.Links).WithOne().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.Documents).WithOne().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class ProfileEntryConfiguration : IEntityTypeConfiguration<ProfileEntry>
{
    public void Configure(EntityTypeBuilder<ProfileEntry> b)
    {
        b.ToTable("ProfileEntries");
        b.Property(e => e.Title).HasMaxLength(ProfileEntry.TitleMaxLength).IsRequired();
        b.Property(e => e.Organisation).HasMaxLength(ProfileEntry.TitleMaxLength).IsRequired();
        b.Property(e => e.Description).HasMaxLength(ProfileEntry.DescriptionMaxLength);
        b.HasIndex(e => new { e.UserId, e.Kind });
        // A company page's employees: its current positions (issue 18). A page that goes leaves free-text entries.
        b.Property(e => e.ConfirmedDomain).HasMaxLength(253);
        b.HasOne<Companies.CompanyPage>().WithMany().HasForeignKey(e => e.CompanyId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(e => new { e.CompanyId, e.IsCurrent }).HasFilter("\"CompanyId\" IS NOT NULL");
    }
}

public class ProfileLanguageConfiguration : IEntityTypeConfiguration<ProfileLanguage>
{
    public void Configure(EntityTypeBuilder<ProfileLanguage> b)
    {
        b.ToTable("ProfileLanguages");
        b.Property(l => l.Name).HasMaxLength(60).IsRequired();
    }
}

public class ProfileLinkConfiguration : IEntityTypeConfiguration<ProfileLink>
{
    public void Configure(EntityTypeBuilder<ProfileLink> b)
    {
        b.ToTable("ProfileLinks");
        b.Property(l => l.Title).HasMaxLength(80).IsRequired();
        b.Property(l => l.Url).HasMaxLength(ProfileLink.UrlMaxLength).IsRequired();
    }
}

public class ProfileDocumentConfiguration : IEntityTypeConfiguration<ProfileDocument>
{
    public void Configure(EntityTypeBuilder<ProfileDocument> b)
    {
        b.ToTable("ProfileDocuments");
        b.Property(d => d.Title).HasMaxLength(120).IsRequired();
        b.Property(d => d.DisplayName).HasMaxLength(120).IsRequired();
        b.Property(d => d.ContentType).HasMaxLength(100).IsRequired();
        b.HasOne<StoredFile>().WithMany().HasForeignKey(d => d.FileId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class ProfileSlugRedirectConfiguration : IEntityTypeConfiguration<ProfileSlugRedirect>
{
    public void Configure(EntityTypeBuilder<ProfileSlugRedirect> b)
    {
        b.ToTable("ProfileSlugRedirects");
        b.HasKey(r => r.Slug);
        b.Property(r => r.Slug).HasMaxLength(MemberProfile.SlugMaxLength);
        b.HasOne<MemberProfile>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class ProfileVisitConfiguration : IEntityTypeConfiguration<ProfileVisit>
{
    public void Configure(EntityTypeBuilder<ProfileVisit> b)
    {
        b.ToTable("ProfileVisits");
        // Once per visitor, profile and day: the database backs the rule, so two tabs at once cannot count twice.
        b.HasIndex(v => new { v.ProfileUserId, v.VisitorUserId, v.Day }).IsUnique();
        b.HasIndex(v => new { v.ProfileUserId, v.VisitedAt });
        b.HasOne<AppUser>().WithMany().HasForeignKey(v => v.ProfileUserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(v => v.VisitorUserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class StoredFileConfiguration : IEntityTypeConfiguration<StoredFile>
{
    public void Configure(EntityTypeBuilder<StoredFile> b)
    {
        b.ToTable("StoredFiles");
        b.Property(f => f.ContentType).HasMaxLength(100).IsRequired();
    }
}

public class SearchNameWordConfiguration : IEntityTypeConfiguration<Search.SearchNameWord>
{
    public void Configure(EntityTypeBuilder<Search.SearchNameWord> b)
    {
        b.ToTable("SearchNameWords");
        b.HasKey(w => w.Word);
        b.HasIndex(w => w.Word).HasDatabaseName("IX_SearchNameWords_Word").HasMethod("gin").HasOperators("gin_trgm_ops");
    }
}

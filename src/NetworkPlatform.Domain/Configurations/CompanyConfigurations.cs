using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NetworkPlatform.Domain.Accounts;
using NetworkPlatform.Domain.Companies;
using NetworkPlatform.Domain.Files;
using NpgsqlTypes;

namespace NetworkPlatform.Domain.Configurations;

public class CompanyPageConfiguration : IEntityTypeConfiguration<CompanyPage>
{
    public void Configure(EntityTypeBuilder<CompanyPage> b)
    {
        b.ToTable("CompanyPages");
        b.Property(c => c.Slug).HasMaxLength(Profiles.MemberProfile.SlugMaxLength).IsRequired();
        b.HasIndex(c => c.Slug).IsUnique();
        b.Property(c => c.Name).HasMaxLength(CompanyPage.NameMaxLength).IsRequired();
        b.Property(c => c.Tagline).HasMaxLength(CompanyPage.TaglineMaxLength);
        b.Property(c => c.Description).HasMaxLength(CompanyPage.DescriptionMaxLength);
        b.Property(c => c.IndustryCode).HasMaxLength(40);
        b.Property(c => c.City).HasMaxLength(CompanyPage.PlaceMaxLength);
        b.Property(c => c.Country).HasMaxLength(CompanyPage.PlaceMaxLength);
        b.Property(c => c.Website).HasMaxLength(CompanyPage.WebsiteMaxLength);
        b.Property(c => c.TakeDownReason).HasMaxLength(CompanyPage.TakeDownReasonMaxLength);
        b.HasOne<StoredFile>().WithMany().HasForeignKey(c => c.LogoFileId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<StoredFile>().WithMany().HasForeignKey(c => c.LogoSmallFileId).OnDelete(DeleteBehavior.SetNull);
        // The directory (CompanyDirectoryService): full text, a part of a location, and each sort by an index.
        b.Property<NpgsqlTsVector>(CompanySql.SearchDocument).HasColumnType("tsvector")
            .HasComputedColumnSql(CompanySql.SearchDocumentColumn, stored: true);
        b.Property<string>(CompanySql.LocationKey).HasColumnType("text")
            .HasComputedColumnSql(CompanySql.LocationKeyColumn, stored: true);
        b.Property<string>(CompanySql.NameKey).HasColumnType("text")
            .HasComputedColumnSql(CompanySql.NameKeyColumn, stored: true);
        b.HasIndex(CompanySql.SearchDocument).HasMethod("gin");
        b.HasIndex(CompanySql.LocationKey).HasMethod("gin").HasOperators("gin_trgm_ops");
        b.HasIndex(CompanySql.NameKey);
        b.HasIndex(c => c.IndustryCode);
        // The directory's count with a size band (and an industry): an index-only count of listed pages instead of a
        // scan of the table (issue 18's benchmark).
        b.HasIndex(c => new { c.Size, c.IndustryCode }, "IX_CompanyPages_Size_IndustryCode_Listed")
            .HasFilter("\"TakenDownAt\" IS NULL");
        b.HasIndex(c => c.FollowerCount);
        b.HasIndex(c => c.EmployeeCount);
        b.HasIndex(c => c.CreatedAt);
    }
}

public class CompanyAdminConfiguration : IEntityTypeConfiguration<CompanyAdmin>
{
    public void Configure(EntityTypeBuilder<CompanyAdmin> b)
    {
        b.ToTable("CompanyAdmins");
        b.HasKey(a => new { a.CompanyId, a.UserId });
        b.HasIndex(a => a.UserId);
        b.HasOne<CompanyPage>().WithMany().HasForeignKey(a => a.CompanyId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class CompanyFollowConfiguration : IEntityTypeConfiguration<CompanyFollow>
{
    public void Configure(EntityTypeBuilder<CompanyFollow> b)
    {
        b.ToTable("CompanyFollows");
        b.HasKey(f => new { f.CompanyId, f.UserId });
        b.HasIndex(f => new { f.UserId, f.FollowedAt });
        b.HasOne<CompanyPage>().WithMany().HasForeignKey(f => f.CompanyId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class CompanySlugRedirectConfiguration : IEntityTypeConfiguration<CompanySlugRedirect>
{
    public void Configure(EntityTypeBuilder<CompanySlugRedirect> b)
    {
        b.ToTable("CompanySlugRedirects");
        b.HasKey(r => r.Slug);
        b.Property(r => r.Slug).HasMaxLength(Profiles.MemberProfile.SlugMaxLength);
        b.HasOne<CompanyPage>().WithMany().HasForeignKey(r => r.CompanyId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class CompanyPageViewConfiguration : IEntityTypeConfiguration<CompanyPageView>
{
    public void Configure(EntityTypeBuilder<CompanyPageView> b)
    {
        b.ToTable("CompanyPageViews");
        b.HasKey(v => new { v.CompanyId, v.Day });
        b.HasOne<CompanyPage>().WithMany().HasForeignKey(v => v.CompanyId).OnDelete(DeleteBehavior.Cascade);
    }
}

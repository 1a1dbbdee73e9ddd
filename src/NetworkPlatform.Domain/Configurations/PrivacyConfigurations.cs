using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NetworkPlatform.Domain.Accounts;
using NetworkPlatform.Domain.Files;
using NetworkPlatform.Domain.Privacy;

namespace NetworkPlatform.Domain.Configurations;

public class PersonalDataExportConfiguration : IEntityTypeConfiguration<PersonalDataExport>
{
    public void Configure(EntityTypeBuilder<PersonalDataExport> b)
    {
        b.ToTable("PersonalDataExports");
        b.HasIndex(e => new { e.UserId, e.RequestedAt });
        b.HasIndex(e => e.ExpiresAt);
        b.HasOne<AppUser>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
        // The ZIP is deleted explicitly (retention job, account purge); RESTRICT keeps a file from vanishing under a row.
        b.HasOne<StoredFile>().WithMany().HasForeignKey(e => e.FileId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class LoginRecordConfiguration : IEntityTypeConfiguration<LoginRecord>
{
    public void Configure(EntityTypeBuilder<LoginRecord> b)
    {
        b.ToTable("LoginRecords");
        b.Property(r => r.IpAddress).HasMaxLength(64);
        b.Property(r => r.Method).HasMaxLength(32).IsRequired();
        b.HasIndex(r => new { r.UserId, r.SignedInAt });
        b.HasIndex(r => r.SignedInAt);
        b.HasOne<AppUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class AccountDeletionConfiguration : IEntityTypeConfiguration<AccountDeletion>
{
    public void Configure(EntityTypeBuilder<AccountDeletion> b)
    {
        b.ToTable("AccountDeletions");
        b.HasIndex(d => d.DeletedAt);
    }
}

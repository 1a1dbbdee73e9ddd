using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NetworkPlatform.Domain.Accounts;
using NetworkPlatform.Domain.ContactImports;

namespace NetworkPlatform.Domain.Configurations;

public class ContactUploadConfiguration : IEntityTypeConfiguration<ContactUpload>
{
    public void Configure(EntityTypeBuilder<ContactUpload> b)
    {
        b.ToTable("ContactUploads");
        b.Property(u => u.FileName).HasMaxLength(ContactUpload.FileNameMaxLength).IsRequired();
        b.Property(u => u.Culture).HasMaxLength(5);
        b.Property(u => u.ErrorKey).HasMaxLength(100);
        b.Property(u => u.ErrorArg).HasMaxLength(200);
        b.Property(u => u.Skipped).HasColumnType("jsonb");
        b.Property(u => u.Columns).HasColumnType("jsonb");
        b.HasIndex(u => new { u.UserId, u.CreatedAt });
        b.HasIndex(u => u.ExpiresAt);
        b.HasOne<AppUser>().WithMany().HasForeignKey(u => u.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class ContactUploadRowConfiguration : IEntityTypeConfiguration<ContactUploadRow>
{
    public void Configure(EntityTypeBuilder<ContactUploadRow> b)
    {
        b.ToTable("ContactUploadRows");
        b.HasKey(r => new { r.UploadId, r.Line });
        b.Property(r => r.Name).HasMaxLength(ContactUploadRow.NameMaxLength);
        b.HasIndex(r => r.MatchedUserId);
        b.HasOne<ContactUpload>().WithMany().HasForeignKey(r => r.UploadId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(r => r.MatchedUserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class ContactInvitationConfiguration : IEntityTypeConfiguration<ContactInvitation>
{
    public void Configure(EntityTypeBuilder<ContactInvitation> b)
    {
        b.ToTable("ContactInvitations");
        b.Property(i => i.Email).HasMaxLength(ContactInvitation.EmailMaxLength).IsRequired();
        // One pending invitation per inviter and address; the address alone for the 30-day rule and registration.
        b.HasIndex(i => new { i.InviterId, i.Email }).IsUnique();
        b.HasIndex(i => new { i.Email, i.MailedAt });
        b.HasIndex(i => i.CreatedAt);
        b.HasOne<AppUser>().WithMany().HasForeignKey(i => i.InviterId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class InvitationOptOutConfiguration : IEntityTypeConfiguration<InvitationOptOut>
{
    public void Configure(EntityTypeBuilder<InvitationOptOut> b)
    {
        b.ToTable("InvitationOptOuts");
        b.HasKey(o => o.EmailHash);
        b.Property(o => o.EmailHash).HasMaxLength(64);
    }
}

public class QueuedContactRequestConfiguration : IEntityTypeConfiguration<QueuedContactRequest>
{
    public void Configure(EntityTypeBuilder<QueuedContactRequest> b)
    {
        b.ToTable("QueuedContactRequests");
        b.HasIndex(q => new { q.FromUserId, q.ToUserId }).IsUnique();
        b.HasIndex(q => q.ToUserId);
        b.HasOne<AppUser>().WithMany().HasForeignKey(q => q.FromUserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(q => q.ToUserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class ContactImportRunConfiguration : IEntityTypeConfiguration<ContactImportRun>
{
    public void Configure(EntityTypeBuilder<ContactImportRun> b)
    {
        b.ToTable("ContactImportRuns");
        b.HasKey(r => r.JobId);
        // Counting one member's readings of the last 24 hours; the purge deletes by time.
        b.HasIndex(r => new { r.UserId, r.CreatedAt });
        b.HasIndex(r => r.CreatedAt);
        b.HasOne<AppUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NetworkPlatform.Domain.Jobs;

namespace NetworkPlatform.Domain.Configurations;

public class BackgroundJobConfiguration : IEntityTypeConfiguration<BackgroundJob>
{
    public void Configure(EntityTypeBuilder<BackgroundJob> b)
    {
        b.ToTable("BackgroundJobs");
        b.Property(j => j.Kind).HasMaxLength(64).IsRequired();
        b.Property(j => j.Payload).HasColumnType("jsonb");
        b.Property(j => j.Result).HasColumnType("jsonb");
        b.Property(j => j.DedupKey).HasMaxLength(200);
        b.Property(j => j.LastError).HasMaxLength(2000);
        // The runner looks only for what is queued or running; the partial index stays small however many finished.
        b.HasIndex(j => j.RunAt)
            .HasDatabaseName("IX_BackgroundJobs_Open")
            .HasFilter("\"State\" IN (0, 1)");
        b.HasIndex(j => j.DedupKey)
            .HasDatabaseName("IX_BackgroundJobs_DedupKey")
            .IsUnique()
            .HasFilter("\"State\" IN (0, 1)");
        b.HasIndex(j => new { j.UserId, j.Kind, j.CreatedAt })
            .HasDatabaseName("IX_BackgroundJobs_UserId_Kind_CreatedAt");
        // A member's jobs go when the member is deleted (nothing may reference a deleted member).
        b.HasOne<Accounts.AppUser>().WithMany().HasForeignKey(j => j.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NetworkPlatform.Domain.Email;

namespace NetworkPlatform.Domain.Configurations;

public class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("OutboxMessages");
        b.Property(m => m.ToAddress).HasMaxLength(256).IsRequired();
        b.Property(m => m.ToName).HasMaxLength(256);
        b.Property(m => m.Subject).HasMaxLength(400).IsRequired();
        b.Property(m => m.Kind).HasMaxLength(64).IsRequired();
        b.Property(m => m.LastError).HasMaxLength(2000);
        // The dispatcher only ever looks for what is still due; a partial index keeps that cheap however many
        // sent mails the table holds.
        b.HasIndex(m => m.NextAttemptAt)
            .HasDatabaseName("IX_OutboxMessages_Due")
            .HasFilter("\"SentAt\" IS NULL AND \"FailedAt\" IS NULL");
    }
}

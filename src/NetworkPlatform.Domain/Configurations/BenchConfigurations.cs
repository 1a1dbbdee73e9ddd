using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NetworkPlatform.Domain.Bench;

namespace NetworkPlatform.Domain.Configurations;

// The tables and columns are named as in TechEmpower's PostgreSQL set-up (unquoted there, so lower case), so that the
// baseline is the benchmark everyone knows and its SQL can be compared with the published implementations.

public class FortuneConfiguration : IEntityTypeConfiguration<Fortune>
{
    public void Configure(EntityTypeBuilder<Fortune> b)
    {
        b.ToTable("fortune");
        b.Property(f => f.Id).HasColumnName("id").ValueGeneratedNever();
        b.Property(f => f.Message).HasColumnName("message").IsRequired();
    }
}

public class WorldConfiguration : IEntityTypeConfiguration<World>
{
    public void Configure(EntityTypeBuilder<World> b)
    {
        b.ToTable("world");
        b.Property(w => w.Id).HasColumnName("id").ValueGeneratedNever();
        b.Property(w => w.RandomNumber).HasColumnName("randomnumber");
    }
}

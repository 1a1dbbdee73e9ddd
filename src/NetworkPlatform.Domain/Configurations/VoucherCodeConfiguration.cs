using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NetworkPlatform.Domain.Accounts;
using NetworkPlatform.Domain.Premium;

namespace NetworkPlatform.Domain.Configurations;

public class VoucherCodeConfiguration : IEntityTypeConfiguration<VoucherCode>
{
    public void Configure(EntityTypeBuilder<VoucherCode> b)
    {
        b.Property(v => v.Code).HasMaxLength(VoucherCode.CodeLength).IsRequired();
        b.HasIndex(v => v.Code).IsUnique();
        b.Property(v => v.Note).HasMaxLength(200);
        b.HasOne<AppUser>().WithMany().HasForeignKey(v => v.CreatedById).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AppUser>().WithMany().HasForeignKey(v => v.RedeemedById).OnDelete(DeleteBehavior.SetNull);
    }
}

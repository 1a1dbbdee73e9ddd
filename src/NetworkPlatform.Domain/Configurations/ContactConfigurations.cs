using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NetworkPlatform.Domain.Accounts;
using NetworkPlatform.Domain.Contacts;

namespace NetworkPlatform.Domain.Configurations;

public class ContactRequestConfiguration : IEntityTypeConfiguration<ContactRequest>
{
    public void Configure(EntityTypeBuilder<ContactRequest> b)
    {
        b.ToTable("ContactRequests");
        b.Property(r => r.Message).HasMaxLength(ContactRequest.MessageMaxLength);
        b.HasIndex(r => new { r.PairLow, r.PairHigh }).IsUnique();
        b.HasIndex(r => new { r.ToUserId, r.CreatedAt });
        b.HasIndex(r => new { r.FromUserId, r.CreatedAt });
        b.HasOne<AppUser>().WithMany().HasForeignKey(r => r.FromUserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(r => r.ToUserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> b)
    {
        b.ToTable("Contacts");
        b.HasKey(c => new { c.UserId, c.ContactUserId });
        // The reverse direction for "who has me as a contact" and the path search from the other end.
        b.HasIndex(c => new { c.ContactUserId, c.UserId });
        b.Property(c => c.Note).HasMaxLength(Contact.NoteMaxLength);
        b.HasOne<AppUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(c => c.ContactUserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class MemberBlockConfiguration : IEntityTypeConfiguration<MemberBlock>
{
    public void Configure(EntityTypeBuilder<MemberBlock> b)
    {
        b.ToTable("MemberBlocks");
        b.HasKey(x => new { x.BlockerId, x.BlockedId });
        b.HasIndex(x => new { x.BlockedId, x.BlockerId });
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.BlockerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.BlockedId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class DismissedSuggestionConfiguration : IEntityTypeConfiguration<DismissedSuggestion>
{
    public void Configure(EntityTypeBuilder<DismissedSuggestion> b)
    {
        b.ToTable("DismissedSuggestions");
        b.HasKey(x => new { x.UserId, x.DismissedUserId });
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.DismissedUserId).OnDelete(DeleteBehavior.Cascade);
    }
}

using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NetworkPlatform.Domain.Accounts;

namespace NetworkPlatform.Domain.Configurations;

public class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.Property(u => u.FirstName).HasMaxLength(AppUser.NameMaxLength).IsRequired();
        b.Property(u => u.LastName).HasMaxLength(AppUser.NameMaxLength).IsRequired();
        b.Property(u => u.Culture).HasMaxLength(8);
        b.Ignore(u => u.DisplayName);
        // Identity only checks uniqueness in code; the database index makes two racing registrations safe too.
        b.HasIndex(u => u.NormalizedEmail).HasDatabaseName("EmailIndex").IsUnique();
        // The purge job looks only for the few accounts whose deletion is pending.
        b.HasIndex(u => u.DeletionRequestedAt)
            .HasDatabaseName("IX_AspNetUsers_DeletionRequestedAt")
            .HasFilter("\"DeletionRequestedAt\" IS NOT NULL");
        // Member search leaves out the few members nobody may find (unconfirmed, deletion pending) by
        // collecting them through these small indexes, instead of joining every match to its account.
        b.HasIndex([nameof(AppUser.Id)], "IX_AspNetUsers_Unconfirmed").HasFilter("NOT \"EmailConfirmed\"");
    }
}

/// <summary>The three roles exist from the first migration on, with fixed ids, so no start-up code creates them.</summary>
public class RoleConfiguration : IEntityTypeConfiguration<IdentityRole<Guid>>
{
    public static readonly Guid MemberRoleId = Guid.Parse("6f1d2d35-0c55-4c1e-9a52-8d2a3c9b0a01");
    public static readonly Guid RecruiterRoleId = Guid.Parse("6f1d2d35-0c55-4c1e-9a52-8d2a3c9b0a02");
    public static readonly Guid AdminRoleId = Guid.Parse("6f1d2d35-0c55-4c1e-9a52-8d2a3c9b0a03");

    public void Configure(EntityTypeBuilder<IdentityRole<Guid>> b)
    {
        b.HasData(
            Role(MemberRoleId, Roles.Member),
            Role(RecruiterRoleId, Roles.Recruiter),
            Role(AdminRoleId, Roles.Admin));
    }

    private static IdentityRole<Guid> Role(Guid id, string name) => new()
    {
        Id = id,
        Name = name,
        NormalizedName = name.ToUpperInvariant(),
        ConcurrencyStamp = id.ToString(),
    };
}

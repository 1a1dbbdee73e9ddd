using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkPlatform.Domain.ContactImports;
using NetworkPlatform.Domain.Privacy;
using NetworkPlatform.Tests.Infrastructure;

namespace NetworkPlatform.Tests.ContactImport;

/// <summary>What the import keeps about a member: in their data export, gone with their account, and the daily cap.</summary>
public class ContactImportDataTests(ContactImportFactory app) : IClassFixture<ContactImportFactory>
{
    private sealed class RecordingArchive : IPersonalDataArchive
    {
        public Dictionary<string, List<IReadOnlyList<string?>>> Csv { get; } = [];

        public Task AddJsonAsync(string path, object value, string description, CancellationToken ct) => Task.CompletedTask;

        public Task AddCsvAsync(string path, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows,
            string description, CancellationToken ct)
        {
            Assert.False(string.IsNullOrWhiteSpace(description));
            Csv[path] = rows.ToList();
            return Task.CompletedTask;
        }

        public Task AddFileAsync(string path, ReadOnlyMemory<byte> content, string description, CancellationToken ct) =>
            Task.CompletedTask;
    }

    private async Task<(Guid Inviter, Guid Other, string Address)> SeedAsync()
    {
        var inviter = await app.CreateMemberAsync(TestData.UniqueEmail("inviter"), first: "Ina", last: "Viter");
        var other = await app.CreateMemberAsync(TestData.UniqueEmail("queued"), first: "Quirin", last: "Queued");
        var address = TestData.UniqueEmail("pending");
        await app.WithDbAsync(async db =>
        {
            var now = app.Clock.GetUtcNow();
            db.ContactInvitations.Add(new ContactInvitation { Id = Guid.NewGuid(), InviterId = inviter.Id, Email = address, CreatedAt = now, MailedAt = now });
            db.QueuedContactRequests.Add(new QueuedContactRequest { Id = Guid.NewGuid(), FromUserId = inviter.Id, ToUserId = other.Id, CreatedAt = now });
            db.ContactUploads.Add(new ContactUpload
            {
                Id = Guid.NewGuid(), UserId = inviter.Id, CreatedAt = now, ExpiresAt = now.AddDays(1),
                State = ContactUploadState.Ready, FileName = "x.csv", Content = [1, 2, 3],
            });
            return await db.SaveChangesAsync();
        });
        return (inviter.Id, other.Id, address);
    }

    [Fact]
    public async Task The_export_section_lists_pending_invitations_and_queued_requests_of_the_member_only()
    {
        var (inviter, _, address) = await SeedAsync();
        var (someoneElse, _, otherAddress) = await SeedAsync();
        using var scope = app.Services.CreateScope();
        var section = scope.ServiceProvider.GetServices<IPersonalDataSection>().OfType<ContactImportPersonalData>().Single();
        var archive = new RecordingArchive();
        await section.WriteAsync(inviter, archive, default);

        var invitation = Assert.Single(archive.Csv["contact-import/invitations.csv"]);
        Assert.Equal(address, invitation[0]);
        Assert.DoesNotContain(archive.Csv["contact-import/invitations.csv"], r => r[0] == otherAddress);
        var queued = Assert.Single(archive.Csv["contact-import/queued-requests.csv"]);
        Assert.Equal(["Quirin", "Queued"], queued.Take(2));
        Assert.NotEqual(inviter, someoneElse);
    }

    [Fact]
    public async Task Deleting_a_member_deletes_their_uploads_invitations_and_queued_requests()
    {
        var (inviter, other, _) = await SeedAsync();
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == inviter).ExecuteDeleteAsync());
        Assert.Equal(0, await app.WithDbAsync(db => db.ContactInvitations.CountAsync(i => i.InviterId == inviter)));
        Assert.Equal(0, await app.WithDbAsync(db => db.QueuedContactRequests.CountAsync(q => q.FromUserId == inviter)));
        Assert.Equal(0, await app.WithDbAsync(db => db.ContactUploads.CountAsync(u => u.UserId == inviter)));

        // Being the one a queued request is for counts too.
        var (inviter2, other2, _) = await SeedAsync();
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == other2).ExecuteDeleteAsync());
        Assert.Equal(0, await app.WithDbAsync(db => db.QueuedContactRequests.CountAsync(q => q.FromUserId == inviter2)));
        Assert.NotEqual(other, other2);
    }

    [Fact]
    public async Task A_member_cannot_cause_more_than_500_invitation_mails_a_day()
    {
        var inviter = await app.CreateMemberAsync(TestData.UniqueEmail("busy"));
        await app.WithDbAsync(async db =>
        {
            var now = app.Clock.GetUtcNow();
            for (var i = 0; i < ContactInvitation.MaxMailsPerDay - 1; i++)
                db.ContactInvitations.Add(new ContactInvitation
                {
                    Id = Guid.NewGuid(), InviterId = inviter.Id, Email = TestData.UniqueEmail($"earlier{i}"), CreatedAt = now, MailedAt = now,
                });
            return await db.SaveChangesAsync();
        });
        using var scope = app.Services.CreateScope();
        var invitations = scope.ServiceProvider.GetRequiredService<InvitationService>();
        var counts = await invitations.InviteAsync(inviter.Id, "en",
            [TestData.UniqueEmail("cap1"), TestData.UniqueEmail("cap2"), TestData.UniqueEmail("cap3")]);
        Assert.Equal(new InvitationCounts(1, 2), counts);
    }
}

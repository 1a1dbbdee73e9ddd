using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkPlatform.Domain;
using NetworkPlatform.Domain.Privacy;
using NetworkPlatform.Tests.Infrastructure;
using Npgsql;

namespace NetworkPlatform.Tests.Privacy;

public class AccountDeletionTests(PrivacyFactory app) : IClassFixture<PrivacyFactory>
{
    private static Task<Page> RequestDeletionAsync(HttpClient client, string password = TestData.Password,
        string? code = null)
    {
        var fields = new Dictionary<string, string> { ["Password"] = password };
        if (code is not null)
            fields["Code"] = code;
        return client.SubmitAsync("/settings/delete-account", "/settings/delete-account", fields);
    }

    private Task<DateTimeOffset?> RequestedAtAsync(Guid id) =>
        app.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.DeletionRequestedAt).SingleOrDefaultAsync());

    /// <summary>
    /// Every column that can hold a member's id: each foreign key to "AspNetUsers"."Id", and each uuid column named
    /// like *UserId* (ids kept without a foreign key). Read from the catalog, so tables added later are checked too.
    /// </summary>
    private async Task<List<(string Table, string Column)>> UserIdColumnsAsync()
    {
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT c.conrelid::regclass::text, quote_ident(a.attname)
            FROM pg_constraint c
            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
            WHERE c.contype = 'f' AND c.confrelid = '"AspNetUsers"'::regclass
            UNION
            SELECT quote_ident(table_name), quote_ident(column_name)
            FROM information_schema.columns
            WHERE table_schema = 'public' AND data_type = 'uuid' AND column_name ILIKE '%userid%'
            UNION
            SELECT '"AspNetUsers"', '"Id"'
            """, conn);
        var columns = new List<(string, string)>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            columns.Add((reader.GetString(0), reader.GetString(1)));
        return columns;
    }

    private async Task<List<string>> RowsReferencingAsync(Guid id)
    {
        var found = new List<string>();
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        foreach (var (table, column) in await UserIdColumnsAsync())
        {
            await using var cmd = new NpgsqlCommand($"SELECT count(*) FROM {table} WHERE {column} = @id", conn);
            cmd.Parameters.AddWithValue("id", id);
            if ((long)(await cmd.ExecuteScalarAsync())! > 0)
                found.Add($"{table}.{column}");
        }
        return found;
    }

    [Fact]
    public async Task After_the_grace_period_no_row_references_the_member_except_the_deletion_record()
    {
        var n = await app.NetworkAsync();
        // An export with its ZIP, so its file has to go too.
        await n.Me.Client!.SubmitAsync("/settings/data", "/settings/data/export", new Dictionary<string, string>());
        await app.Runner.RunDueAsync();
        var exportFile = await app.WithDbAsync(db => db.PersonalDataExports.Where(e => e.UserId == n.Me.Id)
            .Select(e => e.FileId).SingleAsync());
        Assert.NotNull(exportFile);
        Assert.NotEmpty(await RowsReferencingAsync(n.Me.Id));
        var columns = await UserIdColumnsAsync();
        Assert.Contains(columns, c => c.Table == "\"Contacts\"" && c.Column == "\"ContactUserId\"");
        Assert.Contains(columns, c => c.Table == "\"ProfileVisits\"" && c.Column == "\"VisitorUserId\"");
        Assert.Contains(columns, c => c.Table == "\"VoucherCodes\"" && c.Column == "\"RedeemedById\"");

        var done = await RequestDeletionAsync(n.Me.Client!);
        Assert.Equal("/", done.Path);
        Assert.Contains("will be deleted on", done.Flash);
        var requestedAt = await RequestedAtAsync(n.Me.Id);
        Assert.NotNull(requestedAt);
        var mail = await MailCatcher.WaitForAsync(n.Me.Email, "AccountDeletionRequested");
        Assert.Contains(requestedAt!.Value.AddDays(14).UtcDateTime.ToString("d MMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en")), mail.Subject);

        // Not yet: one day before the end of the grace period nothing is deleted.
        app.Clock.Advance(TimeSpan.FromDays(13));
        await app.RunJobsAsync();
        Assert.NotNull(await RequestedAtAsync(n.Me.Id));

        app.Clock.Advance(TimeSpan.FromDays(1).Add(TimeSpan.FromHours(1)));
        await app.RunJobsAsync();

        Assert.Empty(await RowsReferencingAsync(n.Me.Id));
        var fileIds = new[] { n.PhotoFileId, n.DocumentFileId, exportFile!.Value };
        Assert.False(await app.WithDbAsync(db => db.StoredFiles.AnyAsync(f => fileIds.Contains(f.Id))));
        Assert.False(await app.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.ToAddress == n.Me.Email)));
        var record = await app.WithDbAsync(db => db.AccountDeletions.AsNoTracking()
            .Where(d => d.RequestedAt == requestedAt).ToListAsync());
        Assert.Single(record);

        // What others hold stays: the contact, the voucher (without who redeemed it).
        Assert.True(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Id == n.Contact.Id)));
        Assert.True(await app.WithDbAsync(db => db.VoucherCodes.AnyAsync(v => v.Code == n.VoucherCode && v.RedeemedById == null)));

        // Running the purge again (a second instance, a retry) changes nothing.
        var deletions = await app.WithDbAsync(db => db.AccountDeletions.CountAsync());
        using (var scope = app.Services.CreateScope())
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<AccountDeletionService>().PurgeDueAsync());
        await app.RunJobsAsync();
        Assert.Equal(deletions, await app.WithDbAsync(db => db.AccountDeletions.CountAsync()));

        // The address is free again.
        var client = app.NewClient();
        var confirmed = await client.RegisterAndConfirmAsync(n.Me.Email);
        Assert.Equal(HttpStatusCode.OK, confirmed.Status);
        Assert.True(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == n.Me.Email && u.EmailConfirmed)));
    }

    [Fact]
    public async Task Logging_in_during_the_grace_period_cancels_the_deletion_and_says_so()
    {
        var n = await app.NetworkAsync();
        await RequestDeletionAsync(n.Me.Client!);
        Assert.NotNull(await RequestedAtAsync(n.Me.Id));
        // The request ended the session.
        var settings = await n.Me.Client!.OpenAsync("/settings");
        Assert.StartsWith("/account/login", settings.Path);

        app.Clock.Advance(TimeSpan.FromDays(10));
        var back = await n.Me.Client!.LoginAsync(n.Me.Email);
        Assert.Contains("deletion has been cancelled", back.Flash);
        Assert.Null(await RequestedAtAsync(n.Me.Id));

        app.Clock.Advance(TimeSpan.FromDays(10));
        await app.RunJobsAsync();
        Assert.True(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Id == n.Me.Id)));
        Assert.True(await app.WithDbAsync(db => db.LoginRecords.CountAsync(r => r.UserId == n.Me.Id)) >= 2);
    }

    [Fact]
    public async Task During_the_grace_period_the_member_is_hidden_from_others()
    {
        var n = await app.NetworkAsync();
        var contact = app.NewClient();
        await contact.LoginAsync(n.Contact.Email);
        Assert.Contains("Erika", (await contact.OpenAsync("/contacts")).Text);
        Assert.Equal(HttpStatusCode.OK, (await contact.OpenAsync(n.Me.Url)).Status);
        var before = await contact.OpenAsync("/search?q=Privacy");
        Assert.Contains(before.Document.QuerySelectorAll("a[href]"), a => a.GetAttribute("href") == n.Me.Url);

        await RequestDeletionAsync(n.Me.Client!);

        Assert.Equal(HttpStatusCode.NotFound, (await contact.OpenAsync(n.Me.Url)).Status);
        Assert.DoesNotContain("Erika", (await contact.OpenAsync("/contacts")).Text);
        var search = await contact.OpenAsync("/search?q=Privacy");
        Assert.DoesNotContain(search.Document.QuerySelectorAll("a[href]"), a => a.GetAttribute("href") == n.Me.Url);
        var requested = app.NewClient();
        await requested.LoginAsync(n.RequestedByMe.Email);
        Assert.DoesNotContain("Erika", (await requested.OpenAsync("/contacts/requests")).Text);
    }

    [Fact]
    public async Task A_wrong_password_or_a_missing_or_wrong_code_is_refused_at_the_field()
    {
        var n = await app.NetworkAsync();
        var wrong = await RequestDeletionAsync(n.Me.Client!, "not my password at all");
        Assert.Equal("/settings/delete-account", wrong.Path);
        Assert.Equal("This password is not correct.", wrong.FieldError("Password"));
        Assert.NotEmpty(wrong.ErrorSummary);

        var empty = await RequestDeletionAsync(n.Me.Client!, "");
        Assert.NotNull(empty.FieldError("Password"));

        await n.Me.Client!.EnableTwoFactorAsync();
        var noCode = await RequestDeletionAsync(n.Me.Client!);
        Assert.Equal("Enter the code", noCode.FieldError("Code"));
        var badCode = await RequestDeletionAsync(n.Me.Client!, code: "000000");
        Assert.NotNull(badCode.FieldError("Code"));
        Assert.Null(await RequestedAtAsync(n.Me.Id));
    }

    [Fact]
    public async Task With_two_factor_on_the_code_confirms_the_deletion()
    {
        var n = await app.NetworkAsync();
        var setup = await n.Me.Client!.EnableTwoFactorAsync();
        var done = await RequestDeletionAsync(n.Me.Client!, code: Accounts.Totp(setup.Key, DateTimeOffset.UtcNow));
        Assert.Equal("/", done.Path);
        Assert.NotNull(await RequestedAtAsync(n.Me.Id));
    }

    [Fact]
    public async Task Without_the_app_a_recovery_code_confirms_the_deletion_once()
    {
        var n = await app.NetworkAsync();
        var setup = await n.Me.Client!.EnableTwoFactorAsync();
        var wrong = await RequestDeletionAsync(n.Me.Client!, code: "AAAAA-BBBBB");
        Assert.Equal("/settings/delete-account", wrong.Path);
        Assert.Null(await RequestedAtAsync(n.Me.Id));

        var done = await RequestDeletionAsync(n.Me.Client!, code: setup.RecoveryCodes[0]);
        Assert.Equal("/", done.Path);
        Assert.NotNull(await RequestedAtAsync(n.Me.Id));
        // Used up: the account now has one recovery code fewer.
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<NetworkPlatform.Domain.Accounts.AppUser>>();
        Assert.Equal(setup.RecoveryCodes.Count - 1,
            await users.CountRecoveryCodesAsync((await users.FindByIdAsync(n.Me.Id.ToString()))!));
    }
}

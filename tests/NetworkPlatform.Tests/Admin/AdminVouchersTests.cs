using System.Net;
using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Domain.Accounts;
using NetworkPlatform.Tests.Infrastructure;

namespace NetworkPlatform.Tests.Admin;

public class AdminVouchersTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<(AppUser Admin, HttpClient Client)> AdminAsync()
    {
        var email = TestData.UniqueEmail("admin");
        var admin = await app.CreateMemberAsync(email, extraRoles: [Roles.Admin]);
        var client = app.NewClient();
        await client.LoginAsync(email);
        await client.EnableTwoFactorAsync();
        return (admin, client);
    }

    private static IReadOnlyList<string> NewCodesOn(Page page) =>
        page.Document.QuerySelectorAll("[data-testid=new-codes] li").Select(li => li.TextContent.Trim()).ToList();

    [Fact]
    public async Task Creating_codes_shows_them_once_and_stores_them_with_days_and_note()
    {
        var (admin, client) = await AdminAsync();
        var note = "Job fair " + Guid.NewGuid().ToString("N")[..6];

        var page = await client.SubmitAsync("/admin/vouchers", "/admin/vouchers", new Dictionary<string, string>
        {
            ["Form.Count"] = "3",
            ["Form.Days"] = "60",
            ["Form.Note"] = note,
        });

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var codes = NewCodesOn(page);
        Assert.Equal(3, codes.Count);
        Assert.All(codes, c => Assert.Matches("^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$", c));
        Assert.Contains("3 new codes", page.Text);
        var stored = await app.WithDbAsync(db => db.VoucherCodes.Where(v => v.Note == note).ToListAsync());
        Assert.Equal(codes.Order(), stored.Select(v => v.Code).Order());
        Assert.All(stored, v =>
        {
            Assert.Equal(60, v.Days);
            Assert.Equal(admin.Id, v.CreatedById);
            Assert.Null(v.RedeemedAt);
        });
        // The form is ready for the next batch with the same days and note.
        Assert.Equal("60", page.FieldValue("Form_Days"));
        Assert.Equal(note, page.FieldValue("Form_Note"));

        // Listed among the recent codes as open; the list alone no longer has the "new codes" box.
        var later = await client.OpenAsync("/admin/vouchers");
        Assert.Empty(NewCodesOn(later));
        foreach (var code in codes)
        {
            var row = later.Document.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(code));
            Assert.Contains(note, row.TextContent);
            Assert.Contains("Open", row.TextContent);
        }
    }

    [Fact]
    public async Task A_redeemed_code_shows_as_redeemed_with_the_members_address()
    {
        var (_, client) = await AdminAsync();
        var page = await client.SubmitAsync("/admin/vouchers", "/admin/vouchers", new Dictionary<string, string>
        {
            ["Form.Count"] = "1",
            ["Form.Days"] = "30",
        });
        var code = Assert.Single(NewCodesOn(page));
        var memberEmail = TestData.UniqueEmail("redeemer");
        await app.CreateMemberAsync(memberEmail);
        var member = app.NewClient();
        await member.LoginAsync(memberEmail);
        await member.SubmitAsync("/premium", "/premium/redeem", new Dictionary<string, string> { ["Redeem.Code"] = code });

        var list = await client.OpenAsync("/admin/vouchers");

        var row = list.Document.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(code));
        Assert.Contains("Redeemed", row.TextContent);
        Assert.Contains(memberEmail, row.TextContent);
    }

    [Theory]
    [InlineData("0", "30", "Form_Count", "Enter a number between 1 and 100")]
    [InlineData("101", "30", "Form_Count", "Enter a number between 1 and 100")]
    [InlineData("", "30", "Form_Count", "Enter how many codes to create")]
    [InlineData("2", "", "Form_Days", "Enter for how many days a code gives premium")]
    [InlineData("2", "0", "Form_Days", "Enter a number of days between 1 and 3660")]
    [InlineData("2", "3661", "Form_Days", "Enter a number of days between 1 and 3660")]
    public async Task A_count_or_number_of_days_out_of_range_is_refused_at_the_field_and_nothing_is_created(
        string count, string days, string field, string message)
    {
        var (_, client) = await AdminAsync();
        var note = "Refused " + Guid.NewGuid().ToString("N")[..6];

        var page = await client.SubmitAsync("/admin/vouchers", "/admin/vouchers", new Dictionary<string, string>
        {
            ["Form.Count"] = count,
            ["Form.Days"] = days,
            ["Form.Note"] = note,
        });

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(message, page.FieldError(field));
        Assert.NotNull(page.Document.QuerySelector($".np-error-summary a[href='#{field}']"));
        Assert.Equal(note, page.FieldValue("Form_Note"));
        Assert.Empty(NewCodesOn(page));
        Assert.Equal(0, await app.WithDbAsync(db => db.VoucherCodes.CountAsync(v => v.Note == note)));
    }
}

using AngleSharp.Dom;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Domain.Accounts;
using NetworkPlatform.Tests.Infrastructure;

namespace NetworkPlatform.Tests.Admin;

public class AdminMembersTests(AppFactory app) : IClassFixture<AppFactory>
{
    /// <summary>An admin who has set up two-factor authentication, signed in.</summary>
    private async Task<HttpClient> AdminAsync()
    {
        var email = TestData.UniqueEmail("admin");
        await app.CreateMemberAsync(email, first: "Ada", extraRoles: [Roles.Admin]);
        var client = app.NewClient();
        await client.LoginAsync(email);
        await client.EnableTwoFactorAsync();
        return client;
    }

    /// <summary>A last name no other test uses, so a search finds exactly the members of one test.</summary>
    private static string UniqueLastName() => "Zwack" + Guid.NewGuid().ToString("N")[..6];

    private static string EnglishDate(DateTimeOffset value) =>
        value.UtcDateTime.ToString("d MMM yyyy", CultureInfo.GetCultureInfo("en"));

    private Task<DateTimeOffset?> PremiumUntilAsync(Guid id) =>
        app.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.PremiumUntil).SingleAsync());

    [Fact]
    public async Task Searching_by_part_of_a_name_or_address_lists_only_the_members_that_match()
    {
        var admin = await AdminAsync();
        var last = UniqueLastName();
        var quirin = await app.CreateMemberAsync(TestData.UniqueEmail("quirin"), first: "Quirin", last: last);
        var rosa = await app.CreateMemberAsync(TestData.UniqueEmail("rosa"), first: "Rosa", last: last);
        await app.CreateMemberAsync(TestData.UniqueEmail("other"), first: "Otto", last: "Normal");

        var byName = await admin.OpenAsync("/admin/members?q=" + Uri.EscapeDataString(last.ToUpperInvariant()));
        var rows = byName.Document.QuerySelectorAll("tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains(rows, r => r.Contains($"Quirin {last}") && r.Contains(quirin.Email!));
        Assert.Contains(rows, r => r.Contains($"Rosa {last}") && r.Contains(rosa.Email!));
        Assert.Contains("2 members found", byName.Text);
        Assert.Equal(last.ToUpperInvariant(), byName.FieldValue("q"));

        var byFullName = await admin.OpenAsync("/admin/members?q=" + Uri.EscapeDataString($"rosa {last}"));
        Assert.Single(byFullName.Document.QuerySelectorAll("tbody tr"));

        var byAddress = await admin.OpenAsync("/admin/members?q=" + Uri.EscapeDataString(quirin.Email![..15]));
        var row = Assert.Single(byAddress.Document.QuerySelectorAll("tbody tr"));
        Assert.Contains("Quirin", row.TextContent);
        Assert.Contains("Member", row.TextContent);
        Assert.Contains("Free", row.TextContent);
    }

    [Fact]
    public async Task A_search_that_finds_nobody_says_so()
    {
        var admin = await AdminAsync();

        var page = await admin.OpenAsync("/admin/members?q=" + UniqueLastName());

        Assert.Empty(page.Document.QuerySelectorAll("tbody tr"));
        Assert.Contains("No member matches this search.", page.Text);
        Assert.Contains("0 members found", page.Text);
    }

    [Fact]
    public async Task A_search_with_like_wildcards_matches_them_literally()
    {
        var admin = await AdminAsync();
        await app.CreateMemberAsync(TestData.UniqueEmail("plain"), last: UniqueLastName());

        var page = await admin.OpenAsync("/admin/members?q=%25");

        Assert.Empty(page.Document.QuerySelectorAll("tbody tr"));
    }

    [Fact]
    public async Task Granting_premium_shows_it_in_the_list_and_on_the_members_own_page()
    {
        var admin = await AdminAsync();
        var last = UniqueLastName();
        var email = TestData.UniqueEmail("granted");
        var member = await app.CreateMemberAsync(email, first: "Greta", last: last);
        var listUrl = "/admin/members?q=" + last;

        var page = await admin.SubmitAsync(listUrl, $"/admin/members/{member.Id}/premium",
            new Dictionary<string, string> { ["Grant.Days"] = "45" });

        var until = await PremiumUntilAsync(member.Id);
        Assert.NotNull(until);
        Assert.InRange(until!.Value, app.Clock.GetUtcNow().AddDays(45).AddMinutes(-2), app.Clock.GetUtcNow().AddDays(45));
        Assert.StartsWith("/admin/members?q=" + last, page.Path);
        Assert.Equal($"Premium granted until {EnglishDate(until.Value)}.", page.Flash);
        var row = Assert.Single(page.Document.QuerySelectorAll("tbody tr"));
        Assert.Contains("Premium", row.QuerySelector(".badge.text-bg-warning")?.TextContent);
        Assert.Contains($"active until {EnglishDate(until.Value)}", row.TextContent);

        var memberClient = app.NewClient();
        await memberClient.LoginAsync(email);
        var own = await memberClient.OpenAsync("/premium");
        Assert.Contains($"Premium active until {EnglishDate(until.Value)}",
            own.Document.QuerySelector("[data-testid=tier-status]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Granting_again_adds_the_days_to_the_running_period()
    {
        var admin = await AdminAsync();
        var last = UniqueLastName();
        var member = await app.CreateMemberAsync(TestData.UniqueEmail("twice"), last: last);
        var listUrl = "/admin/members?q=" + last;

        await admin.SubmitAsync(listUrl, $"/admin/members/{member.Id}/premium",
            new Dictionary<string, string> { ["Grant.Days"] = "30" });
        var first = (await PremiumUntilAsync(member.Id))!.Value;
        await admin.SubmitAsync(listUrl, $"/admin/members/{member.Id}/premium",
            new Dictionary<string, string> { ["Grant.Days"] = "10" });

        Assert.Equal(first.AddDays(10), await PremiumUntilAsync(member.Id));
    }

    [Theory]
    [InlineData("0", "Enter a number of days between 1 and 3660")]
    [InlineData("3661", "Enter a number of days between 1 and 3660")]
    [InlineData("", "Enter for how many days to grant premium")]
    [InlineData("many", "Enter a valid value")]
    public async Task Granting_a_number_of_days_out_of_range_is_refused_at_that_members_field_and_grants_nothing(
        string days, string message)
    {
        var admin = await AdminAsync();
        var last = UniqueLastName();
        var member = await app.CreateMemberAsync(TestData.UniqueEmail("range"), last: last);
        var other = await app.CreateMemberAsync(TestData.UniqueEmail("range-other"), last: last);

        var page = await admin.SubmitAsync("/admin/members?q=" + last, $"/admin/members/{member.Id}/premium",
            new Dictionary<string, string> { ["Grant.Days"] = days });

        Assert.Equal(System.Net.HttpStatusCode.OK, page.Status);
        // The message is at the field of the member whose form was sent, with what was typed; the summary links there.
        Assert.Equal(message, page.FieldError("Grant_Days"));
        Assert.Equal(days, page.FieldValue("Grant_Days"));
        var row = page.Document.GetElementById("Grant_Days")!.Closest("form")!;
        Assert.EndsWith($"/admin/members/{member.Id}/premium?q={last}&page=1", row.GetAttribute("action"));
        Assert.Equal(message, page.Document.QuerySelector(".np-error-summary a[href='#Grant_Days']")?.TextContent.Trim());
        Assert.Equal("30", page.FieldValue($"days-{other.Id}"));
        Assert.Single(page.Document.QuerySelectorAll("[data-testid=grant-error]"));
        Assert.Null(await PremiumUntilAsync(member.Id));
    }

    [Fact]
    public async Task Granting_premium_to_a_member_who_no_longer_exists_shows_a_message_not_an_error()
    {
        var admin = await AdminAsync();
        var list = await admin.OpenAsync("/admin/members");
        admin.DefaultRequestHeaders.Referrer = new Uri("http://localhost/admin/members");

        var page = await admin.PostWithTokenOfAsync(list, $"/admin/members/{Guid.NewGuid()}/premium",
            new Dictionary<string, string> { ["Grant.Days"] = "30" });

        Assert.Equal(System.Net.HttpStatusCode.OK, page.Status);
        Assert.Equal("/admin/members", page.Path);
        Assert.Equal("This member does not exist (any more).", page.Flash);
    }
}

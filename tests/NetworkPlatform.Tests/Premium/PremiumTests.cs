using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkPlatform.Domain.Accounts;
using NetworkPlatform.Domain.Premium;
using NetworkPlatform.Tests.Infrastructure;

namespace NetworkPlatform.Tests.Premium;

public class PremiumTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<IReadOnlyList<string>> NewCodesAsync(int count = 1, int days = 30)
    {
        var admin = await app.CreateMemberAsync(TestData.UniqueEmail("voucher-admin"), extraRoles: [Roles.Admin]);
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PremiumService>()
            .CreateVouchersAsync(count, days, null, admin.Id);
    }

    private async Task<(AppUser Member, HttpClient Client)> SignedInMemberAsync(string who = "member")
    {
        var member = await app.CreateMemberAsync(TestData.UniqueEmail(who));
        var client = app.NewClient();
        await client.LoginAsync(member.Email!);
        return (member, client);
    }

    private static Task<Page> RedeemAsync(HttpClient client, string code) =>
        client.SubmitAsync("/premium", "/premium/redeem", new Dictionary<string, string> { ["Redeem.Code"] = code });

    private static string? TierStatus(Page page) =>
        page.Document.QuerySelector("[data-testid=tier-status]")?.TextContent.Trim();

    private Task<DateTimeOffset?> PremiumUntilAsync(Guid id) =>
        app.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.PremiumUntil).SingleAsync());

    private static string EnglishDate(DateTimeOffset value) =>
        value.UtcDateTime.ToString("d MMM yyyy", CultureInfo.GetCultureInfo("en"));

    [Fact]
    public async Task A_visitor_sees_the_benefits_table_and_is_asked_to_log_in_to_redeem()
    {
        var page = await app.NewClient().OpenAsync("/premium");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Premium membership", page.Document.QuerySelector("h1")!.TextContent.Trim());
        var headers = page.Document.QuerySelectorAll("table thead th").Select(th => th.TextContent.Trim()).ToList();
        Assert.Equal(["Feature", "Free", "Premium"], headers);
        var rows = page.Document.QuerySelectorAll("table tbody tr").ToList();
        Assert.Equal(4, rows.Count);
        var results = rows.Single(r => r.QuerySelector("th")!.TextContent.Trim() == "Search results");
        Assert.Equal(["Up to 30", "Up to 300"], results.QuerySelectorAll("td").Select(td => td.TextContent.Trim()));
        Assert.Null(page.Document.QuerySelector("[data-testid=tier-status]"));
        Assert.Null(page.Document.QuerySelector("form[action='/premium/redeem']"));
        Assert.NotNull(page.Document.QuerySelector("a[href='/account/login?returnUrl=%2Fpremium']"));
    }

    [Fact]
    public async Task The_benefits_table_is_in_German_for_a_German_browser()
    {
        var page = await app.NewClient(language: "de").OpenAsync("/premium");

        Assert.Equal("Premium-Mitgliedschaft", page.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("Bis zu 300", page.Text);
    }

    [Fact]
    public async Task A_member_without_premium_sees_the_free_membership()
    {
        var (_, client) = await SignedInMemberAsync();

        var page = await client.OpenAsync("/premium");

        Assert.Equal("Free You use the free membership.", TierStatus(page));
        Assert.NotNull(page.Document.QuerySelector("form[action='/premium/redeem']"));
    }

    [Theory]
    [InlineData("as given")]
    [InlineData("lower case with spaces")]
    [InlineData("no dashes")]
    public async Task Redeeming_a_code_however_it_is_typed_makes_the_member_premium(string typing)
    {
        var code = (await NewCodesAsync(days: 90)).Single();
        var typed = typing switch
        {
            "lower case with spaces" => " " + code.ToLowerInvariant().Replace('-', ' ') + " ",
            "no dashes" => code.Replace("-", ""),
            _ => code,
        };
        var (member, client) = await SignedInMemberAsync();

        var page = await RedeemAsync(client, typed);

        var until = await PremiumUntilAsync(member.Id);
        Assert.NotNull(until);
        Assert.InRange(until!.Value, app.Clock.GetUtcNow().AddDays(90).AddMinutes(-2), app.Clock.GetUtcNow().AddDays(90));
        Assert.Equal("/premium", page.Path);
        Assert.Equal($"Code redeemed. You are a premium member until {EnglishDate(until.Value)}.", page.Flash);
        Assert.Equal($"Premium active until {EnglishDate(until.Value)}", TierStatus(page));
        var voucher = await app.WithDbAsync(db => db.VoucherCodes.SingleAsync(v => v.Code == code));
        Assert.Equal(member.Id, voucher.RedeemedById);
        Assert.NotNull(voucher.RedeemedAt);
        // The start page knows at once, without logging in again.
        Assert.Contains("Premium", (await client.OpenAsync("/")).Document.QuerySelector(".badge.text-bg-warning")?.TextContent);
    }

    [Fact]
    public async Task A_code_works_once_and_the_second_member_is_told_it_has_been_redeemed()
    {
        var code = (await NewCodesAsync()).Single();
        var (_, first) = await SignedInMemberAsync("first");
        var (second, secondClient) = await SignedInMemberAsync("second");
        await RedeemAsync(first, code);

        var page = await RedeemAsync(secondClient, code.ToLowerInvariant());

        Assert.Equal("/premium/redeem", page.Path);
        Assert.Equal("This code has already been redeemed", page.FieldError("Redeem_Code"));
        Assert.NotEmpty(page.ErrorSummary);
        Assert.Equal(code.ToLowerInvariant(), page.FieldValue("Redeem_Code"));
        Assert.StartsWith("Free", TierStatus(page));
        Assert.Null(await PremiumUntilAsync(second.Id));
    }

    [Fact]
    public async Task The_same_member_cannot_redeem_one_code_twice()
    {
        var code = (await NewCodesAsync()).Single();
        var (member, client) = await SignedInMemberAsync();
        await RedeemAsync(client, code);
        var until = await PremiumUntilAsync(member.Id);

        var page = await RedeemAsync(client, code);

        Assert.Equal("This code has already been redeemed", page.FieldError("Redeem_Code"));
        Assert.Equal(until, await PremiumUntilAsync(member.Id));
    }

    [Theory]
    [InlineData("ZZZZ-ZZZZ-ZZZZ", "We do not know this code. Check it for typos.")]
    [InlineData("---", "We do not know this code. Check it for typos.")]
    [InlineData("", "Enter your voucher code")]
    public async Task An_unknown_or_empty_code_is_refused_at_the_field(string typed, string message)
    {
        var (member, client) = await SignedInMemberAsync();

        var page = await RedeemAsync(client, typed);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(message, page.FieldError("Redeem_Code"));
        Assert.NotNull(page.Document.QuerySelector(".np-error-summary a[href='#Redeem_Code']"));
        Assert.Null(await PremiumUntilAsync(member.Id));
    }

    [Fact]
    public async Task A_code_adds_its_days_to_a_running_premium_period()
    {
        var code = (await NewCodesAsync(days: 60)).Single();
        var (member, client) = await SignedInMemberAsync();
        using (var scope = app.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<PremiumService>().GrantAsync(member.Id, 30);
        var granted = (await PremiumUntilAsync(member.Id))!.Value;

        await RedeemAsync(client, code);

        Assert.Equal(granted.AddDays(60), await PremiumUntilAsync(member.Id));
    }

    [Fact]
    public async Task Redeeming_requires_being_logged_in()
    {
        var visitor = app.NewClient();
        var page = await visitor.OpenAsync("/premium");

        var answer = await visitor.PostWithTokenOfAsync(page, "/premium/redeem",
            new Dictionary<string, string> { ["Redeem.Code"] = "ABCD-EFGH-JKLM" });

        Assert.StartsWith("/account/login", answer.Path);
    }

    [Fact]
    public async Task Two_members_racing_for_one_code_through_the_service_get_exactly_one_success_per_code()
    {
        var codes = await NewCodesAsync(count: 12);
        var a = await app.CreateMemberAsync(TestData.UniqueEmail("racer-a"));
        var b = await app.CreateMemberAsync(TestData.UniqueEmail("racer-b"));

        foreach (var code in codes)
        {
            using var scopeA = app.Services.CreateScope();
            using var scopeB = app.Services.CreateScope();
            var serviceA = scopeA.ServiceProvider.GetRequiredService<PremiumService>();
            var serviceB = scopeB.ServiceProvider.GetRequiredService<PremiumService>();
            using var go = new ManualResetEventSlim();
            var raceA = Task.Run(async () => { go.Wait(); return await serviceA.RedeemAsync(a.Id, code); });
            var raceB = Task.Run(async () => { go.Wait(); return await serviceB.RedeemAsync(b.Id, code.ToLowerInvariant()); });
            go.Set();
            var results = await Task.WhenAll(raceA, raceB);

            Assert.Single(results, r => r.Result == RedeemResult.Redeemed);
            Assert.Single(results, r => r.Result == RedeemResult.AlreadyUsed);
            var winner = results[0].Result == RedeemResult.Redeemed ? a.Id : b.Id;
            var voucher = await app.WithDbAsync(db => db.VoucherCodes.AsNoTracking().SingleAsync(v => v.Code == code));
            Assert.Equal(winner, voucher.RedeemedById);
        }

        // Every code gave its 30 days to exactly one of the two.
        var redeemedBy = await app.WithDbAsync(db => db.VoucherCodes.Where(v => codes.Contains(v.Code))
            .Select(v => v.RedeemedById).ToListAsync());
        Assert.Equal(codes.Count, redeemedBy.Count(id => id == a.Id || id == b.Id));
    }

    [Fact]
    public async Task Two_members_posting_one_code_at_the_same_moment_get_one_success_and_one_refusal()
    {
        var code = (await NewCodesAsync()).Single();
        var (a, clientA) = await SignedInMemberAsync("racer-a");
        var (b, clientB) = await SignedInMemberAsync("racer-b");
        var pageA = await clientA.OpenAsync("/premium");
        var pageB = await clientB.OpenAsync("/premium");
        var fields = new Dictionary<string, string> { ["Redeem.Code"] = code };

        var answers = await Task.WhenAll(
            pageA.SubmitAsync(clientA, "/premium/redeem", fields),
            pageB.SubmitAsync(clientB, "/premium/redeem", fields));

        Assert.Single(answers, p => p.Flash?.StartsWith("Code redeemed") == true);
        Assert.Single(answers, p => p.FieldError("Redeem_Code") == "This code has already been redeemed");
        var premium = new[] { await PremiumUntilAsync(a.Id), await PremiumUntilAsync(b.Id) };
        Assert.Single(premium, p => p is not null);
    }
}

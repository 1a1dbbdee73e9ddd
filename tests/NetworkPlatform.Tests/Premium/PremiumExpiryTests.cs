using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using NetworkPlatform.Domain.Accounts;
using NetworkPlatform.Domain.Premium;
using NetworkPlatform.Tests.Infrastructure;
using NetworkPlatform.Web.Infrastructure.Security;

namespace NetworkPlatform.Tests.Premium;

/// <summary>Moves this class's clock a month ahead, so it has an app of its own (a class fixture).</summary>
public class PremiumExpiryTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<ClaimsPrincipal> PrincipalOfAsync(Guid id)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<AppUser>>();
        return await signIn.CreateUserPrincipalAsync((await users.FindByIdAsync(id.ToString()))!);
    }

    // What the pages ask (premium search filters, the document limit): the claim against the clock of this request.
    private Task<bool> PremiumPolicyAllowsAsync(ClaimsPrincipal principal) =>
        Task.FromResult(principal.IsPremiumAt(app.Clock.GetUtcNow()));

    private async Task<string?> TierStatusAfterFreshLoginAsync(string email)
    {
        var client = app.NewClient();
        await client.LoginAsync(email);
        var page = await client.OpenAsync("/premium");
        return page.Document.QuerySelector("[data-testid=tier-status]")?.TextContent.Trim();
    }

    [Fact]
    public async Task Premium_ends_by_itself_when_its_period_is_over()
    {
        var email = TestData.UniqueEmail("expiring");
        var member = await app.CreateMemberAsync(email);
        var free = await app.CreateMemberAsync(TestData.UniqueEmail("free"));
        using (var scope = app.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<PremiumService>().GrantAsync(member.Id, 30);

        Assert.StartsWith("Premium active until", await TierStatusAfterFreshLoginAsync(email));
        Assert.True(await PremiumPolicyAllowsAsync(await PrincipalOfAsync(member.Id)));
        Assert.False(await PremiumPolicyAllowsAsync(await PrincipalOfAsync(free.Id)));

        var principalBefore = await PrincipalOfAsync(member.Id);
        app.Clock.Advance(TimeSpan.FromDays(31));

        Assert.Equal("Free You use the free membership.", await TierStatusAfterFreshLoginAsync(email));
        Assert.False(await PremiumPolicyAllowsAsync(await PrincipalOfAsync(member.Id)));
        // A principal made while premium was running does not keep it either: the claim holds the end date.
        Assert.False(await PremiumPolicyAllowsAsync(principalBefore));
    }

    [Fact]
    public async Task An_anonymous_visitor_is_not_premium()
    {
        Assert.False(await PremiumPolicyAllowsAsync(new ClaimsPrincipal(new ClaimsIdentity())));
    }
}

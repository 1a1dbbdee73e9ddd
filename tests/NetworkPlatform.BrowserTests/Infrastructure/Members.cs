using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NetworkPlatform.Domain;
using NetworkPlatform.Domain.Accounts;
using NetworkPlatform.Domain.Profiles;
using NetworkPlatform.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace NetworkPlatform.BrowserTests.Infrastructure;

/// <summary>A member made directly in the app's database (registration is the account journey's subject, not theirs).</summary>
public sealed record BrowserMember(Guid Id, string Email, string FirstName, string LastName, string Slug)
{
    public string FullName => $"{FirstName} {LastName}";
    public string Url => "/p/" + Slug;
}

public static class Members
{
    /// <summary>
    /// A confirmed member with a profile (made as registration makes it), changed by <paramref name="edit"/> if given.
    /// </summary>
    public static async Task<BrowserMember> CreateAsync(this KestrelAppFixture app, string first, string last,
        Action<MemberProfile>? edit = null)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var email = TestData.UniqueEmail(first.ToLowerInvariant());
        var user = AppUser.Create(email, first, last, "en", DateTimeOffset.UtcNow, emailConfirmed: true);
        var created = await users.CreateAsync(user, TestData.Password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Code)));
        await users.AddToRoleAsync(user, Roles.Member);

        var profile = await scope.ServiceProvider.GetRequiredService<ProfileService>().EnsureAsync(user.Id);
        if (edit is not null)
        {
            edit(profile);
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync();
        }
        return new BrowserMember(user.Id, email, first, last, profile.Slug);
    }

    /// <summary>Logs in through the login form; the start page greets the member by first name.</summary>
    public static async Task LoginAsync(this IPage page, BrowserMember member, string baseUrl)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("E-mail address", new() { Exact = true }).FillAsync(member.Email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(TestData.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync($"{baseUrl}/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Welcome, {member.FirstName}");
    }
}

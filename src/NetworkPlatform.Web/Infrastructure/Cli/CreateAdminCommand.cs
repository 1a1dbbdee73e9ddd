using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Domain;
using NetworkPlatform.Domain.Accounts;

namespace NetworkPlatform.Web.Infrastructure.Cli;

/// <summary>
/// <c>create-admin --email ADDRESS [--first-name X --last-name Y]</c>: makes an existing account an admin, or creates
/// a confirmed admin account with a random password printed once. The first admin is made here, never by a web form.
/// The admin is asked to set up two-factor authentication at the first visit of the admin pages.
/// </summary>
public static class CreateAdminCommand
{
    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        string? Arg(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        var email = Arg("--email")?.Trim();
        if (string.IsNullOrEmpty(email) || !email.Contains('@'))
        {
            await Console.Error.WriteLineAsync("usage: create-admin --email ADDRESS [--first-name NAME] [--last-name NAME]");
            return 2;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.MigrateAsync();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var time = scope.ServiceProvider.GetRequiredService<TimeProvider>();

        var user = await users.FindByEmailAsync(email);
        string? password = null;
        if (user is null)
        {
            password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');
            user = AppUser.Create(email, Arg("--first-name") ?? "Admin", Arg("--last-name") ?? "", null,
                time.GetUtcNow(), emailConfirmed: true);
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                await Console.Error.WriteLineAsync("Could not create the account: " +
                    string.Join("; ", created.Errors.Select(e => e.Description)));
                return 1;
            }
            await users.AddToRoleAsync(user, Roles.Member);
        }

        if (!await users.IsInRoleAsync(user, Roles.Admin))
            await users.AddToRoleAsync(user, Roles.Admin);
        await users.UpdateSecurityStampAsync(user);

        Console.WriteLine($"{email} is an admin.");
        if (password is not null)
            Console.WriteLine($"Initial password (shown once, change it after the first login): {password}");
        Console.WriteLine("At the first visit of /admin the admin is asked to set up two-factor authentication.");
        return 0;
    }
}

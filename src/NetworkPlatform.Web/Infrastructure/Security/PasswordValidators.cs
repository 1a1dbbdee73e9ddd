using System.Collections.Frozen;
using Microsoft.AspNetCore.Identity;
using NetworkPlatform.Domain.Accounts;

namespace NetworkPlatform.Web.Infrastructure.Security;

/// <summary>
/// NIST SP 800-63B style: length counts, composition rules do not, and a password that is among the most common
/// ones is refused. The list is the top 10,000 of the OWASP SecLists 10-million list (see Data/README.md).
/// </summary>
public class CommonPasswordValidator : IPasswordValidator<AppUser>
{
    public const int MaxLength = 128;
    public const string TooLong = "PasswordTooLong";
    public const string TooCommon = "PasswordTooCommon";
    private static readonly Lazy<FrozenSet<string>> Common = new(Load);

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        if (password is null)
            return Task.FromResult(IdentityResult.Success);
        if (password.Length > MaxLength)
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = TooLong }));
        if (Common.Value.Contains(password) || Common.Value.Contains(password.ToLowerInvariant()))
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = TooCommon }));
        return Task.FromResult(IdentityResult.Success);
    }

    public static bool IsCommon(string password) => Common.Value.Contains(password);

    private static FrozenSet<string> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Data", "common-passwords.txt");
        return File.ReadLines(path).Where(l => l.Length > 0).ToFrozenSet(StringComparer.Ordinal);
    }
}

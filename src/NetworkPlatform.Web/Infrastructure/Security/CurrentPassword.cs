using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using NetworkPlatform.Domain.Accounts;

namespace NetworkPlatform.Web.Infrastructure.Security;

public enum CurrentPasswordCheck
{
    Right,
    Wrong,
    LockedOut,
}

/// <summary>
/// The password a signed-in member types to confirm a change (new password, new address, deleting the account).
/// Whoever holds a session could otherwise guess it without limit, so failures count against the same lock-out as
/// signing in: after Identity's MaxFailedAccessAttempts wrong ones the account is locked here and for logging in.
/// </summary>
public static class CurrentPassword
{
    public static async Task<CurrentPasswordCheck> CheckCurrentPasswordAsync(this UserManager<AppUser> users,
        AppUser user, string password)
    {
        // While locked, not even the right password gets through, or the lock-out would not stop guessing.
        if (await users.IsLockedOutAsync(user))
            return CurrentPasswordCheck.LockedOut;
        if (await users.CheckPasswordAsync(user, password))
        {
            await users.ResetAccessFailedCountAsync(user);
            return CurrentPasswordCheck.Right;
        }
        await users.AccessFailedAsync(user);
        return await users.IsLockedOutAsync(user) ? CurrentPasswordCheck.LockedOut : CurrentPasswordCheck.Wrong;
    }

    /// <summary>True when the password was right; otherwise the form's message goes to the password field.</summary>
    public static bool IsRight(this CurrentPasswordCheck check, ModelStateDictionary modelState, string field,
        IStringLocalizer l, string wrongKey = "Settings.Password.WrongCurrent")
    {
        if (check == CurrentPasswordCheck.Right)
            return true;
        modelState.AddModelError(field, check == CurrentPasswordCheck.LockedOut ? l["Settings.Password.LockedOut"] : l[wrongKey]);
        return false;
    }
}

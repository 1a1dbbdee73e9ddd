using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Tests.Infrastructure;

namespace NetworkPlatform.Tests.Security;

/// <summary>
/// Issue 15, "Login timing tells accounts apart": a wrong password for an existing account took a median 125 ms (the
/// password hash), for an unknown or locked one 7 ms. The machine's speed varies, so the test compares medians with
/// each other rather than with a number of milliseconds: without the hash work, the others would take a small
/// fraction of an existing account's time.
/// </summary>
public class LoginTimingTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const int Attempts = 15;
    private const string WrongPassword = "not the right passphrase at all";

    [Fact]
    public async Task Login_timing_does_not_tell_accounts_apart()
    {
        var existing = TestData.UniqueEmail("timing-existing");
        var locked = TestData.UniqueEmail("timing-locked");
        var lockedUnconfirmed = TestData.UniqueEmail("timing-locked-unconfirmed");
        var unknown = TestData.UniqueEmail("timing-unknown");
        await app.CreateMemberAsync(existing);
        await app.CreateMemberAsync(locked);
        await app.CreateMemberAsync(lockedUnconfirmed);
        var until = app.Clock.GetUtcNow().AddDays(1);
        await app.WithDbAsync(db => db.Users.Where(u => u.Email == locked || u.Email == lockedUnconfirmed)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.LockoutEnd, until)));
        await app.WithDbAsync(db => db.Users.Where(u => u.Email == lockedUnconfirmed)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.EmailConfirmed, false)));

        var client = app.NewClient();
        var form = await client.OpenAsync("/account/login");
        var cases = new[] { existing, unknown, locked, lockedUnconfirmed };
        var times = cases.ToDictionary(c => c, _ => new List<double>());

        // Warm-up first (JIT, connection pool, the dummy hash), then the cases in turn, so that whatever else the
        // machine does falls on all of them alike.
        for (var round = -3; round < Attempts; round++)
        {
            foreach (var email in cases)
            {
                // So that the existing account never locks itself: not part of the time measured.
                await app.WithDbAsync(db => db.Users.Where(u => u.Email == existing)
                    .ExecuteUpdateAsync(s => s.SetProperty(u => u.AccessFailedCount, 0)));
                var watch = Stopwatch.StartNew();
                var page = await form.SubmitAsync(client, "/account/login", new Dictionary<string, string>
                {
                    ["Email"] = email,
                    ["Password"] = WrongPassword,
                });
                watch.Stop();
                Assert.Equal("/account/login", page.Path);
                Assert.Single(page.ErrorSummary);
                if (round >= 0)
                    times[email].Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        var medians = times.ToDictionary(t => t.Key, t => Median(t.Value));
        var report = $"medians: existing {medians[existing]:F1} ms, unknown {medians[unknown]:F1} ms, " +
                     $"locked {medians[locked]:F1} ms, locked and unconfirmed {medians[lockedUnconfirmed]:F1} ms";
        foreach (var other in new[] { unknown, locked, lockedUnconfirmed })
            Assert.True(medians[other] >= 0.5 * medians[existing] && medians[other] <= 2 * medians[existing], report);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return (sorted[(sorted.Count - 1) / 2] + sorted[sorted.Count / 2]) / 2;
    }
}

using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Domain;
using NetworkPlatform.Domain.Bench;

namespace NetworkPlatform.Web.Features.Bench;

/// <summary>
/// TechEmpower's Fortunes and single-query tests on our own stack (issue 17): the baseline that bench/run.sh pages
/// compares the member pages with. The app's middleware, MVC, Razor and AppDbContext as every page has them, nothing
/// of a member's (anonymous, no session, no layout). Exists only where <c>Bench:Enabled</c> is true
/// (<see cref="BenchSetup"/>); elsewhere both URLs are 404 like any unknown one.
/// </summary>
[AllowAnonymous]
[Route("bench")]
public class BenchController(AppDbContext db) : Controller
{
    // Compiled once: the test measures the stack, not LINQ translation (TechEmpower's EF implementations do the same).
    private static readonly Func<AppDbContext, IAsyncEnumerable<Fortune>> AllFortunes =
        EF.CompileAsyncQuery((AppDbContext c) => c.Fortunes.AsNoTracking());

    private static readonly Func<AppDbContext, int, Task<World?>> WorldById =
        EF.CompileAsyncQuery((AppDbContext c, int id) => c.Worlds.AsNoTracking().FirstOrDefault(w => w.Id == id));

    [HttpGet("fortunes")]
    public async Task<IActionResult> Fortunes()
    {
        var fortunes = new List<Fortune>(16);
        await foreach (var f in AllFortunes(db))
            fortunes.Add(f);
        fortunes.Add(new Fortune { Id = 0, Message = "Additional fortune added at request time." });
        fortunes.Sort((a, b) => string.CompareOrdinal(a.Message, b.Message));
        return View(fortunes);
    }

    [HttpGet("db")]
    public async Task<IActionResult> Db()
    {
        var world = await WorldById(db, Random.Shared.Next(1, 10_001));
        return world is null ? NotFound() : Json(new WorldRow(world.Id, world.RandomNumber));
    }

    /// <summary>Serialised camelCase by MVC: {"id":..,"randomNumber":..} as the test defines it.</summary>
    public sealed record WorldRow(int Id, int RandomNumber);

    /// <summary>
    /// The Fortunes view's encoder: HTML-sensitive characters escaped as always, every other character written as
    /// it is (UTF-8), as the test asks for the Japanese row. The app's default encoder would write anything outside
    /// Basic Latin as a character reference (&amp;#x30D5; for フ, &amp;#xFC; for ü), which only this view changes.
    /// </summary>
    public static readonly HtmlEncoder Utf8Html = HtmlEncoder.Create(UnicodeRanges.All);
}

using NetworkPlatform.Tests.Infrastructure;
using NetworkPlatform.Tests.Profiles;

namespace NetworkPlatform.Tests.Foundation;

/// <summary>The error summary lists the fields in the order the form shows them (GOV.UK pattern).</summary>
public class FormErrorOrderTests(AppFactory app) : IClassFixture<AppFactory>
{
    /// <summary>
    /// The fields the summary links to, in its order, and the same fields in the order they stand in the form.
    /// Both come from the page, so the test holds whatever fields a form gains later.
    /// </summary>
    private static (List<string> Summary, List<string> Form) Orders(Page page)
    {
        var summary = page.Document.QuerySelectorAll(".np-error-summary a[href^='#']")
            .Select(a => a.GetAttribute("href")![1..]).ToList();
        var form = page.Document.QuerySelectorAll("main [id]").Select(e => e.Id!)
            .Where(summary.Contains).Distinct().ToList();
        return (summary, form);
    }

    [Fact]
    public async Task Registering_with_every_field_wrong_lists_the_problems_in_the_forms_order()
    {
        var page = await app.NewClient().SubmitAsync("/account/register", "/account/register", new Dictionary<string, string>
        {
            ["FirstName"] = "",
            ["LastName"] = "",
            ["Email"] = "not-an-address",
            ["Password"] = "short",
            ["ConfirmPassword"] = "different",
        });

        var (summary, form) = Orders(page);
        Assert.True(summary.Count >= 5, "expected a problem for each field: " + string.Join(", ", summary));
        Assert.Equal(form, summary.Distinct().ToList());
        Assert.Equal("FirstName", summary[0]);
    }

    [Fact]
    public async Task A_work_experience_with_problems_lists_them_in_the_forms_order()
    {
        var (client, _) = await app.SignedInMemberAsync();

        var page = await client.SubmitAsync("/profile/edit/experience", "/profile/edit/experience", new Dictionary<string, string>
        {
            ["Title"] = "",
            ["Organisation"] = "",
            ["StartMonth"] = "5",
            ["StartYear"] = "2020",
            ["EndMonth"] = "3",
            ["EndYear"] = "2019",
            ["Description"] = new string('x', 5000),
        });

        var (summary, form) = Orders(page);
        Assert.True(summary.Count >= 3, "expected several problems: " + string.Join(", ", summary));
        Assert.Equal(form, summary.Distinct().ToList());
        Assert.Equal("Title", summary[0]);
    }
}

using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using NetworkPlatform.Domain;
using NetworkPlatform.Domain.Contacts;
using NetworkPlatform.Web.Features.Shared;
using NetworkPlatform.Web.Infrastructure.Security;
using NetworkPlatform.Web.Resources;

namespace NetworkPlatform.Web.Features.Contacts;

public class ContactEditModel
{
    public List<string> BuiltIn { get; set; } = [];

    [Display(Name = "Contacts.Field.OwnTags")]
    [StringLength(600, ErrorMessage = "Validation.TooLong")]
    public string? OwnTags { get; set; }

    [Display(Name = "Contacts.Field.Note")]
    [StringLength(Contact.NoteMaxLength, ErrorMessage = "Validation.TooLong")]
    public string? Note { get; set; }
}

public record ContactsIndexModel(ContactListPage Page, string? Query, ContactSort Sort, string? Tag);

public record ContactEditPage(ContactListItem Contact, ContactEditModel Form);

public record SuggestionsPage(IReadOnlyList<MemberCard> Suggestions);

/// <summary>My contacts, requests, suggestions and blocks. Every action refers only to the member's own relations.</summary>
[Authorize]
[Route("contacts")]
public class ContactsController(ContactService contacts, ContactListService list, NetworkService network,
    SuggestionService suggestionService,
    IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? q, ContactSort sort = ContactSort.Name, string? tag = null, int page = 1,
        CancellationToken ct = default)
    {
        q = q is { Length: > 200 } ? q[..200] : q;
        return View(new ContactsIndexModel(await list.ListAsync(User.IdOf(), q, sort, tag, page, ct), q, sort, tag));
    }

    [HttpGet("requests")]
    public async Task<IActionResult> Requests(CancellationToken ct)
    {
        var requests = await contacts.RequestsAsync(User.IdOf(), ct);
        await this.AddDegreesAsync(network, requests.Received.Concat(requests.Sent).Select(r => r.OtherUserId), ct);
        return View(requests);
    }

    [HttpGet("suggestions")]
    public async Task<IActionResult> Suggestions(CancellationToken ct)
    {
        var (suggestions, degrees) = await suggestionService.SuggestionsAsync(User.IdOf(), 20, ct);
        this.SetDegrees(degrees);
        return View(new SuggestionsPage(suggestions));
    }

    [HttpPost("suggestions/{userId:guid}/dismiss")]
    public async Task<IActionResult> Dismiss(Guid userId, CancellationToken ct)
    {
        await suggestionService.DismissAsync(User.IdOf(), userId, ct);
        return Back("/contacts/suggestions");
    }

    /// <summary>"Add as contact" from a profile, a suggestion or a search result.</summary>
    [HttpPost("request/{userId:guid}")]
    public async Task<IActionResult> SendRequest(Guid userId, string? message, string? returnUrl, CancellationToken ct)
    {
        if (message is { Length: > ContactRequest.MessageMaxLength })
        {
            this.Error(l["Contacts.MessageTooLong"]);
            return Back(returnUrl);
        }
        var status = await contacts.RequestAsync(User.IdOf(), userId, message, ct);
        this.Success(status == ContactStatus.Contacts ? l["Contacts.NowContacts"] : l["Contacts.RequestSent"]);
        return Back(returnUrl);
    }

    [HttpPost("requests/{id:guid}/accept")]
    public async Task<IActionResult> Accept(Guid id, string? returnUrl, CancellationToken ct)
    {
        await contacts.AcceptAsync(User.IdOf(), id, ct);
        this.Success(l["Contacts.NowContacts"]);
        return Back(returnUrl ?? "/contacts/requests");
    }

    [HttpPost("requests/{id:guid}/decline")]
    public async Task<IActionResult> Decline(Guid id, string? returnUrl, CancellationToken ct)
    {
        await contacts.DeclineAsync(User.IdOf(), id, ct);
        this.Success(l["Contacts.Declined"]);
        return Back(returnUrl ?? "/contacts/requests");
    }

    [HttpPost("requests/{id:guid}/withdraw")]
    public async Task<IActionResult> Withdraw(Guid id, string? returnUrl, CancellationToken ct)
    {
        await contacts.WithdrawAsync(User.IdOf(), id, ct);
        this.Success(l["Contacts.Withdrawn"]);
        return Back(returnUrl ?? "/contacts/requests");
    }

    [HttpPost("{userId:guid}/remove")]
    public async Task<IActionResult> Remove(Guid userId, string? returnUrl, CancellationToken ct)
    {
        await contacts.RemoveAsync(User.IdOf(), userId, ct);
        this.Success(l["Contacts.Removed"]);
        return Back(returnUrl ?? "/contacts");
    }

    [HttpPost("{userId:guid}/block")]
    public async Task<IActionResult> Block(Guid userId, string? returnUrl, CancellationToken ct)
    {
        await contacts.BlockAsync(User.IdOf(), userId, ct);
        this.Success(l["Contacts.BlockedDone"]);
        return Back(returnUrl ?? "/contacts/blocked");
    }

    [HttpPost("{userId:guid}/unblock")]
    public async Task<IActionResult> Unblock(Guid userId, CancellationToken ct)
    {
        await contacts.UnblockAsync(User.IdOf(), userId, ct);
        this.Success(l["Contacts.Unblocked"]);
        return Back("/contacts/blocked");
    }

    [HttpGet("blocked")]
    public async Task<IActionResult> Blocked(CancellationToken ct) => View(await list.BlockedAsync(User.IdOf(), ct));

    [HttpGet("{userId:guid}/edit")]
    public async Task<IActionResult> Edit(Guid userId, CancellationToken ct)
    {
        var contact = await list.GetAsync(User.IdOf(), userId, ct);
        return View(new ContactEditPage(contact, new ContactEditModel
        {
            BuiltIn = contact.Tags.Where(BuiltInTags.IsBuiltIn).ToList(),
            OwnTags = string.Join(", ", contact.Tags.Where(t => !BuiltInTags.IsBuiltIn(t))),
            Note = contact.Note,
        }));
    }

    [HttpPost("{userId:guid}/edit")]
    public async Task<IActionResult> Edit(Guid userId, [Bind(Prefix = "Form")] ContactEditModel model, CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            try
            {
                await list.UpdateAsync(User.IdOf(), userId, model.BuiltIn, model.OwnTags, model.Note, ct);
                this.Success(l["Contacts.Saved"]);
                return Redirect("/contacts");
            }
            catch (DomainException e)
            {
                ModelState.AddModelError("Form.OwnTags", l[e.MessageKey]);
            }
        }
        return View(new ContactEditPage(await list.GetAsync(User.IdOf(), userId, ct), model));
    }

    private IActionResult Back(string? returnUrl) => LocalRedirect(ReturnUrls.Safe(Url, returnUrl));
}

using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace NetworkPlatform.Web.Features.Shared;

/// <summary>
/// One form field the way the GOV.UK Design System shows it: a visible label, an optional hint, the error message
/// above the input, the typed value kept (never for passwords), and aria-describedby tying them together.
/// <code>&lt;form-field for="Email" type="email" autocomplete="email" hint="..." /&gt;</code>
/// </summary>
[HtmlTargetElement("form-field", TagStructure = TagStructure.WithoutEndTag)]
public class FormFieldTagHelper(IHtmlGenerator generator) : TagHelper
{
    [HtmlAttributeName("for")]
    public ModelExpression For { get; set; } = default!;

    /// <summary>text, email, password, number, tel, url, textarea.</summary>
    public string Type { get; set; } = "text";

    public string? Hint { get; set; }

    /// <summary>A label other than the model's display name (the same field means "New password" on one page).</summary>
    public string? Label { get; set; }
    public string? Autocomplete { get; set; }
    public string? Inputmode { get; set; }
    public bool Autofocus { get; set; }
    public string? Width { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = For.Name;
        var id = TagBuilder.CreateSanitizedId(ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(name), "_");
        var fullName = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(name);
        var state = ViewContext.ViewData.ModelState.TryGetValue(fullName, out var entry) ? entry : null;
        var error = state?.Errors.FirstOrDefault()?.ErrorMessage;
        var hasError = !string.IsNullOrEmpty(error);

        var describedBy = new List<string>();
        if (!string.IsNullOrEmpty(Hint)) describedBy.Add(id + "-hint");
        if (hasError) describedBy.Add(id + "-error");

        var attrs = new Dictionary<string, object>
        {
            ["class"] = "form-control" + (hasError ? " is-invalid" : "") + (Width is null ? "" : " " + Width),
        };
        if (describedBy.Count > 0) attrs["aria-describedby"] = string.Join(' ', describedBy);
        if (hasError) attrs["aria-invalid"] = "true";
        if (Autocomplete is not null) attrs["autocomplete"] = Autocomplete;
        if (Inputmode is not null) attrs["inputmode"] = Inputmode;
        if (Autofocus) attrs["autofocus"] = "autofocus";
        if (For.Metadata.IsRequired) attrs["aria-required"] = "true";

        var value = state?.AttemptedValue ?? For.Model?.ToString();
        TagBuilder input = Type switch
        {
            "password" => generator.GeneratePassword(ViewContext, For.ModelExplorer, name, null, attrs),
            "textarea" => generator.GenerateTextArea(ViewContext, For.ModelExplorer, name, 5, 0, attrs),
            _ => generator.GenerateTextBox(ViewContext, For.ModelExplorer, name, value, null, attrs),
        };
        if (Type is not ("password" or "textarea" or "text"))
            input.MergeAttribute("type", Type, replaceExisting: true);
        // Client-side validation attributes are not wanted: the server answers, the page works without JS.
        foreach (var key in input.Attributes.Keys.Where(k => k.StartsWith("data-val", StringComparison.Ordinal)).ToList())
            input.Attributes.Remove(key);

        var label = Label ?? For.Metadata.GetDisplayName();
        var html = new HtmlContentBuilder();
        html.AppendHtml("<div class=\"mb-3\">");
        html.AppendHtml($"<label class=\"form-label fw-semibold\" for=\"{id}\">");
        html.Append(label);
        html.AppendHtml("</label>");
        if (!string.IsNullOrEmpty(Hint))
        {
            html.AppendHtml($"<div id=\"{id}-hint\" class=\"form-text mt-0 mb-1\">");
            html.Append(Hint);
            html.AppendHtml("</div>");
        }
        if (hasError)
        {
            html.AppendHtml($"<div id=\"{id}-error\" class=\"invalid-feedback d-block mt-0 mb-1\">");
            html.Append(error!);
            html.AppendHtml("</div>");
        }
        html.AppendHtml(input);
        html.AppendHtml("</div>");

        output.TagName = null;
        output.Content.SetHtmlContent(html);
    }
}

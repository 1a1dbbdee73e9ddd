using System.Globalization;
using NetworkPlatform.Domain.Profiles;

namespace NetworkPlatform.Web.Features.Profiles;

/// <summary>Months, days and sizes on profile pages, in the reader's culture (de "März 2021", en "March 2021").</summary>
public static class ProfileFormatting
{
    private static bool German => CultureInfo.CurrentCulture.TwoLetterISOLanguageName == "de";

    public static string MonthYear(DateOnly month) =>
        month.ToString("MMMM yyyy", CultureInfo.CurrentCulture);

    /// <summary>de 22.11.2026, en 22 Nov 2026: the same as <c>Formatting.ToLocalDate</c>, for a date without time.</summary>
    public static string LocalDate(DateOnly day) =>
        day.ToString(German ? "dd.MM.yyyy" : "d MMM yyyy", CultureInfo.CurrentCulture);

    public static string? Birthday(ContactDetail? detail) =>
        detail is null ? null
        : DateOnly.TryParseExact(detail.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? LocalDate(d)
            : detail.Value;

    /// <summary>"1.2 MB" / "1,2 MB", "340 KB".</summary>
    public static string FileSize(long bytes) =>
        bytes >= 1024 * 1024
            ? (bytes / 1024d / 1024d).ToString("0.0", CultureInfo.CurrentCulture) + " MB"
            : Math.Max(1, (bytes + 1023) / 1024).ToString("N0", CultureInfo.CurrentCulture) + " KB";

    /// <summary>The host of a link, shown beside its title so members see where it leads.</summary>
    public static string Host(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host : url;

    public static string FileType(string contentType) => contentType switch
    {
        "application/pdf" => "PDF",
        "image/jpeg" => "JPEG",
        "image/png" => "PNG",
        "image/webp" => "WebP",
        _ => contentType,
    };
}

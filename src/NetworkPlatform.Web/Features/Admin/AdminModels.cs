using System.ComponentModel.DataAnnotations;
using NetworkPlatform.Domain.Accounts;
using NetworkPlatform.Domain.Premium;

namespace NetworkPlatform.Web.Features.Admin;

/// <param name="GrantFor">The member whose grant form was refused: that row shows the error and the typed value.</param>
public record AdminMembersPage(string? Query, MemberSearchPage Result, GrantPremiumModel Grant, Guid? GrantFor = null);

public class GrantPremiumModel
{
    [Display(Name = "Field.Days")]
    [Required(ErrorMessage = "Validation.GrantDaysRequired")]
    [Range(1, 3660, ErrorMessage = "Validation.DaysRange")]
    public int? Days { get; set; } = 30;
}

public class CreateVouchersModel
{
    [Display(Name = "Field.VoucherCount")]
    [Required(ErrorMessage = "Validation.VoucherCountRequired")]
    [Range(1, PremiumService.MaxVouchersPerBatch, ErrorMessage = "Validation.CountRange")]
    public int? Count { get; set; } = 1;

    [Display(Name = "Field.Days")]
    [Required(ErrorMessage = "Validation.VoucherDaysRequired")]
    [Range(1, 3660, ErrorMessage = "Validation.DaysRange")]
    public int? Days { get; set; } = 30;

    [Display(Name = "Field.VoucherNote")]
    [StringLength(200, ErrorMessage = "Validation.TooLong")]
    public string? Note { get; set; }
}

public record VouchersPage(CreateVouchersModel Form, IReadOnlyList<VoucherListItem> Recent, IReadOnlyList<string> JustCreated);

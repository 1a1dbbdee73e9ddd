namespace NetworkPlatform.Domain.Email;

/// <summary>
/// The mails the site sends. Each has its template pair in both languages in the web app
/// (Infrastructure/Email/Templates/{Kind}.{de,en}.{txt,html}); the name is stored with each outbox row and sent as the
/// X-NetworkPlatform-Kind header. Tests (Localization/MailTemplateTests) check that every kind has its templates, that
/// both languages use the same placeholders, that the code supplies each of them, and that no template is unused.
/// </summary>
public enum MailKind
{
    ConfirmEmail,
    AlreadyRegistered,
    ResetPassword,
    PasswordChanged,
    ChangeEmail,
    EmailChanged,
    ContactRequest,
    Invitation,
    AccountDeletionRequested,
    PersonalDataExportReady,
    ConfirmEmployment,
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using NetworkPlatform.Domain.Email;
using NetworkPlatform.Tests.Infrastructure;
using NetworkPlatform.Web.Infrastructure.Email;

namespace NetworkPlatform.Tests.Foundation;

/// <summary>The sender's name has an umlaut too, so both display names in the headers must travel as UTF-8.</summary>
public class UmlautSenderFactory : AppFactory
{
    public const string FromName = "Netzwerk Süd";

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Email:FromName"] = FromName,
        ["Email:FromAddress"] = "no-reply@netzwerk-sued.test",
    };
}

/// <summary>What a mail looks like when it reaches an SMTP server, read back from the catcher's file by MimeKit.</summary>
public class MailTests(UmlautSenderFactory app) : IClassFixture<UmlautSenderFactory>
{
    [Fact]
    public async Task A_mail_reaches_the_server_with_text_and_html_a_message_id_and_umlauts_intact()
    {
        var email = TestData.UniqueEmail("mail-umlaut");
        await app.NewClient(language: "de").SubmitAsync("/account/register", "/account/register",
            new Dictionary<string, string>
            {
                ["FirstName"] = "Jürgen",
                ["LastName"] = "Bößmann",
                ["Email"] = email,
                ["Password"] = TestData.Password,
                ["ConfirmPassword"] = TestData.Password,
                ["AcceptTerms"] = "true",
            });

        var mail = (await MailCatcher.WaitForAsync(email, "ConfirmEmail")).Message;

        Assert.Equal("Bitte bestätigen Sie Ihre E-Mail-Adresse", mail.Subject);
        var to = Assert.Single(mail.To.Mailboxes);
        Assert.Equal("Jürgen Bößmann", to.Name);
        Assert.Equal(email, to.Address);
        var from = Assert.Single(mail.From.Mailboxes);
        Assert.Equal(UmlautSenderFactory.FromName, from.Name);
        Assert.Equal("no-reply@netzwerk-sued.test", from.Address);
        // On the wire the headers are RFC 2047 encoded words in UTF-8 (the catcher offers no SMTPUTF8).
        var rawSubject = System.Text.Encoding.ASCII.GetString(mail.Headers.First(h => h.Id == HeaderId.Subject).RawValue);
        Assert.Contains("=?utf-8?", rawSubject, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("ä", rawSubject);

        // The Message-Id is made from the outbox row, so a mail sent a second time after a crash keeps its id.
        var row = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.ToAddress == email));
        Assert.Equal($"{row.Id:N}@netzwerk-sued.test", mail.MessageId);
        Assert.NotNull(mail.Headers[HeaderId.Date]);

        var body = Assert.IsType<MultipartAlternative>(mail.Body);
        Assert.Collection(body,
            text => Assert.Equal("text/plain", text.ContentType.MimeType),
            html => Assert.Equal("text/html", html.ContentType.MimeType));
        Assert.All(body, part => Assert.Equal("utf-8", part.ContentType.Charset, ignoreCase: true));
        Assert.Contains("Hallo Jürgen Bößmann", mail.TextBody);
        Assert.Contains("/account/confirm", mail.TextBody);
        var html = System.Net.WebUtility.HtmlDecode(mail.HtmlBody);
        Assert.Contains("Jürgen Bößmann", html);
        Assert.Contains("/account/confirm", html);
    }
}

/// <summary>No SMTP host: the local run's pickup folder, one .eml file per mail.</summary>
public class PickupFolderFactory : NoBackgroundDispatcherFactory
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "np-pickup-" + Guid.NewGuid().ToString("N"));

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Email:Smtp:Host"] = "",
        ["Email:PickupDirectory"] = Folder,
    };
}

public class PickupFolderTests(PickupFolderFactory app) : IClassFixture<PickupFolderFactory>
{
    [Fact]
    public async Task Without_an_smtp_host_each_mail_is_written_as_one_eml_file()
    {
        var message = OutboxMessage.Create(MailKind.ConfirmEmail, TestData.UniqueEmail("pickup"), "Jörg Weiß",
            "Grüße aus dem Büro", "<p>Grüße, Jörg</p>", "Grüße, Jörg", app.Clock.GetUtcNow());
        await app.WithDbAsync(db =>
        {
            db.OutboxMessages.Add(message);
            return db.SaveChangesAsync();
        });

        Assert.Equal(1, await app.Services.GetRequiredService<OutboxDispatcher>().DispatchBatchAsync(CancellationToken.None));

        var file = Assert.Single(Directory.GetFiles(app.Folder));
        Assert.Equal($"{message.Id:N}.eml", Path.GetFileName(file));
        // 7-bit clean with CRLF line ends, as an SMTP server would have received it.
        var bytes = await File.ReadAllBytesAsync(file);
        Assert.All(bytes, b => Assert.True(b < 128, "a byte above 127 in the .eml file"));
        Assert.Contains("\r\n", System.Text.Encoding.ASCII.GetString(bytes));
        using var mail = MimeMessage.Load(file);
        Assert.Equal("Grüße aus dem Büro", mail.Subject);
        Assert.Equal("Jörg Weiß", Assert.Single(mail.To.Mailboxes).Name);
        Assert.Equal("Grüße, Jörg", mail.TextBody?.Trim());
        Assert.Equal("<p>Grüße, Jörg</p>", mail.HtmlBody?.Trim());
        Assert.False(string.IsNullOrEmpty(mail.MessageId));
        var row = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == message.Id));
        Assert.NotNull(row.SentAt);
        Directory.Delete(app.Folder, recursive: true);
    }
}

/// <summary>Email:Smtp:Security = StartTls or Ssl against the catcher, which speaks plain SMTP only.</summary>
public class RequiredTlsFactory : NoBackgroundDispatcherFactory
{
    public string Security { get; set; } = "StartTls";

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Email:Smtp:Security"] = Security,
    };
}

public class RequiredTlsTests
{
    [Theory]
    [InlineData("StartTls", "STARTTLS")]
    [InlineData("Ssl", "SSL or TLS")]
    public async Task A_server_without_the_required_tls_gets_no_mail_and_the_mail_waits_for_a_retry(string security,
        string error)
    {
        await using var app = new RequiredTlsFactory { Security = security };
        await app.InitializeAsync();
        var message = OutboxMessage.Create(MailKind.ConfirmEmail, TestData.UniqueEmail("tls"), null, "TLS", "<p>TLS</p>",
            "TLS", app.Clock.GetUtcNow());
        await app.WithDbAsync(db =>
        {
            db.OutboxMessages.Add(message);
            return db.SaveChangesAsync();
        });

        Assert.Equal(1, await app.Services.GetRequiredService<OutboxDispatcher>().DispatchBatchAsync(CancellationToken.None));

        var row = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == message.Id));
        Assert.Null(row.SentAt);
        Assert.Equal(1, row.Attempts);
        Assert.Contains(error, row.LastError);
        Assert.Empty(MailCatcher.All(message.ToAddress));
    }

    [Theory]
    [InlineData(null, false, SmtpSecurity.Auto)]
    [InlineData(null, true, SmtpSecurity.StartTls)]
    [InlineData(SmtpSecurity.None, true, SmtpSecurity.None)]
    [InlineData(SmtpSecurity.Ssl, false, SmtpSecurity.Ssl)]
    public void The_older_EnableSsl_setting_still_requires_starttls_unless_Security_is_set(SmtpSecurity? security,
        bool enableSsl, SmtpSecurity expected) =>
        Assert.Equal(expected, new SmtpOptions { Security = security, EnableSsl = enableSsl }.EffectiveSecurity);
}

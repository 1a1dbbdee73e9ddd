namespace NetworkPlatform.Web.Infrastructure.Email;

public class EmailOptions
{
    public const string Section = "Email";

    public string FromAddress { get; set; } = "no-reply@networkplatform.local";
    public string FromName { get; set; } = "NetworkPlatform";

    /// <summary>Where mails go when no SMTP host is set (the local run): one .eml file per mail.</summary>
    public string PickupDirectory { get; set; } = ".data/mail";

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>How often the dispatcher looks for due mails when the outbox was empty.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);
}

public class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 25;

    /// <summary>How the connection is encrypted; unset means <see cref="SmtpSecurity.Auto"/> (see README).</summary>
    public SmtpSecurity? Security { get; set; }

    /// <summary>
    /// The setting from before MailKit, where <c>true</c> meant "STARTTLS, required". Read only when
    /// <see cref="Security"/> is not set, so an installation that had it on does not fall back to optional TLS.
    /// </summary>
    public bool EnableSsl { get; set; }

    public string? UserName { get; set; }
    public string? Password { get; set; }

    public SmtpSecurity EffectiveSecurity => Security ?? (EnableSsl ? SmtpSecurity.StartTls : SmtpSecurity.Auto);
}

public enum SmtpSecurity
{
    /// <summary>TLS on connect on port 465; elsewhere STARTTLS if the server offers it, plain if it does not.</summary>
    Auto,

    /// <summary>Never encrypt (a relay on the same host or network).</summary>
    None,

    /// <summary>Plain connect, then STARTTLS; fails if the server does not offer it.</summary>
    StartTls,

    /// <summary>TLS from the first byte (SMTPS, usually port 465).</summary>
    Ssl,
}

public class AppOptions
{
    public const string Section = "App";

    /// <summary>The address members reach the app at; links in mails start with it.</summary>
    public string BaseUrl { get; set; } = "http://127.0.0.1:5000";
    public string Name { get; set; } = "NetworkPlatform";
}

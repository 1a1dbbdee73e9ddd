namespace NetworkPlatform.Tests.Infrastructure;

/// <summary>What scripts/test.sh starts for the tests (a throwaway PostgreSQL and an SMTP catcher).</summary>
public static class TestEnvironment
{
    public static string PostgresServer => Require("NP_TEST_PG");
    public static string SmtpHost => Environment.GetEnvironmentVariable("NP_TEST_SMTP_HOST") ?? "127.0.0.1";
    public static int SmtpPort => int.Parse(Require("NP_TEST_SMTP_PORT"));
    public static string MailDir => Require("NP_TEST_MAILDIR");
    public static string PgBin => Require("NP_PG_BIN");

    public static string Artifacts
    {
        get
        {
            var dir = Environment.GetEnvironmentVariable("NP_TEST_ARTIFACTS") ?? Path.Combine(Path.GetTempPath(), "np-artifacts");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    /// <summary>The checkout's top folder (where NetworkPlatform.sln is), for tests that read its files.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    private static string FindRepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NetworkPlatform.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Repository root not found");
    }

    private static string Require(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{name} is not set. Run the tests with scripts/test.sh, which starts PostgreSQL and the SMTP catcher.");
}

using NetworkPlatform.Tests.Infrastructure;

namespace NetworkPlatform.Tests.Security;

/// <summary>
/// Issue 15, "Mailpit's web UI is published on port 8025 by docker-compose": that UI shows every mail the app sends,
/// reset links included, so compose may publish the mail service's ports on the loopback address only. Without
/// Docker here, the test reads docker-compose.yml (short port syntax, the only one it uses).
/// </summary>
public class MailpitPortTests
{
    [Fact]
    public void Mailpits_web_UI_is_published_by_docker_compose_on_localhost_only()
    {
        var ports = PublishedPorts(File.ReadAllLines(Path.Combine(TestEnvironment.RepositoryRoot, "docker-compose.yml")), "mail");

        Assert.Contains(ports, p => p.EndsWith(":8025", StringComparison.Ordinal));
        Assert.All(ports, p => Assert.StartsWith("127.0.0.1:", p));
    }

    /// <summary>The entries under services → <paramref name="service"/> → ports, without quotes and comments.</summary>
    private static List<string> PublishedPorts(string[] lines, string service)
    {
        var ports = new List<string>();
        int? serviceLevel = null, portsIndent = null;
        var inServices = false;
        var inService = false;
        foreach (var raw in lines)
        {
            var line = raw.Split('#')[0].TrimEnd();
            if (line.Trim().Length == 0)
                continue;
            var indent = line.Length - line.TrimStart().Length;
            var text = line.Trim();
            if (indent == 0)
            {
                inServices = text == "services:";
                inService = false;
                continue;
            }
            if (!inServices)
                continue;
            serviceLevel ??= indent;
            if (indent == serviceLevel)
            {
                inService = text == service + ":";
                portsIndent = null;
                continue;
            }
            if (!inService)
                continue;
            if (portsIndent is null || indent <= portsIndent)
            {
                portsIndent = text == "ports:" ? indent : null;
                continue;
            }
            Assert.StartsWith("- ", text);
            var entry = text[2..].Trim().Trim('"', '\'');
            Assert.DoesNotContain(" ", entry); // the long syntax (target:, published:, host_ip:) is not read here
            ports.Add(entry);
        }
        return ports;
    }
}

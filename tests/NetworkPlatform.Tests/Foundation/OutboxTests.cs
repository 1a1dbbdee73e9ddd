using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NetworkPlatform.Domain.Email;
using NetworkPlatform.Tests.Infrastructure;
using NetworkPlatform.Web.Infrastructure.Email;

namespace NetworkPlatform.Tests.Foundation;

public class OutboxTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_registration_mail_is_sent_and_its_outbox_row_marked_sent()
    {
        var email = TestData.UniqueEmail("outbox");
        await app.NewClient().SubmitAsync("/account/register", "/account/register", new Dictionary<string, string>
        {
            ["FirstName"] = "Jana",
            ["LastName"] = "Becker",
            ["Email"] = email,
            ["Password"] = TestData.Password,
            ["ConfirmPassword"] = TestData.Password, ["AcceptTerms"] = "true",
        });

        var mail = await MailCatcher.WaitForAsync(email, "ConfirmEmail");

        // The row is committed as sent just after the SMTP server took the batch.
        var row = await Eventually(() => app.WithDbAsync(db =>
            db.OutboxMessages.AsNoTracking().SingleAsync(m => m.ToAddress == email)), r => r.SentAt is not null);
        Assert.Equal("ConfirmEmail", row.Kind);
        Assert.Equal(mail.Subject, row.Subject);
        Assert.Equal(0, row.Attempts);
        Assert.Null(row.LastError);
        Assert.Equal(1, await MailCatcher.CountAfterQuietAsync(email, "ConfirmEmail"));
    }

    [Fact]
    public async Task A_mail_that_cannot_be_sent_keeps_its_error_and_is_tried_again_later()
    {
        var now = app.Clock.GetUtcNow();
        var message = OutboxMessage.Create(MailKind.ConfirmEmail, "not an address", null, "Subject", "<p>Hi</p>", "Hi",
            now);
        await app.WithDbAsync(db =>
        {
            db.OutboxMessages.Add(message);
            return db.SaveChangesAsync();
        });

        var row = await Eventually(() => app.WithDbAsync(db =>
            db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == message.Id)), r => r.Attempts > 0);

        Assert.Equal(1, row.Attempts);
        Assert.Null(row.SentAt);
        Assert.Null(row.FailedAt);
        Assert.False(string.IsNullOrEmpty(row.LastError));
        // First retry after 30 seconds.
        Assert.InRange(row.NextAttemptAt - now, TimeSpan.FromSeconds(29), TimeSpan.FromSeconds(45));
    }

    [Fact]
    public void One_dispatcher_runs_in_the_background_and_it_is_the_one_the_app_resolves()
    {
        var dispatchers = app.Services.GetServices<IHostedService>().OfType<OutboxDispatcher>().ToList();

        var only = Assert.Single(dispatchers);
        Assert.Same(app.Services.GetRequiredService<OutboxDispatcher>(), only);
    }

    private static async Task<T> Eventually<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
                return value;
            await Task.Delay(100);
        }
    }
}

/// <summary>The app without its background dispatcher: the test's own dispatchers are the only ones sending.</summary>
public class NoBackgroundDispatcherFactory : AppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            foreach (var hosted in services.Where(d => d.ServiceType == typeof(IHostedService) &&
                                                       (d.ImplementationType == typeof(OutboxDispatcher) ||
                                                        d.ImplementationFactory?.Method.ReturnType == typeof(OutboxDispatcher))).ToList())
                services.Remove(hosted);
        });
    }
}

public class OutboxDispatcherTests(NoBackgroundDispatcherFactory app) : IClassFixture<NoBackgroundDispatcherFactory>
{
    [Fact]
    public async Task Two_dispatchers_running_at_once_send_each_of_30_mails_exactly_once()
    {
        var now = app.Clock.GetUtcNow();
        var addresses = Enumerable.Range(1, 30).Select(i => TestData.UniqueEmail($"outbox{i}")).ToList();
        await app.WithDbAsync(db =>
        {
            db.OutboxMessages.AddRange(addresses.Select(a =>
                OutboxMessage.Create(MailKind.ConfirmEmail, a, "Test", "Hello " + a, "<p>Hello</p>", "Hello", now)));
            return db.SaveChangesAsync();
        });
        var first = app.Services.GetRequiredService<OutboxDispatcher>();
        var second = ActivatorUtilities.CreateInstance<OutboxDispatcher>(app.Services);

        using var go = new ManualResetEventSlim();
        var runs = new[] { first, second }
            .Select(d => Task.Run(async () => { go.Wait(); return await d.DispatchBatchAsync(CancellationToken.None); }))
            .ToList();
        go.Set();
        var handled = await Task.WhenAll(runs);

        Assert.Equal(30, handled.Sum());
        Assert.All(handled, n => Assert.InRange(n, 1, OutboxDispatcher.BatchSize));
        Assert.Equal(0, await first.DispatchBatchAsync(CancellationToken.None));
        foreach (var address in addresses)
            Assert.Equal(1, MailCatcher.All(address).Count(m => m.Kind == nameof(MailKind.ConfirmEmail)));
        var rows = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => addresses.Contains(m.ToAddress)).ToListAsync());
        Assert.Equal(30, rows.Count);
        Assert.All(rows, r => Assert.NotNull(r.SentAt));
    }
}

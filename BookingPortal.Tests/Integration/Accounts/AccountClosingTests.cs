using BookingPortal.Features.Accounts;

namespace BookingPortal.Tests.Integration.Accounts;

public class AccountClosingTests
{
    [Fact]
    public async Task Closing_an_account_with_bookings_cancels_the_upcoming_keeps_the_past_nameless_and_removes_places_and_keys()
    {
        await using var factory = new PortalFactory();
        var (customer, past, upcoming) = await CustomerWithHistoryAsync(factory);
        using var client = await factory.SignInAsync(customer.Email, customer.Password);
        (await factory.Get<BookingPortal.Features.Admin.CustomersService>().SetNoShowLimitAsync(await factory.StaffAsync(), customer.Id, 2)).Should().BeTrue();
        await using (var before = await factory.DbFactory.CreateDbContextAsync())
        {
            // Another customer whose address ends with this one's: closing this account must not touch their line.
            before.AuditEntries.Add(new AuditEntry { ActorId = "staff", ActorName = "Staff", Action = "audience.member_added", Subject = "j" + customer.Email, Details = "j" + customer.Email, AtUtc = factory.Clock.GetUtcNow().UtcDateTime });
            await before.SaveChangesAsync();
        }

        var closed = await client.SubmitFormAsync("/Account/Manage/DeletePersonalData", new() { ["Input.Password"] = customer.Password });
        using var stranger = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var signInAgain = await stranger.SignInFormAsync(customer.Email, customer.Password);

        closed.StatusCode.Should().Be(HttpStatusCode.Redirect, "closing works for someone who booked (it used to fail on foreign keys)");
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var user = await db.Users.SingleAsync(u => u.Id == customer.Id);
        (user.Email, user.UserName, user.PhoneNumber, user.DisplayName, user.PasswordHash).Should().Be((null, $"closed-{customer.Id}", null, null, null));
        user.DeletedAtUtc.Should().NotBeNull();
        (await db.Bookings.SingleAsync(b => b.Id == upcoming.Id)).Status.Should().Be(BookingStatus.Cancelled, "upcoming bookings are cancelled under the policy");
        (await db.Bookings.SingleAsync(b => b.Id == past.Id)).Status.Should().Be(past.Status, "the clinic's record of the past stays");
        (await db.WaitlistEntries.AnyAsync(e => e.CustomerId == customer.Id)).Should().BeFalse();
        (await db.ApiKeys.AnyAsync(k => k.OwnerId == customer.Id)).Should().BeFalse();
        (await db.UserRoles.AnyAsync(r => r.UserId == customer.Id)).Should().BeFalse();
        var messages = await db.OutboxMessages.Where(m => m.CustomerId == customer.Id).ToListAsync();
        messages.Should().NotBeEmpty().And.OnlyContain(m => m.Recipient == AccountClosing.ClosedRecipient && m.TextBody == "" && m.HtmlBody == null);
        messages.Should().NotContain(m => m.Status == OutboxStatus.Pending, "nothing more is sent to a closed account");
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == "account.closed");
        audit.Subject.Should().Be($"account {customer.Id}");
        audit.Details.Should().Contain("Cancelled 1 upcoming booking(s)").And.NotContain(customer.Email);
        (await db.AuditEntries.SingleAsync(a => a.Action == "customer.no_show_limit_set")).Subject.Should().Be($"account {customer.Id}", "the log keeps what staff did, not the address");
        (await db.AuditEntries.SingleAsync(a => a.Action == "audience.member_added")).Should().Match<AuditEntry>(
            a => a.Subject == "j" + customer.Email && a.Details == "j" + customer.Email, "another customer's line stays whole");
        (await factory.Services.CreateScope().ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(customer.Email))
            .Should().BeNull("the address is free again and identifies nobody");
        signInAgain.StatusCode.Should().Be(HttpStatusCode.OK, "the old password opens nothing: the form shows again");
    }

    [Fact]
    public async Task Closings_that_failed_after_shutting_the_gate_are_finished_by_the_sweep_once_their_grace_is_over()
    {
        await using var factory = new PortalFactory();
        // The test runs the sweep itself: the scheduled one would race it for the same accounts.
        await factory.StartWithoutScheduledJobsAsync();
        var (customer, _, upcoming) = await CustomerWithHistoryAsync(factory);
        var other = await factory.CreateSignInCustomerAsync();
        foreach (var id in new[] { customer.Id, other.Id })
        {
            factory.Transactions.BeforeNext(() => throw new TimeoutException("the database went away"));
            await factory.Invoking(f => f.Get<AccountClosing>().CloseAsync(id)).Should().ThrowAsync<TimeoutException>("a transaction of the closing fails");
        }

        var sweep = factory.Get<UnfinishedClosings>();
        factory.Clock.Advance(UnfinishedClosings.Grace - TimeSpan.FromSeconds(1));
        var early = await sweep.FinishAsync();
        factory.Clock.Advance(TimeSpan.FromSeconds(2));
        factory.Transactions.BeforeNext(() => throw new TimeoutException("the database went away again"));
        var despiteOneFailing = await sweep.FinishAsync();
        var theOneLeft = await sweep.FinishAsync();
        var again = await sweep.FinishAsync();

        (early, despiteOneFailing, theOneLeft, again).Should().Be((0, 1, 1, 0), "within its grace a closing may still be under way; one that fails does not hold up the next");
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.Users.Where(u => u.Id == customer.Id || u.Id == other.Id).Select(u => u.UserName).ToListAsync())
            .Should().BeEquivalentTo($"closed-{customer.Id}", $"closed-{other.Id}");
        (await db.Users.SingleAsync(u => u.Id == customer.Id)).Email.Should().BeNull();
        (await db.Bookings.SingleAsync(b => b.Id == upcoming.Id)).Status.Should().Be(BookingStatus.Cancelled);
        (await db.ApiKeys.AnyAsync(k => k.OwnerId == customer.Id)).Should().BeFalse();
        factory.Log.Entries.Count(e => e.Level == LogLevel.Warning && e.Message.StartsWith("Finishing the closing of account")).Should().Be(3);
        factory.Log.Entries.Should().ContainSingle(e => e.Level == LogLevel.Error && e.Message.StartsWith("Could not finish closing account"));
    }

    [Fact]
    public async Task The_personal_data_download_holds_bookings_ledger_waitlist_messages_key_prefixes_and_consents()
    {
        await using var factory = new PortalFactory();
        var (customer, _, _) = await CustomerWithHistoryAsync(factory);
        using var client = await factory.SignInAsync(customer.Email, customer.Password);

        var page = await client.GetStringAsync("/Account/Manage/PersonalData");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\"[^>]*value=\"(?<v>[^\"]+)\"").Groups["v"].Value;
        var download = await client.PostAsync("/Account/Manage/DownloadPersonalData",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token) }));
        using var json = JsonDocument.Parse(await download.Content.ReadAsStringAsync());
        var root = json.RootElement;

        download.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        root.GetProperty("bookings").GetArrayLength().Should().Be(2);
        root.GetProperty("bookings")[0].GetProperty("Ledger").GetArrayLength().Should().BeGreaterThan(0);
        root.GetProperty("waitlist").GetArrayLength().Should().Be(1);
        root.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("Subject").GetString()).Should().Contain(s => s!.StartsWith("Booked:"));
        root.GetProperty("messages")[0].TryGetProperty("TextBody", out _).Should().BeFalse("subjects and dates, not bodies");
        root.GetProperty("apiKeys")[0].GetProperty("Prefix").GetString().Should().Be("bp_test1");
        root.GetProperty("apiKeys")[0].TryGetProperty("Hash", out _).Should().BeFalse();
        root.GetProperty("consents").GetProperty("TextMessages").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task A_key_made_for_a_closed_account_afterwards_opens_nothing()
    {
        await using var factory = new PortalFactory();
        var customer = (await factory.CreateCustomersAsync(1))[0];
        var keys = factory.Get<BookingPortal.Features.Api.ApiKeyService>();
        var before = (await keys.CreateAsync(customer, "before", ApiScopes.Read)).Created!;
        await factory.Get<AccountClosing>().CloseAsync(customer);

        // A second device still signed in (its cookie is checked again only after 30 minutes) makes a key.
        var after = (await keys.CreateAsync(customer, "after", ApiScopes.Read)).Created!;

        (await keys.AuthenticateAsync(before.Secret)).Should().BeNull("closing removed the key");
        (await keys.AuthenticateAsync(after.Secret)).Should().BeNull("the account it would act for is closed");
    }

    [Fact]
    public async Task The_only_admin_cannot_close_their_account_and_leave_the_portal_without_one()
    {
        await using var factory = new PortalFactory();
        using var admin = await factory.SignInAsync(DemoSeeder.AdminEmail, DemoSeeder.AdminPassword);

        var refused = await admin.SubmitFormAsync("/Account/Manage/DeletePersonalData", new() { ["Input.Password"] = DemoSeeder.AdminPassword });

        (await refused.Content.ReadAsStringAsync()).Should().Contain("only admin. Make someone else an admin before you close this account.");
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var user = await db.Users.SingleAsync(u => u.Email == DemoSeeder.AdminEmail);
        user.DeletedAtUtc.Should().BeNull();
        (await Roles.HeldBy(db, user.Id).ToListAsync()).Should().Contain(Roles.Admin);
    }

    [Fact]
    public async Task Message_bodies_are_emptied_after_the_retention_while_the_delivery_facts_stay()
    {
        await using var factory = new SettingsPortalFactory(("Retention:MessageDays", "30"));
        // The test runs the purge itself: the hourly job's first run would race it for the same rows.
        await factory.StartWithoutScheduledJobsAsync();
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            var retried = Message("old-pending", now.AddDays(-31), OutboxStatus.Pending);
            retried.NextAttemptAtUtc = now.AddHours(-1);
            var webhook = Message("old-webhook", now.AddDays(-31), OutboxStatus.Pending);
            webhook.Channel = NotificationChannel.Webhook;
            db.OutboxMessages.AddRange(
                Message("old-sent", now.AddDays(-31), OutboxStatus.Sent), retried, webhook,
                Message("old-never-sent", now.AddDays(-31), OutboxStatus.Pending),
                Message("recent-sent", now.AddDays(-29), OutboxStatus.Sent));
            await db.SaveChangesAsync();
        }

        var purged = await factory.Get<MessageRetention>().PurgeAsync();
        var again = await factory.Get<MessageRetention>().PurgeAsync();

        (purged, again).Should().Be((2, 0));
        await using var check = await factory.DbFactory.CreateDbContextAsync();
        var rows = await check.OutboxMessages.Where(m => m.EventKey.StartsWith("retention-")).ToDictionaryAsync(m => m.EventKey);
        var old = rows["retention-old-sent"];
        (old.TextBody, old.HtmlBody, old.AttachmentContent).Should().Be(("", null, null));
        (old.Status, old.Subject, old.Recipient, old.SentAtUtc).Should().Be((OutboxStatus.Sent, "Subject", "someone@test.local", now.AddDays(-31)));
        rows["retention-old-pending"].TextBody.Should().Be("Body", "a message still being tried keeps what it has to say");
        rows["retention-old-webhook"].TextBody.Should().Be("Body", "a webhook event goes however late");
        (rows["retention-old-never-sent"].TextBody, rows["retention-old-never-sent"].Status).Should().Be(("", OutboxStatus.Pending),
            "an e-mail overdue past Notifications:MaxDelayHours is never sent (delivery off, say), so its body is not kept past the retention");
        rows["retention-recent-sent"].TextBody.Should().Be("Body");
    }

    [Fact]
    public async Task A_retention_of_zero_days_stops_start_up_naming_the_key()
    {
        var failure = await StartupFailure.OfAsync(() => new SettingsPortalFactory(("Retention:MessageDays", "0")));

        failure.Should().BeAssignableTo<Exception>().Which.Message.Should().Contain("'Retention:MessageDays'");
    }

    private static OutboxMessage Message(string name, DateTime createdUtc, OutboxStatus status) => new()
    {
        EventKey = $"retention-{name}", Kind = NotificationKind.BookingConfirmation, Channel = NotificationChannel.Email, Recipient = "someone@test.local",
        Subject = "Subject", TextBody = "Body", HtmlBody = "<p>Body</p>", AttachmentContent = "BEGIN:VCALENDAR", Status = status,
        CreatedAtUtc = createdUtc, NextAttemptAtUtc = createdUtc, SentAtUtc = status == OutboxStatus.Sent ? createdUtc : null,
    };

    /// <summary>A customer with a past and an upcoming booking, a waitlist place and an API key.</summary>
    private static async Task<((string Id, string Email, string Password) Customer, Booking Past, Booking Upcoming)> CustomerWithHistoryAsync(PortalFactory factory)
    {
        var customer = await factory.CreateSignInCustomerAsync();
        var (service, slots) = await factory.ServiceAndSlotsAsync(DemoSeeder.ConsultationName);
        var booking = factory.Get<BookingService>();
        var first = await booking.ReserveAsync(new ReserveRequest(customer.Id, service.Id, slots[0].StartUtc, "past"));
        var later = await booking.ReserveAsync(new ReserveRequest(customer.Id, service.Id, slots[^1].StartUtc, "upcoming"));
        first.Succeeded.Should().BeTrue(first.Message);
        later.Succeeded.Should().BeTrue(later.Message);
        factory.Clock.SetUtcNow(slots[0].StartUtc.AddHours(2));
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        db.WaitlistEntries.Add(new WaitlistEntry { CustomerId = customer.Id, ServiceId = service.Id, LocalDate = DateOnly.FromDateTime(slots[^1].LocalStart.DateTime), Status = WaitlistStatus.Waiting, CreatedAtUtc = slots[0].StartUtc });
        db.ApiKeys.Add(new ApiKey { OwnerId = customer.Id, Name = "calendar sync", Prefix = "bp_test1", Hash = "not-a-real-hash", Scopes = ApiScopes.Read, CreatedAtUtc = slots[0].StartUtc });
        await db.SaveChangesAsync();
        var past = await db.Bookings.AsNoTracking().SingleAsync(b => b.Id == first.Booking!.Id);
        var upcoming = await db.Bookings.AsNoTracking().SingleAsync(b => b.Id == later.Booking!.Id);
        return (customer, past, upcoming);
    }
}

namespace BookingPortal.Tests.Integration.Queue;

/// <summary>
/// "Your turn" by e-mail and text for those who opted in when joining the demo weekly release (Mondays 09:00
/// New York, ten minutes to book), with a signed single-use link that resumes the turn on any device.
/// </summary>
public partial class YourTurnTests : WeeklyReleaseSuite
{
    [Fact]
    public async Task An_admission_queues_one_message_per_chosen_channel_however_often_and_wherever_the_tick_runs()
    {
        var (texted, silent) = ((await factory.CreateCustomersAsync(1))[0], (await factory.CreateCustomersAsync(1))[0]);
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            await db.Users.Where(u => u.Id == texted).ExecuteUpdateAsync(u => u.SetProperty(x => x.SmsOptIn, true).SetProperty(x => x.PhoneNumber, "+1 617 555 0100"));
        }

        await JoinAsync(texted, ReminderChannels.Email | ReminderChannels.Sms);
        await JoinAsync(silent, ReminderChannels.None);
        factory.Clock.SetUtcNow(Opening);

        // Two instances' ticks at once, then the job again in the same second: the opening's lock and the event key make one message.
        await Race.AllAtOnceAsync(Enumerable.Range(0, 2).Select(_ => (Func<Task<int>>)(() => factory.Get<AdmissionController>().TickAllAsync())));
        await factory.Get<AdmissionController>().TickAllAsync();

        await using var check = await factory.DbFactory.CreateDbContextAsync();
        var messages = await check.OutboxMessages.AsNoTracking().Where(m => m.Kind == NotificationKind.YourTurn).ToListAsync();
        messages.Select(m => (m.CustomerId, m.Channel)).Should().BeEquivalentTo([(texted, NotificationChannel.Email), (texted, NotificationChannel.Sms)]);
        messages.Select(m => m.EventKey).Distinct().Should().ContainSingle().Which.Should().StartWith("your-turn:");
        messages.Single(m => m.Channel == NotificationChannel.Sms).Recipient.Should().Be("+16175550100");
        messages.Should().OnlyContain(m => LinkIn(m.TextBody!) != null, "both say where to resume the turn");
        messages.Single(m => m.Channel == NotificationChannel.Email).Subject.Should().Contain("Your turn").And.Contain("9:10");
    }

    [Fact]
    public async Task Two_devices_opening_the_link_at_once_get_one_turn_and_the_other_a_clear_page()
    {
        var customer = await factory.CreateSignInCustomerAsync();
        var link = await AdmittedLinkAsync(customer.Id);
        var (phone, laptop) = (await factory.SignInAsync(customer.Email, customer.Password), await factory.SignInAsync(customer.Email, customer.Password));

        var (first, second) = await Race.BothAtOnceAsync(() => phone.GetAsync(link), () => laptop.GetAsync(link));

        var responses = new[] { first, second };
        responses.Should().ContainSingle(r => r.StatusCode == HttpStatusCode.Redirect)
            .Which.Headers.Location!.ToString().Should().EndWith($"services/{clinic.Id}/book", "the turn resumes on the book page");
        var other = responses.Single(r => r.StatusCode != HttpStatusCode.Redirect);
        other.StatusCode.Should().Be(HttpStatusCode.OK);
        (await other.Content.ReadAsStringAsync()).Should().Contain("data-outcome=\"AlreadyUsed\"").And.Contain("This link has already been used.");
        (await laptop.GetAsync(link)).StatusCode.Should().Be(HttpStatusCode.OK, "a third try is refused the same way");
    }

    [Fact]
    public async Task Signed_out_the_link_asks_to_sign_in_as_the_customer_and_comes_back_to_the_turn()
    {
        var customer = await factory.CreateSignInCustomerAsync();
        var link = await AdmittedLinkAsync(customer.Id);
        var browser = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        var toSignIn = await browser.GetAsync(link);
        toSignIn.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var signIn = toSignIn.Headers.Location!;
        signIn.ToString().Should().Contain("Account/Login?ReturnUrl=");
        var signedIn = await browser.SubmitFormAsync(signIn.IsAbsoluteUri ? signIn.PathAndQuery : signIn.ToString(), new()
        {
            ["Input.Email"] = customer.Email,
            ["Input.Password"] = customer.Password,
            ["Input.RememberMe"] = "false",
        });
        signedIn.Headers.Location!.ToString().Should().EndWith(link, "sign-in comes back to the link");
        var resumed = await browser.GetAsync(signedIn.Headers.Location);

        resumed.Headers.Location!.ToString().Should().EndWith($"services/{clinic.Id}/book");
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.QueueEntries.SingleAsync(e => e.CustomerId == customer.Id)).TurnLinkUsedAtUtc.Should().Be(Opening.UtcDateTime);
    }

    [Fact]
    public async Task An_expired_a_tampered_or_another_accounts_link_gets_a_clear_answer_in_the_customers_language()
    {
        var customer = (await factory.CreateCustomersAsync(1))[0];
        var link = await AdmittedLinkAsync(customer);
        var token = Regex.Match(link, "t=([^&]+)").Groups[1].Value;
        var links = factory.Get<TurnLinks>();
        var anonymous = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        (await links.ResumeAsync(token, (await factory.CreateCustomersAsync(1))[0])).Outcome.Should().Be(TurnLinkOutcome.OtherAccount);
        (await links.ResumeAsync(token[..^2] + (token[^2..] == "AA" ? "BB" : "AA"), customer)).Outcome.Should().Be(TurnLinkOutcome.Tampered);
        var tampered = await anonymous.GetAsync(link.Replace("t=", "t=x", StringComparison.Ordinal).Replace("culture=en-US", "culture=es-ES", StringComparison.Ordinal));
        tampered.StatusCode.Should().Be(HttpStatusCode.OK);
        WebUtility.HtmlDecode(await tampered.Content.ReadAsStringAsync()).Should().Contain("Este enlace no es válido.");

        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var eventKey = await db.OutboxMessages.Where(m => m.CustomerId == customer).Select(m => m.EventKey).SingleAsync();
        (await YourTurnMessages.ReasonToSkipAsync(db, eventKey, factory.Clock.GetUtcNow().UtcDateTime, default)).Should().BeNull("the turn is on: the message goes");
        factory.Clock.Advance(TimeSpan.FromSeconds(600));
        (await links.ResumeAsync(token, customer)).Should().Be(new TurnLinkResult(TurnLinkOutcome.Ended, clinic.Id), "the link lasts as long as the admission window");
        (await YourTurnMessages.ReasonToSkipAsync(db, eventKey, factory.Clock.GetUtcNow().UtcDateTime, default)).Should().NotBeNull("a message late for its turn is not sent");
        var expired = await anonymous.GetAsync(link);
        expired.StatusCode.Should().Be(HttpStatusCode.OK, "an ended turn does not ask to sign in first");
        (await expired.Content.ReadAsStringAsync()).Should().Contain("This turn has ended");
    }

    [Fact]
    public async Task A_link_to_an_earlier_turn_resumes_nothing_once_the_customer_joined_again_nor_once_they_are_let_in_again()
    {
        var customer = (await factory.CreateCustomersAsync(1))[0];
        var link = await AdmittedLinkAsync(customer);
        var token = Regex.Match(link, "t=([^&]+)").Groups[1].Value;
        var (queue, links) = (factory.Get<QueueService>(), factory.Get<TurnLinks>());
        factory.Clock.Advance(TimeSpan.FromSeconds(5));
        (await queue.LeaveAsync((await queue.GetStateAsync(clinic.Id, customer)).Entry!.Id, customer)).Should().BeTrue();
        (await queue.JoinAsync(clinic.Id, customer, null)).Outcome.Should().Be(JoinOutcome.Joined);

        (await links.ResumeAsync(token, customer)).Outcome.Should().Be(TurnLinkOutcome.Ended, "the turn it named was given up, though its window has time left");
        factory.Clock.Advance(TimeSpan.FromSeconds(5));
        (await factory.Get<AdmissionController>().TickAllAsync()).Should().Be(1);
        (await queue.GetStateAsync(clinic.Id, customer)).Stage.Should().Be(QueueStage.Admitted);
        (await links.ResumeAsync(token, customer)).Outcome.Should().Be(TurnLinkOutcome.Ended, "the new turn has a link of its own");
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.QueueEntries.SingleAsync(e => e.CustomerId == customer)).TurnLinkUsedAtUtc.Should().BeNull("the old link used nothing");
    }

    /// <summary>
    /// Ana books on the page her turn opened on, then taps the link in her message: she is told she booked in this turn and
    /// where her booking is, then as later (after the turn's window), in her language, not "carry on" on another device.
    /// </summary>
    [Fact]
    public async Task A_link_to_a_turn_the_customer_booked_in_says_so_and_points_to_their_appointments()
    {
        var customer = await factory.CreateSignInCustomerAsync();
        var link = await AdmittedLinkAsync(customer.Id);
        var token = Regex.Match(link, "t=([^&]+)").Groups[1].Value;
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var booked = await factory.Get<BookingService>().ReserveAsync(new ReserveRequest(customer.Id, clinic.Id, (await factory.BookableSlotsAsync(clinic))[0].StartUtc, "in-turn"));
        booked.Succeeded.Should().BeTrue(booked.Message);

        var links = factory.Get<TurnLinks>();
        (await links.ResumeAsync(token, customer.Id)).Should().Be(new TurnLinkResult(TurnLinkOutcome.Booked, clinic.Id));
        (await links.ResumeAsync(token, null)).Outcome.Should().Be(TurnLinkOutcome.Booked, "nothing to sign in for");
        var phone = await factory.SignInAsync(customer.Email, customer.Password);
        var page = WebUtility.HtmlDecode(await (await phone.GetAsync(link.Replace("culture=en-US", "culture=es-ES", StringComparison.Ordinal))).Content.ReadAsStringAsync());
        page.Should().Contain("data-outcome=\"Booked\"").And.Contain("Reservó durante este turno").And.Contain("href=\"my/appointments\"");
        factory.Clock.Advance(TimeSpan.FromHours(1));
        (await links.ResumeAsync(token, customer.Id)).Outcome.Should().Be(TurnLinkOutcome.Booked, "the window's end does not make a booked turn one that ran out");
    }

    /// <summary>
    /// The booking commits between the link's read of the turn (still admitted) and its update that uses the link: the
    /// update finds the turn used by the booking, and the answer is that this turn booked, not that it ended.
    /// </summary>
    [Fact]
    public async Task A_link_opened_as_a_booking_in_its_turn_commits_says_the_turn_booked()
    {
        var customer = await factory.CreateSignInCustomerAsync();
        var token = Regex.Match(await AdmittedLinkAsync(customer.Id), "t=([^&]+)").Groups[1].Value;
        var slot = (await factory.BookableSlotsAsync(clinic))[0].StartUtc;
        factory.Transactions.BeforeNextCommand(sql => sql.StartsWith("UPDATE", StringComparison.Ordinal) && sql.Contains("TurnLinkUsedAtUtc", StringComparison.Ordinal),
            async () => (await factory.Get<BookingService>().ReserveAsync(new ReserveRequest(customer.Id, clinic.Id, slot, "at-once"))).Succeeded.Should().BeTrue());

        var result = await factory.Get<TurnLinks>().ResumeAsync(token, customer.Id);

        factory.Transactions.Fired.Should().Be(1, "the booking landed between the read and the update");
        result.Should().Be(new TurnLinkResult(TurnLinkOutcome.Booked, clinic.Id));
    }

    private async Task JoinAsync(string customerId, ReminderChannels channels)
    {
        factory.Clock.SetUtcNow(Opening.AddMinutes(-5));
        var joined = await factory.Get<QueueService>().JoinAsync(clinic.Id, customerId, null);
        (await factory.Get<TurnMessageChoices>().SaveAsync(joined.Entry!.Id, customerId, channels)).Should().BeTrue();
    }

    /// <summary>The customer joins with e-mail chosen, is admitted at the opening, and the link of their message (path and query).</summary>
    private async Task<string> AdmittedLinkAsync(string customerId)
    {
        await JoinAsync(customerId, ReminderChannels.Email);
        factory.Clock.SetUtcNow(Opening);
        (await factory.Get<AdmissionController>().TickAllAsync()).Should().Be(1);
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var message = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Kind == NotificationKind.YourTurn && m.CustomerId == customerId);
        return LinkIn(message.TextBody!) ?? throw new InvalidOperationException("The message has no link.");
    }

    private static string? LinkIn(string text) => ResumeLink().Match(text) is { Success: true } match ? "/" + match.Value : null;

    [GeneratedRegex(@"your-turn\?t=[^\s&]+&culture=[A-Za-z-]+")]
    private static partial Regex ResumeLink();
}

/// <summary>The same on PostgreSQL, where the two devices really race for the row.</summary>
public class YourTurnOnPostgresTests : YourTurnTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

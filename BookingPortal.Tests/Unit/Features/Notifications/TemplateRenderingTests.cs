namespace BookingPortal.Tests.Unit.Features.Notifications;

/// <summary>Staff-editable templates: plain {{name}} substitution, values escaped in HTML, unknown names refused, both languages, privacy mode.</summary>
public class TemplateRenderingTests
{
    private static readonly Uri Portal = new("https://portal.example.test/");

    [Fact]
    public void Values_are_HTML_encoded_in_the_HTML_body_and_left_as_they_are_in_the_plain_text_and_the_SMS()
    {
        var facts = Sample(NotificationKind.BookingConfirmation) with { CustomerName = "<script>alert('x')</script> & \"Ana\"" };
        var template = new TemplateText("Hi {{customer_name}}", "<p>Hello {{customer_name}}</p><a href=\"{{manage_link}}\">x</a>", "Hello {{customer_name}}", "Hi {{customer_name}}");

        var message = MessageComposer.Compose(facts, template);

        message.Html.Should().Contain("<p>Hello &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;Ana&quot;</p>")
            .And.NotContain("<script>", "a value can never add markup");
        message.Html.Should().Contain("href=\"https://portal.example.test/bookings/ABCD-2345\"");
        message.Text.Should().Be("Hello <script>alert('x')</script> & \"Ana\"");
        message.Sms.Should().Be("Hi <script>alert('x')</script> & \"Ana\"");
    }

    [Fact]
    public void A_subject_that_its_values_make_too_long_for_the_outbox_is_cut_to_fit_with_an_ellipsis()
    {
        var sample = Sample(NotificationKind.BookingConfirmation);
        var facts = sample with { Appointment = sample.Appointment with { LocationKind = LocationKind.InPerson, Address = new string('a', 400) } };
        var template = new TemplateText("Your visit at {{location}}", "<p>{{location}}</p>", "{{location}}", "{{service}}");

        var message = MessageComposer.Compose(facts, template);

        message.Subject.Should().HaveLength(OutboxMessage.MaxSubjectLength).And.StartWith("Your visit at aaa").And.EndWith("a…");
        message.Text.Should().HaveLength(400, "only the subject has a column to fit");
    }

    [Fact]
    public void Nothing_in_a_template_runs_Razor_and_expression_syntax_come_out_as_written()
    {
        var template = new TemplateText("@DateTime.Now", "<p>@{ throw new Exception(); } @(1 + 1) {{service}}</p>", "@System.IO.File.ReadAllText(\"/etc/passwd\")", "{{ service }}");

        var message = MessageComposer.Compose(Sample(NotificationKind.BookingConfirmation), template);

        message.Subject.Should().Be("@DateTime.Now");
        message.Html.Should().Contain("<p>@{ throw new Exception(); } @(1 + 1) Specialist Consultation</p>");
        message.Text.Should().Be("@System.IO.File.ReadAllText(\"/etc/passwd\")");
        message.Sms.Should().Be("Specialist Consultation", "spaces inside the braces are allowed");
    }

    [Fact]
    public void Unknown_placeholders_are_refused_beside_their_field_in_the_editors_language()
    {
        var draft = new TemplateText("Hi {{first_name}}", "<p>{{service}} {{Service}}</p>", "{{when}}", "{{manage_link}} {{ code }}");

        var english = TemplateRules.Problems(draft);
        var text = new BookingPortal.Features.Localization.CachedText<MessagesText>(Localization.ResourceFiles());
        using var spanish = Localization.InCulture("es-ES");

        english.Should().Equal(
        [
            new FieldError(nameof(TemplateText.Subject), "Unknown placeholder: {{first_name}}. Use one of the names listed."),
            new FieldError(nameof(TemplateText.HtmlBody), "Unknown placeholder: {{Service}}. Use one of the names listed."),
            new FieldError(nameof(TemplateText.Sms), "Unknown placeholder: {{code}}. Use one of the names listed."),
        ]);
        english.Select(e => BookingPortal.Features.Localization.FieldErrorText.For(e, text)).Should().Contain("Marcador desconocido: {{first_name}}. Use uno de los nombres de la lista.");
        TemplateRules.Problems(draft with { Subject = "", HtmlBody = "<script>x</script>" }).Select(e => (e.Field, e.Message)).Should()
            .Contain((nameof(TemplateText.Subject), "Required.")).And.Contain((nameof(TemplateText.HtmlBody), "Scripts cannot go in an e-mail."));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("es")]
    public void Every_default_template_is_valid_and_leaves_no_placeholder_unfilled(string language)
    {
        foreach (var kind in DefaultTemplates.Kinds)
        {
            var template = DefaultTemplates.For(kind, language);
            TemplateRules.Problems(template).Should().BeEmpty($"the default {kind} ({language}) must be saveable as it is");

            var message = MessageComposer.Compose(Sample(kind) with { Language = language }, template);

            foreach (var part in new[] { message.Subject, message.Html, message.Text, message.Sms })
            {
                part.Should().NotContain("{{").And.NotContain("}}");
            }

            message.Html.Should().Contain($"<html lang=\"{language}\">");
        }
    }

    [Fact]
    public void The_words_files_of_both_languages_cover_the_same_messages_and_leave_no_part_blank_that_the_other_fills()
    {
        var english = DefaultWords.For(MessageLanguage.English);
        var spanish = DefaultWords.For(MessageLanguage.Spanish);

        english.Greeting.Should().Be("Hello {{customer_name}},");
        spanish.Greeting.Should().Be("Hola, {{customer_name}}:");
        spanish.Kinds.Keys.Should().BeEquivalentTo(english.Kinds.Keys).And.BeEquivalentTo(DefaultTemplates.Kinds);
        foreach (var (kind, words) in english.Kinds)
        {
            var translated = spanish.Kinds[kind];
            new[] { translated.Subject, translated.Headline, translated.Extra, translated.Action, translated.Sms }.Select(string.IsNullOrEmpty)
                .Should().Equal(new[] { words.Subject, words.Headline, words.Extra, words.Action, words.Sms }.Select(string.IsNullOrEmpty), $"{kind} is written in both languages");
            translated.Subject.Should().NotBe(words.Subject, $"{kind}'s Spanish subject is a translation");
        }

        foreach (var language in new[] { english, spanish })
        {
            new[] { language.Greeting, language.Service, language.With, language.When, language.Where, language.ConfirmationNumber, language.GoogleQuestion, language.GoogleAction, language.ManageBooking }
                .Concat(language.Kinds.Values.SelectMany(k => new[] { k.Subject, k.Headline, k.Action, k.Sms }))
                .Should().OnlyContain(word => !string.IsNullOrWhiteSpace(word));
        }
    }

    [Theory]
    [InlineData("left out")]
    [InlineData("misspelt")]
    [InlineData("null")]
    public void A_words_file_with_a_word_left_out_misspelt_or_null_is_refused_not_rendered_blank(string slip)
    {
        var words = System.Text.Json.Nodes.JsonNode.Parse(JsonSerializer.Serialize(DefaultWords.For(MessageLanguage.English), JsonSerializerOptions.Web))!.AsObject();
        switch (slip)
        {
            case "left out":
                words.Remove("when");
                break;
            case "misspelt":
                words["whn"] = "When";
                break;
            default:
                words["when"] = null;
                break;
        }

        FluentActions.Invoking(() => DefaultWords.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(words.ToJsonString())))).Should().Throw<JsonException>();
    }

    [Fact]
    public void A_Spanish_customer_gets_the_booking_emails_in_Spanish_with_Spanish_dates()
    {
        var confirmation = Compose(Sample(NotificationKind.BookingConfirmation) with { Language = MessageLanguage.Spanish });
        var reminder = Compose(Sample(NotificationKind.Reminder24h) with { Language = MessageLanguage.Spanish, MinutesBefore = 72 * 60 });
        var cancellation = Compose(Sample(NotificationKind.Cancellation) with { Language = MessageLanguage.Spanish, FeeRetained = 25m, Released = 25m });

        confirmation.Subject.Should().Be("Reservada: Specialist Consultation el lun 9 mar 2026 10:00 hora de New York (ABCD-2345)");
        confirmation.Text.Should().StartWith("Hola, Ana:").And.Contain("Su cita está reservada.").And.Contain("Cuándo: lunes, 9 de marzo de 2026, 10:00 – 11:00 hora de New York")
            .And.Contain("Gestionar su reserva: https://portal.example.test/bookings/ABCD-2345");
        confirmation.Html.Should().Contain("Añádala a Google Calendar").And.Contain("Recibe este mensaje porque reservó");
        reminder.Subject.Should().StartWith("Recordatorio: Specialist Consultation dentro de 3 días");
        cancellation.Text.Should().Contain("Se retiene un cargo por cancelación tardía de");
    }

    [Fact]
    public void A_late_payment_s_message_says_the_deposit_was_charged_after_the_release_and_is_refunded_in_full_in_both_languages()
    {
        var english = Compose(Sample(NotificationKind.LatePaymentRefunded) with { Released = 50m });
        var spanish = Compose(Sample(NotificationKind.LatePaymentRefunded) with { Released = 50m, Language = MessageLanguage.Spanish });

        english.Text.Should().Contain("The deposit of $50.00 was charged after the seat was released and is refunded in full.");
        english.Html.Should().Contain("refunded in full");
        spanish.Text.Should().Contain("se cobró después de liberarse la plaza y se le devuelve íntegramente.").And.Contain("50,00");
        spanish.Subject.Should().StartWith("Pago devuelto: ");
    }

    [Fact]
    public void A_second_payment_s_message_says_it_is_refunded_in_full_in_both_languages()
    {
        var english = Compose(Sample(NotificationKind.SecondPaymentRefunded) with { Released = 50m });
        var spanish = Compose(Sample(NotificationKind.SecondPaymentRefunded) with { Released = 50m, Language = MessageLanguage.Spanish });

        english.Text.Should().Contain("a second payment for this booking, which had already been paid. The second payment, of $50.00, is refunded in full.");
        english.Subject.Should().StartWith("Second payment refunded: ");
        spanish.Text.Should().Contain("El segundo pago, de 50,00").And.Contain("se le devuelve íntegramente.");
        spanish.Subject.Should().StartWith("Segundo pago devuelto: ");
    }

    [Fact]
    public void A_reminder_says_how_far_off_the_start_is()
    {
        Compose(Sample(NotificationKind.Reminder24h) with { MinutesBefore = 72 * 60 }).Subject.Should().StartWith("Reminder: Specialist Consultation in 3 days, ");
        Compose(Sample(NotificationKind.Reminder24h) with { MinutesBefore = 24 * 60 }).Subject.Should().StartWith("Reminder: Specialist Consultation tomorrow, ");
        Compose(Sample(NotificationKind.Reminder1h) with { MinutesBefore = 120 }).Text.Should().Contain("Your appointment starts in 2 hours.");
        Compose(Sample(NotificationKind.Reminder1h) with { MinutesBefore = 60 }).Text.Should().Contain("Your appointment starts in about an hour.");
        Compose(Sample(NotificationKind.Reminder1h) with { MinutesBefore = 15 }).Text.Should().Contain("Your appointment starts in 15 minutes.", "queued late, close to the start");
    }

    [Theory]
    [InlineData("en", "Your appointment at North Clinic")]
    [InlineData("es", "Su cita en North Clinic")]
    public void Privacy_mode_names_only_the_clinic_in_every_part_and_in_the_calendar_file(string language, string title)
    {
        foreach (var kind in DefaultTemplates.Kinds)
        {
            var facts = Sample(kind) with { Language = language, ClinicName = "North Clinic", Appointment = Sample(kind).Appointment with { PrivacyMode = true } };

            var message = Compose(facts);

            message.Subject.Should().Be(title);
            foreach (var part in new[] { message.Subject, message.Html, message.Text, message.Sms })
            {
                part.Should().NotContain("Specialist Consultation");
            }
        }

        var booking = SampleBooking.View() with { PrivacyMode = true };
        var words = MessageValues.CalendarWords("North Clinic", language);
        var file = CalendarFile.Create(booking, Portal, words);
        file.Should().Contain($"SUMMARY:{title}").And.NotContain("Specialist Consultation");
        CalendarFile.GoogleCalendarLink(booking, Portal, words).Should().NotContain("Specialist");
        CalendarFile.Create(SampleBooking.View(), Portal, words).Should().Contain("SUMMARY:Specialist Consultation", "only services in privacy mode hide their name");
    }

    [Theory]
    [InlineData(BookingStatus.Confirmed, "PUBLISH", "CONFIRMED")]
    [InlineData(BookingStatus.AwaitingApproval, "PUBLISH", "TENTATIVE")]
    [InlineData(BookingStatus.PendingPayment, "PUBLISH", "TENTATIVE")]
    [InlineData(BookingStatus.Cancelled, "CANCEL", "CANCELLED")]
    public void The_calendar_file_as_the_booking_stands_pencils_in_a_request_and_removes_a_cancelled_booking(BookingStatus status, string method, string eventStatus)
    {
        var booking = SampleBooking.View() with { Status = status };

        var file = CalendarFile.Current(booking, Portal, booking.CreatedAtUtc.AddMinutes(90), MessageValues.CalendarWords("North Clinic", MessageLanguage.English));

        file.Should().Contain($"METHOD:{method}").And.Contain($"STATUS:{eventStatus}").And.Contain("SEQUENCE:91");
    }

    private static ComposedMessage Compose(MessageFacts facts) => MessageComposer.Compose(facts, DefaultTemplates.For(facts.Kind, facts.Language));

    private static MessageFacts Sample(NotificationKind kind) => SampleMessage.Facts(kind, MessageLanguage.English, "BookingPortal", Portal) with { CustomerName = "Ana" };

}

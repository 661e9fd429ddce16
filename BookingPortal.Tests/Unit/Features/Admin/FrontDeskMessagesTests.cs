using System.Reflection;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace BookingPortal.Tests.Unit.Features.Admin;

/// <summary>The desk's answers (front desk and appointment pages) read in the page's language, and stay as they were in English.</summary>
public sealed class FrontDeskMessagesTests
{
    private readonly IStringLocalizer<BookingPortal.Features.Localization.PortalText> text = Localization.PortalText();

    [Fact]
    public void On_a_Spanish_page_each_answer_of_the_desk_is_in_Spanish()
    {
        using var spanish = Localization.InCulture("es-ES");

        FrontDeskMessages.Of(true, FrontDeskMessages.CheckedIn, text).Should().Be(("Llegada registrada.", Severity.Success));
        FrontDeskMessages.Of(true, FrontDeskMessages.NoShowMarked, text).Should().Be(("Marcada como no presentada; se pierde el depósito.", Severity.Success));
        FrontDeskMessages.Of(false, FrontDeskMessages.CheckedIn, text).Should().Be(("No cambió nada: la reserva se actualizó mientras tanto.", Severity.Info));
        FrontDeskMessages.Of(UndoNoShowOutcome.Undone, text).Should()
            .Be(("No presentación deshecha: marcada como asistida y devuelto el depósito perdido.", Severity.Success));
        FrontDeskMessages.Of(UndoNoShowOutcome.NothingChanged, text).Message.Should().Be("No cambió nada: la reserva se actualizó mientras tanto.");
    }

    [Fact]
    public void In_English_each_answer_reads_as_before()
    {
        using var english = Localization.InCulture("en-US");

        FrontDeskMessages.Of(true, FrontDeskMessages.CheckedIn, text).Message.Should().Be("Checked in.");
        FrontDeskMessages.Of(false, FrontDeskMessages.NoShowMarked, text).Message.Should().Be("Nothing changed: the booking was updated meanwhile.");
        FrontDeskMessages.Of(UndoNoShowOutcome.Undone, text).Message.Should().Be("No-show undone: marked as attended and the forfeit reversed.");
    }

    /// <summary>The page texts' scan finds only literals in T["…"]; the desk's constants are checked here, each one.</summary>
    [Fact]
    public void Every_answer_of_the_desk_has_a_Spanish_text()
    {
        var answers = typeof(FrontDeskMessages).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!).ToList();
        using var spanish = Localization.InCulture("es-ES");

        answers.Should().HaveCount(5);
        answers.Should().OnlyContain(answer => !text[answer].ResourceNotFound && text[answer].Value != answer);
    }
}

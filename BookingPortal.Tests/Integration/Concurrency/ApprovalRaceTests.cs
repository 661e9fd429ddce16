using BookingPortal.Features.Approval;
using static BookingPortal.Tests.Integration.Approval.ApprovalTestSupport;

namespace BookingPortal.Tests.Integration.Concurrency;

/// <summary>
/// Staff's answer to a request against everything else that can happen to it at the same moment: the
/// other answer, the lapse, the customer withdrawing it or moving it. Each pair must end as if the two
/// had run one after the other, never both answers, with every counter, ledger and outbox row right.
/// The test is the scheduler: a sweep on its own timer would be a third party to the race.
/// </summary>
public class ApprovalRaceTests() : PortalSuite(scheduledJobs: false)
{
    private const int Rounds = 6;

    [Fact]
    public async Task Approve_racing_decline_or_the_lapse_gives_exactly_one_answer()
    {
        // Approved requests keep their seats: more a slot than the demo consultation's two specialists give.
        var (service, slots) = await ApprovalServiceAsync(factory, (await factory.SimpleConsultationAsync()).Name);
        var staff = await factory.StaffAsync();
        for (var round = 0; round < Rounds; round++)
        {
            var request = await factory.BookAsNewCustomerAsync(service.Id, slots[round % 4].StartUtc);
            var lapse = round % 2 == 1;
            if (lapse)
            {
                await DeadlineReachedAsync(factory, request.Id);
            }

            var (approved, ended) = await Race.BothAtOnceAsync(
                () => factory.Get<BookingApprovals>().ApproveAsync(staff, request.Id),
                () => AnswerAsync(factory, staff, lapse ? 2 : 1, request.Id));

            (approved.Succeeded ^ ended).Should().BeTrue($"round {round}: one answer exactly ({approved.Outcome}, ended {ended})");
            var keys = await EventKeysAsync(factory, request.Id);
            keys.Should().NotContain(k => k.StartsWith("approved:") && keys.Any(other => other.StartsWith("declined:")));
            (await ReadAsync(factory, request.Id)).Status.Should().Be(approved.Succeeded ? BookingStatus.Confirmed : BookingStatus.Cancelled);
        }

        (await SeatInvariants.ViolationsAsync(factory)).Should().BeEmpty();
    }

    [Fact]
    public async Task The_customer_withdrawing_a_request_while_staff_answer_or_it_lapses_ends_it_once()
    {
        var (service, slots) = await ApprovalServiceAsync(factory);
        var staff = await factory.StaffAsync();
        for (var round = 0; round < Rounds; round++)
        {
            var request = await factory.BookAsNewCustomerAsync(service.Id, slots[round % 4].StartUtc);
            var other = round % 3;
            if (other == 2)
            {
                await DeadlineReachedAsync(factory, request.Id);
            }

            var (cancelled, answered) = await Race.BothAtOnceAsync(
                () => factory.Get<CancellationService>().CancelAsync(new CancelRequest(request.ConfirmationNumber, request.CustomerId, false)),
                () => AnswerAsync(factory, staff, other, request.Id));

            (await ReadAsync(factory, request.Id)).Status.Should().Be(BookingStatus.Cancelled, $"round {round}");
            // An approval then a withdrawal both happen, one after the other; two endings never do.
            if (other != 0)
            {
                (cancelled.Succeeded ^ answered).Should().BeTrue($"round {round}: one ending exactly ({cancelled.Message}, answer {answered})");
            }
            else
            {
                cancelled.Succeeded.Should().BeTrue($"round {round}: approved or not, the booking was active ({cancelled.Message})");
            }
        }

        (await SeatInvariants.ViolationsAsync(factory)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_move_racing_an_answer_or_the_lapse_leaves_the_request_answered_where_it_is()
    {
        var (service, slots) = await ApprovalServiceAsync(factory);
        var staff = await factory.StaffAsync();
        for (var round = 0; round < Rounds; round++)
        {
            var (from, to) = (slots[round % 2], slots[2 + round % 2]);
            var request = await factory.BookAsNewCustomerAsync(service.Id, from.StartUtc);
            var other = round % 3;
            if (other == 2)
            {
                await DeadlineReachedAsync(factory, request.Id);
            }

            var (_, answered) = await Race.BothAtOnceAsync(
                () => factory.Get<BookingMover>().RescheduleAsync(new RescheduleRequest(request.ConfirmationNumber, request.CustomerId, false, to.StartUtc)),
                () => AnswerAsync(factory, staff, other, request.Id));

            answered.Should().BeTrue($"round {round}: the answer is read again wherever the move put the request");
            var after = await ReadAsync(factory, request.Id);
            after.Status.Should().Be(other == 0 ? BookingStatus.Confirmed : BookingStatus.Cancelled, $"round {round}");
            after.StartUtc.Should().BeOneOf(from.StartUtc, to.StartUtc);
            if (other == 0)
            {
                await factory.Get<CancellationService>().CancelAsync(new CancelRequest(request.ConfirmationNumber, request.CustomerId, false));
            }
        }

        (await SeatInvariants.ViolationsAsync(factory)).Should().BeEmpty();
    }

    [Fact]
    public async Task Declining_while_the_request_lapses_frees_its_seat_to_the_waitlist_once()
    {
        var (service, slots) = await ApprovalServiceAsync(factory, DemoSeeder.VideoConsultationName);
        var staff = await factory.StaffAsync();
        foreach (var slot in slots.Take(Rounds))
        {
            var request = await factory.BookAsNewCustomerAsync(service.Id, slot.StartUtc);
            var waiting = await factory.CreateCustomersAsync(2);
            foreach (var customer in waiting)
            {
                (await factory.Get<WaitlistJoining>().JoinAsync(customer, service.Id, DateOnly.FromDateTime(slot.LocalStart.DateTime), slot.StartUtc)).Succeeded.Should().BeTrue();
            }

            await DeadlineReachedAsync(factory, request.Id);
            var (declined, lapsed) = await Race.BothAtOnceAsync(
                () => factory.Get<BookingApprovals>().DeclineAsync(staff, request.Id, "Not this time."),
                () => factory.Get<ApprovalLapseService>().LapseDueAsync());

            (declined.Succeeded ? 1 : 0).Should().Be(1 - lapsed, $"slot {slot.StartUtc:u}: one ending exactly");
            var offers = 0;
            foreach (var customer in waiting)
            {
                offers += (await factory.Get<WaitlistService>().ListForCustomerAsync(customer)).Count(e => e.Status == WaitlistStatus.Offered);
            }

            offers.Should().Be(1, "one seat was freed, so one person waiting is offered it");
        }

        (await SeatInvariants.ViolationsAsync(factory)).Should().BeEmpty();
    }

    [Fact]
    public async Task Answering_a_request_while_staff_give_it_to_another_specialist_answers_it_once_with_whoever_it_ends_with()
    {
        var (service, slots) = await ApprovalServiceAsync(factory);
        var staff = await factory.StaffAsync();
        var requests = new List<BookingView>();
        foreach (var slot in slots.Take(Rounds))
        {
            requests.Add(await factory.BookAsNewCustomerAsync(service.Id, slot.StartUtc));
        }

        // A stand-in who works all day, made after the requests so the booking path gave each to a demo specialist.
        var other = await factory.CreatePractitionerAsync("Dr Stand-in", service.Id);
        await factory.WorkingAllDayAsync(other);
        foreach (var (request, round) in requests.Select((r, i) => (r, i)))
        {
            var before = (await ReadAsync(factory, request.Id)).PractitionerId!.Value;

            var decline = round % 2 == 1;
            var (answered, reassigned) = await Race.BothAtOnceAsync(
                () => AnswerAsync(factory, staff, decline ? 1 : 0, request.Id),
                () => factory.Get<PractitionerReassignment>().ReassignAsync(request.Id, other));

            answered.Should().BeTrue($"round {round}: the answer is staff's to give whoever sees the customer ({reassigned})");
            if (decline)
            {
                // Declined first, the request has ended (read as ended, or changed under the reassignment's update).
                reassigned.Should().BeOneOf(ReassignmentOutcome.Reassigned, ReassignmentOutcome.ChangedMeanwhile, ReassignmentOutcome.BookingNotActive);
            }
            else
            {
                reassigned.Should().Be(ReassignmentOutcome.Reassigned, "an approved request still holds its seat and its time");
            }

            var after = await ReadAsync(factory, request.Id);
            after.Status.Should().Be(decline ? BookingStatus.Cancelled : BookingStatus.Confirmed);
            after.PractitionerId.Should().Be(reassigned == ReassignmentOutcome.Reassigned ? other : before, "a reassignment counts only where it says it did");
            var keys = await EventKeysAsync(factory, request.Id);
            keys.Should().Contain(k => k.StartsWith(decline ? "declined:" : "approved:")).And.NotContain(k => k.StartsWith(decline ? "approved:" : "declined:"));
        }

        (await SeatInvariants.ViolationsAsync(factory)).Should().BeEmpty();
    }

    /// <summary>Staff approve (0), staff decline (1), or the lapse sweep runs (2); true when it answered the request.</summary>
    private static async Task<bool> AnswerAsync(PortalFactory factory, StaffActor staff, int how, Guid requestId) => how switch
    {
        0 => (await factory.Get<BookingApprovals>().ApproveAsync(staff, requestId)).Succeeded,
        1 => (await factory.Get<BookingApprovals>().DeclineAsync(staff, requestId, "Not this time.")).Succeeded,
        _ => await factory.Get<ApprovalLapseService>().LapseDueAsync() == 1,
    };
}

/// <summary>The same pairs on PostgreSQL, where row locks and deadlock detection are the server's.</summary>
public class ApprovalRaceOnPostgresTests : ApprovalRaceTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

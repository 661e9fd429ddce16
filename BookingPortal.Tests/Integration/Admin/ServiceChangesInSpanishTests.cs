using BookingPortal.Features.Localization;

namespace BookingPortal.Tests.Integration.Admin;

/// <summary>An edit refused for the bookings it would move reads in the staff member's language; the error itself stays English.</summary>
public class ServiceChangesInSpanishTests : PortalSuite
{
    [Fact]
    public async Task A_new_time_zone_under_upcoming_bookings_is_refused_in_Spanish()
    {
        var (service, _, _) = await ServiceAdminTests.BookTwoSeatsAsync(factory);
        var (admin, staff) = (factory.Get<ServiceAdminService>(), await factory.StaffAsync());
        var draft = (await admin.GetDraftAsync(staff, service.Id))!;
        draft.TimeZoneId = draft.TimeZoneId == "Asia/Tokyo" ? "Europe/Madrid" : "Asia/Tokyo";
        using var spanish = TestSupport.Localization.InCulture("es-ES");

        var refused = await admin.SaveAsync(staff, draft);

        var error = refused.Errors.Should().ContainSingle().Which;
        (error.Field, error.Message).Should().Be((nameof(Service.TimeZoneId), "The time zone cannot change while 2 upcoming booking(s) exist: their times would move."));
        FieldErrorText.For(error, TestSupport.Localization.PortalText()).Should().Be("La zona horaria no puede cambiar mientras haya 2 reserva(s) próxima(s): sus horas se moverían.");
        refused.Message.Should().Be("No se guardó nada: La zona horaria no puede cambiar mientras haya 2 reserva(s) próxima(s): sus horas se moverían.");
    }

    [Fact]
    public async Task Cutting_capacity_below_the_seats_booked_is_refused_in_Spanish_with_the_bookings_named()
    {
        var (service, slot, booked) = await ServiceAdminTests.BookTwoSeatsAsync(factory);
        var (admin, staff) = (factory.Get<ServiceAdminService>(), await factory.StaffAsync());
        var draft = (await admin.GetDraftAsync(staff, service.Id))!;
        draft.TimeSlots.Single(t => t.Start == TimeOnly.FromDateTime(slot.LocalStart.DateTime)).Capacity = 1;
        using var spanish = TestSupport.Localization.InCulture("es-ES");

        var refused = await admin.SaveAsync(staff, draft);

        var error = refused.Errors.Should().ContainSingle().Which;
        error.Message.Should().Contain("already has 2 seat(s) booked, more than the new capacity of 1: ");
        FieldErrorText.For(error, TestSupport.Localization.PortalText()).Should().Contain("ya tiene 2 plaza(s) reservada(s), más que la nueva capacidad de 1: ")
            .And.Contain(booked[0]).And.Contain(booked[1]).And.NotContain("already has");
        refused.Message.Should().StartWith("No se guardó nada: ").And.NotContain("already has");
    }
}

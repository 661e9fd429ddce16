namespace BookingPortal.Tests.Integration.Practitioners;

public class PractitionerAdminTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_profile_with_wrong_fields_is_refused_field_by_field_and_a_good_one_is_listed_with_its_services()
    {
        var admin = factory.Get<PractitionerAdminService>();
        var staff = await factory.StaffAsync();
        var service = await factory.ServiceNamedAsync(DemoSeeder.ConsultationName);

        var refused = await admin.SaveProfileAsync(staff, null, new PractitionerDraft
        {
            DisplayName = " ", Title = new string('t', 121), Languages = "english", PhotoUrl = "http://photos.example/a.jpg", ServiceIds = [service.Id, 999_999], UserId = "nobody",
        });
        var saved = await admin.SaveProfileAsync(staff, null, new PractitionerDraft { DisplayName = "Dr Ada Rivera", Title = "Cardiologist", Languages = "en, es", ServiceIds = [service.Id] });

        refused.Errors.Select(e => e.Field).Should().BeEquivalentTo(["DisplayName", "Title", "Languages", "PhotoUrl", "ServiceIds", "UserId"]);
        saved.Errors.Should().BeEmpty();
        var row = (await admin.ListAsync(staff)).Single(p => p.Id == saved.Id);
        row.Services.Should().Equal(service.Name);
        (await admin.GetAsync(staff, saved.Id!.Value))!.Profile.Languages.Should().Be("en,es");
        var customer = TestData.CustomerActor((await factory.CreateCustomersAsync(1))[0]);
        await FluentActions.Invoking(() => admin.ListAsync(customer)).Should().ThrowAsync<UnauthorizedAccessException>();
    }

    [Theory]
    [InlineData("https://photos.example/ana.jpg", false)]
    [InlineData("//photos.example/ana.jpg", false)]
    [InlineData("/\\photos.example/ana.jpg", false)]
    [InlineData("photos/ana.jpg", false)]
    [InlineData("/photos/ana.jpg", true)]
    public void A_photo_address_is_accepted_only_where_the_pages_can_show_it(string address, bool accepted)
    {
        var errors = factory.Get<PractitionerValidation>().Profile(new PractitionerDraft { DisplayName = "Dr Ana Bell", PhotoUrl = address });

        errors.Any(e => e.Field == "PhotoUrl").Should().Be(!accepted);
        new PractitionerProfile(1, "Dr Ana Bell", "", [], address).ShownPhotoUrl.Should().Be(accepted ? address : null, "what staff may save is what customers see");
    }

    [Fact]
    public async Task Weekly_hours_with_breaks_and_validity_dates_are_saved_and_overlaps_are_refused_beside_the_range()
    {
        var admin = factory.Get<PractitionerAdminService>();
        var staff = await factory.StaffAsync();
        var id = await factory.CreatePractitionerAsync("Dr Hours", (await factory.ServiceNamedAsync(DemoSeeder.ConsultationName)).Id);
        var morning = new HoursDraft { Day = DayOfWeek.Monday, Start = new(9, 0), End = new(12, 0) };
        var afternoon = new HoursDraft { Day = DayOfWeek.Monday, Start = new(13, 0), End = new(17, 0), ValidFrom = new(2026, 4, 1) };
        var overlapping = new HoursDraft { Day = DayOfWeek.Monday, Start = new(11, 0), End = new(14, 0) };
        var backwards = new HoursDraft { Day = DayOfWeek.Tuesday, Start = new(10, 0), End = new(9, 0) };

        var refused = await admin.SaveHoursAsync(staff, id, [morning, afternoon, overlapping, backwards]);
        var saved = await admin.SaveHoursAsync(staff, id, [morning, afternoon]);

        refused.Errors.Select(e => e.Field).Should().Equal("Hours[2]", "Hours[3]");
        saved.Succeeded.Should().BeTrue();
        var hours = (await admin.GetAsync(staff, id))!.Hours;
        hours.Select(h => (h.Start, h.End, h.ValidFrom)).Should().Equal((new TimeOnly(9, 0), new TimeOnly(12, 0), null), (new TimeOnly(13, 0), new TimeOnly(17, 0), new DateOnly(2026, 4, 1)));
    }

    [Fact]
    public async Task A_staff_account_belongs_to_one_practitioner_only()
    {
        var admin = factory.Get<PractitionerAdminService>();
        var staff = await factory.StaffAsync();
        var serviceId = (await factory.ServiceNamedAsync(DemoSeeder.ConsultationName)).Id;
        var admins = await factory.StaffAsync(admin: true);
        await factory.CreatePractitionerAsync("Dr First", serviceId, admins.Id);

        var second = await admin.SaveProfileAsync(staff, null, new PractitionerDraft { DisplayName = "Dr Second", ServiceIds = [serviceId], UserId = admins.Id });

        second.Errors.Should().ContainSingle(e => e.Field == "UserId");
        (await admin.StaffAccountsAsync(staff)).Select(a => a.Id).Should().Contain(admins.Id);
    }
}

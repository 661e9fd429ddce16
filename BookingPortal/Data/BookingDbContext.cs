using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace BookingPortal.Data;

/// <summary>
/// The one model of the portal. Each database provider has a sealed subclass so that it owns
/// its own generated migrations (Data/Migrations/&lt;Provider&gt;).
/// </summary>
public class BookingDbContext : IdentityDbContext<ApplicationUser>, IDataProtectionKeyContext
{
    public BookingDbContext(DbContextOptions<BookingDbContext> options) : base(options)
    {
    }

    protected BookingDbContext(DbContextOptions options) : base(options)
    {
    }

    public DbSet<Service> Services => Set<Service>();
    public DbSet<TimeSlotTemplate> TimeSlotTemplates => Set<TimeSlotTemplate>();
    public DbSet<SlotInventory> SlotInventories => Set<SlotInventory>();
    public DbSet<Booking> Bookings => Set<Booking>();
    public DbSet<LedgerEntry> LedgerEntries => Set<LedgerEntry>();
    public DbSet<RefundRequest> RefundRequests => Set<RefundRequest>();
    public DbSet<WaitlistEntry> WaitlistEntries => Set<WaitlistEntry>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<DeliveryAttempt> DeliveryAttempts => Set<DeliveryAttempt>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Audience> Audiences => Set<Audience>();
    public DbSet<AudienceMember> AudienceMembers => Set<AudienceMember>();
    public DbSet<Release> Releases => Set<Release>();
    public DbSet<ReleaseOpening> ReleaseOpenings => Set<ReleaseOpening>();
    public DbSet<QueueEntry> QueueEntries => Set<QueueEntry>();
    public DbSet<OpeningSeatSample> OpeningSeatSamples => Set<OpeningSeatSample>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<WebhookEndpoint> WebhookEndpoints => Set<WebhookEndpoint>();
    public DbSet<SetupToken> SetupTokens => Set<SetupToken>();
    public DbSet<AttemptCounter> AttemptCounters => Set<AttemptCounter>();
    public DbSet<Practitioner> Practitioners => Set<Practitioner>();
    public DbSet<PractitionerService> PractitionerServices => Set<PractitionerService>();
    public DbSet<WorkingHours> WorkingHours => Set<WorkingHours>();
    public DbSet<AvailabilityException> AvailabilityExceptions => Set<AvailabilityException>();
    public DbSet<PractitionerBusyPeriod> PractitionerBusyPeriods => Set<PractitionerBusyPeriod>();
    public DbSet<Room> Rooms => Set<Room>();
    public DbSet<ServiceRoom> ServiceRooms => Set<ServiceRoom>();
    public DbSet<BookingQuestion> BookingQuestions => Set<BookingQuestion>();
    public DbSet<BookingAnswer> BookingAnswers => Set<BookingAnswer>();
    public DbSet<ServiceReminder> ServiceReminders => Set<ServiceReminder>();
    public DbSet<BookingReminder> BookingReminders => Set<BookingReminder>();
    public DbSet<MessageTemplate> MessageTemplates => Set<MessageTemplate>();
    public DbSet<RankedChoiceSet> RankedChoices => Set<RankedChoiceSet>();

    /// <summary>The Data Protection key ring, shared by every instance on this database so a cookie issued by one is read by the others.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(BookingDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Instants are stored as UTC DateTime (SQLite cannot compare DateTimeOffset); reading
        // them back must not lose the fact that they are UTC.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<decimal>().HavePrecision(18, 2);
    }
}

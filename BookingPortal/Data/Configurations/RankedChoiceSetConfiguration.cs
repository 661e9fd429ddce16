using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BookingPortal.Data.Configurations;

public sealed class RankedChoiceSetConfiguration : IEntityTypeConfiguration<RankedChoiceSet>
{
    public void Configure(EntityTypeBuilder<RankedChoiceSet> builder)
    {
        builder.ToTable("RankedChoices");
        builder.HasKey(c => c.QueueEntryId);
        builder.Property(c => c.QueueEntryId).ValueGeneratedNever();
        // Five ISO instants and their separators.
        builder.Property(c => c.Choices).HasMaxLength(128);
        // Unbounded, as the answers are: up to 30 questions of up to 4,000 characters each, and JSON escapes every
        // character outside ASCII to six, so a bound that fits them all would be near a megabyte anyway.
        builder.Property(c => c.Answers).IsRequired();
        builder.Property(c => c.AnswersLanguage).HasMaxLength(8);
        builder.Property(c => c.Outcome).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.BookedConfirmation).HasMaxLength(16);
        builder.Ignore(c => c.Slots);
        builder.Ignore(c => c.AnswerValues);
        builder.HasOne<QueueEntry>().WithOne().HasForeignKey<RankedChoiceSet>(c => c.QueueEntryId).OnDelete(DeleteBehavior.Cascade);
    }
}

using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BookingPortal.Data.Configurations;

public sealed class BookingQuestionConfiguration : IEntityTypeConfiguration<BookingQuestion>
{
    public void Configure(EntityTypeBuilder<BookingQuestion> builder)
    {
        builder.Property(q => q.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(q => q.TextEn).HasMaxLength(BookingQuestion.MaxTextLength);
        builder.Property(q => q.TextEs).HasMaxLength(BookingQuestion.MaxTextLength);
        builder.Property(q => q.HelpEn).HasMaxLength(BookingQuestion.MaxHelpLength);
        builder.Property(q => q.HelpEs).HasMaxLength(BookingQuestion.MaxHelpLength);
        builder.Property(q => q.OptionsEn).HasMaxLength(BookingQuestion.MaxOptionsLength);
        builder.Property(q => q.OptionsEs).HasMaxLength(BookingQuestion.MaxOptionsLength);
        builder.HasIndex(q => new { q.ServiceId, q.Position });
        builder.HasOne<Service>().WithMany().HasForeignKey(q => q.ServiceId).OnDelete(DeleteBehavior.Cascade);
    }
}

using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BookingPortal.Data.Configurations;

public sealed class BookingAnswerConfiguration : IEntityTypeConfiguration<BookingAnswer>
{
    public void Configure(EntityTypeBuilder<BookingAnswer> builder)
    {
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Language).HasMaxLength(2);
        builder.Property(a => a.QuestionText).HasMaxLength(BookingQuestion.MaxTextLength);
        builder.Property(a => a.OptionsAsked).HasMaxLength(BookingQuestion.MaxOptionsLength);
        builder.Property(a => a.Value).HasMaxLength(BookingAnswer.MaxValueLength);
        builder.HasIndex(a => a.BookingId);
        // Staff filter bookings by the answers to one question (not by value: SQL Server cannot index 4000 characters).
        builder.HasIndex(a => a.QuestionId);
        builder.HasOne<Booking>().WithMany().HasForeignKey(a => a.BookingId).OnDelete(DeleteBehavior.Cascade);
    }
}

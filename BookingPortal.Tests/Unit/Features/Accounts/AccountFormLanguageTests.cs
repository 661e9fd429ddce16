using System.ComponentModel.DataAnnotations;
using System.Reflection;

namespace BookingPortal.Tests.Unit.Features.Accounts;

/// <summary>
/// Every validation message of the account pages' forms (data annotations on their input models) reads in Spanish
/// when the culture is Spanish, field name included: a message written on the attribute itself stays English.
/// </summary>
public class AccountFormLanguageTests
{
    private static readonly List<PropertyInfo> ValidatedFields = typeof(Program).Assembly.GetTypes()
        .Where(type => type.Namespace is { } ns && ns.StartsWith("BookingPortal.Components.Account", StringComparison.Ordinal))
        .SelectMany(type => type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
        .Where(property => Validators(property).Any())
        .ToList();

    [Fact]
    public void Every_message_and_field_name_of_the_account_forms_changes_with_the_language()
    {
        ValidatedFields.Should().HaveCountGreaterThan(20, "the scan must find the account forms' fields");

        Dictionary<string, string> english;
        using (Localization.InCulture("en-US"))
        {
            english = Messages();
        }

        using var spanish = Localization.InCulture("es-ES");
        var untranslated = Messages().Where(pair => english[pair.Key] == pair.Value).Select(pair => $"{pair.Key}: {pair.Value}").ToList();

        untranslated.Should().BeEmpty();
    }

    [Fact]
    public void Every_validated_account_field_is_named_by_a_translated_display_name()
    {
        var unnamed = ValidatedFields.Where(property => property.GetCustomAttribute<DisplayAttribute>()?.ResourceType is null).Select(Name).ToList();

        unnamed.Should().BeEmpty("a field named by its property name, or by a literal, reads in English on a Spanish page");
    }

    [Fact]
    public void The_Spanish_messages_name_the_field_as_its_label_does()
    {
        var register = ValidatedFields.Where(property => property.DeclaringType!.FullName!.Contains(".Register+", StringComparison.Ordinal)).ToList();
        var email = register.Single(property => property.Name == "Email");
        using var spanish = Localization.InCulture("es-ES");

        Message(email, email.GetCustomAttribute<RequiredAttribute>()!).Should().Be("El campo Correo electrónico es obligatorio.");
        Message(email, email.GetCustomAttribute<StringLengthAttribute>()!).Should().Be("El campo Correo electrónico debe tener como máximo 254 caracteres.");
    }

    [Fact]
    public void Every_account_field_taking_an_address_refuses_one_over_254_characters()
    {
        var addresses = ValidatedFields.Where(property => property.GetCustomAttribute<EmailAddressAttribute>() is not null).ToList();

        addresses.Should().HaveCountGreaterThan(5, "the scan must find the forms that take an address");
        addresses.Where(property => property.GetCustomAttribute<StringLengthAttribute>()?.MaximumLength is not (> 0 and <= 254)).Select(Name)
            .Should().BeEmpty("a longer text is no address, and it is refused beside the field on every form alike");
    }

    /// <summary>Each field's messages, as the attribute formats them in the current culture, by page, field and attribute.</summary>
    private static Dictionary<string, string> Messages() => ValidatedFields
        .SelectMany(property => Validators(property).Select(attribute => (Key: $"{Name(property)} [{attribute.GetType().Name}]", Text: Message(property, attribute))))
        .ToDictionary(message => message.Key, message => message.Text);

    private static string Message(PropertyInfo property, ValidationAttribute attribute) =>
        attribute.FormatErrorMessage(property.GetCustomAttribute<DisplayAttribute>()?.GetName() ?? property.Name);

    /// <summary>The attributes that can refuse a value: a bare [DataType] only describes the field and never does.</summary>
    private static IEnumerable<ValidationAttribute> Validators(PropertyInfo property) =>
        property.GetCustomAttributes<ValidationAttribute>().Where(attribute => attribute.GetType() != typeof(DataTypeAttribute));

    private static string Name(PropertyInfo property) => $"{property.DeclaringType!.FullName}.{property.Name}";
}

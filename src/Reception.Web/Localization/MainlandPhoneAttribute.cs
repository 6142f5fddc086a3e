using System.ComponentModel.DataAnnotations;

namespace Reception.Web.Localization;

/// <summary>
/// A mainland telephone number (<see cref="PhoneNumbers"/>: mobile, or landline with area code); empty is left to
/// [Required]. The message is the rule's key, localized like every other validation message: MVC localizes the
/// messages of the attributes it has an adapter for, so this is a <see cref="RegularExpressionAttribute"/> (its pattern
/// only admits the characters a number may be written with; the rule decides).
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class MainlandPhoneAttribute : RegularExpressionAttribute
{
    public MainlandPhoneAttribute() : base(@"^[0-9+()（）\s\-转extEXT.]*$") => ErrorMessage = PhoneNumbers.Invalid;

    public override bool IsValid(object? value) => value is not string text || string.IsNullOrWhiteSpace(text) || PhoneNumbers.IsValid(text);
}

using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.RegularExpressions;

namespace OrleansCqrs.Client;

/// <summary>
/// Arguments whose text means exactly what it says: amounts in one invariant form, ids in the form aggregates accept,
/// counts that are positive. A mistake is one line naming the accepted form, never a help page or a .NET type name.
/// </summary>
internal static partial class InputArguments
{
    public const string AmountForm = "digits with at most one '.' and 2 decimals, such as 12.50 (no group separators, signs or exponents)";

    [GeneratedRegex(@"^[0-9]{1,13}(\.[0-9]{1,2})?$", RegexOptions.CultureInvariant)]
    private static partial Regex AmountPattern();

    public static Argument<decimal> Amount(string name, string description) =>
        new(name) { Description = description + " Write " + AmountForm + ".", CustomParser = ParseAmount };

    public static Option<decimal> AmountOption(string name, string description) =>
        new(name) { Description = description + " Write " + AmountForm + ".", CustomParser = ParseAmount, DefaultValueFactory = _ => 0m };

    public static Argument<string> Id(string name, string description)
    {
        var argument = new Argument<string>(name) { Description = $"{description} ({EventSourcing.AggregateKey.IdForm})." };
        argument.Validators.Add(result =>
        {
            var value = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            if (!EventSourcing.AggregateKey.IsValidId(value))
            {
                result.AddError($"'{Shown(value)}' is not a valid {name}: use {EventSourcing.AggregateKey.IdForm}.");
            }
        });
        return argument;
    }

    public static Option<int> Count(string name, string description, int defaultValue, int max)
    {
        var option = new Option<int>(name) { Description = $"{description} (1 to {max}).", DefaultValueFactory = _ => defaultValue, CustomParser = result => ParseCount(result, name, max) };
        return option;
    }

    private static int ParseCount(ArgumentResult result, string name, int max)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1 && value <= max)
        {
            return value;
        }

        result.AddError($"{name} '{Shown(text)}' must be a whole number from 1 to {max}.");
        return 0;
    }

    private static decimal ParseAmount(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (AmountPattern().IsMatch(text))
        {
            return decimal.Parse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        }

        result.AddError($"'{Shown(text)}' is not an amount: write {AmountForm}.");
        return 0m;
    }

    private static string Shown(string value) => value.Length > 40 ? value[..40] + "…" : value;
}

using System.Text.Json;
using System.Text.Json.Serialization;
using OrleansCqrs.EventSourcing;

namespace OrleansCqrs.Client;

/// <summary>Prints results for people, or as one JSON document per command with --json.</summary>
internal sealed class Output(bool json)
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // Scripts read it as JSON; people read it too: "'" stays "'".
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower), new MoneyJsonConverter() },
    };

    /// <summary>Amounts at the currencies' scale (2 decimals), as numbers: 100.00, never 100 in one place and 100.00 in another.</summary>
    private sealed class MoneyJsonConverter : JsonConverter<decimal>
    {
        public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDecimal();

        public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
            writer.WriteRawValue(decimal.Round(value, 2).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));
    }

    public bool IsJson => json;

    /// <summary>Prints a command's outcome; returns the exit code (2 when the domain refused it).</summary>
    public int Result(string what, CommandResult result, object? details = null)
    {
        if (json)
        {
            Write(new { command = what, accepted = result.Accepted, duplicate = result.WasDuplicate, version = result.Version, error = result.Error, details });
        }
        else if (result.Error is { } error)
        {
            Console.Error.WriteLine($"{what}: refused [{error.Code}] {error.Message}");
        }
        else
        {
            Console.WriteLine($"{what}: ok (version {result.Version}{(result.WasDuplicate ? ", already applied: nothing new written" : "")})");
        }

        return result.Accepted ? ExitCodes.Done : ExitCodes.Refused;
    }

    public void Value(object value, Func<string> human)
    {
        if (json)
        {
            Write(value);
        }
        else
        {
            Console.WriteLine(human());
        }
    }

    public void Line(string text)
    {
        if (!json)
        {
            Console.WriteLine(text);
        }
    }

    public void Failure(string code, string message)
    {
        if (json)
        {
            Write(new { error = new DomainError(code, message), exit_code = ExitCodes.ForError(code) });
        }
        else
        {
            Console.Error.WriteLine($"error [{code}] {message}");
        }
    }

    public void Write(object value) => Console.WriteLine(JsonSerializer.Serialize(value, JsonOptions));
}

namespace Kapuas.Domain.Common;

/// <summary>
/// Protects exported cells against spreadsheet formula injection: a value that a spreadsheet would read as a
/// formula (starting with = + - @, a tab or a carriage return) is prefixed with an apostrophe. The stored value is
/// left as given; only exports are neutralised.
/// </summary>
public static class SpreadsheetText
{
    public static string Neutralise(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        return value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\n' ? "'" + value : value;
    }
}

using Reception.Core.Imports;

namespace Reception.Web.UI;

/// <summary>Reads an uploaded CSV (UTF-8 or the GB18030 that Chinese Excel writes) within the size limit.</summary>
public static class CsvUpload
{
    public const int MaxBytes = CsvText.DefaultMaxBytes;

    /// <summary>The file's text, or null with a message in <c>error</c>.</summary>
    public static async Task<(string? Text, string? Error)> ReadAsync(IFormFile? file, IStringLocalizer l, CancellationToken ct = default)
    {
        if (file is null || file.Length == 0) return (null, l["Choose a CSV file to upload."]);
        await using var stream = file.OpenReadStream();
        var result = await CsvText.ReadAsync(stream, MaxBytes, ct);
        return result.Succeeded ? (result.Text, null) : (null, l.Text(result.Error!));
    }

    /// <summary>"Line 3: …" lines for the error list.</summary>
    public static IReadOnlyList<string> Describe(IEnumerable<ImportError> errors, IStringLocalizer l) =>
        errors.Select(e => (string)l["Line {0}: {1}", e.Line, l.Text(e.Message)]).ToList();
}

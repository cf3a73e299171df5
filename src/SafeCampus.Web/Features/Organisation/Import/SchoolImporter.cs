using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;

namespace SafeCampus.Web.Features.Organisation.Import;

/// <summary>A problem found in an import file. Row and column are null for problems with the file as a whole.</summary>
public sealed record ImportError(int? Row, ImportColumn? Column, string Problem)
{
    public string ColumnName => Column is { } c ? ImportColumns.HeaderOf(c) : "";

    /// <summary>The whole sentence in the culture current when the error was found, e.g. "第 7 行，学生数：“abc”不是整数".</summary>
    public string Text { get; } = (Row, Column) switch
    {
        ({ } r, { } c) => string.Format(CultureInfo.CurrentCulture, ImportText.RowColumnError, r, ImportColumns.HeaderOf(c), Problem),
        ({ } r, null) => string.Format(CultureInfo.CurrentCulture, ImportText.RowError, r, Problem),
        _ => Problem,
    };

    public override string ToString() => Text;
}

/// <summary>Created + Updated schools when the import succeeded; otherwise every error found (the first
/// <see cref="SchoolImporter.MaxErrorsKept"/> in row order) and nothing written.</summary>
public sealed record SchoolImportResult(int Created, int Updated, IReadOnlyList<ImportError> Errors, int ErrorCount)
{
    public bool Succeeded => ErrorCount == 0;

    public int Imported => Created + Updated;
}

/// <summary>
/// Imports schools into the county bureaus of the current tenant scope from an .xlsx or .csv file: every row is
/// checked first and all problems are reported; nothing is written unless the whole file is valid, and then
/// everything is written by one SaveChanges (one transaction).
/// Rules decided here: blank optional cells mean 公办, not boarding, 0 students/staff/classes (the school's home
/// page then asks it to complete its record), no district, no address. With <c>updateExisting</c>, a row whose name
/// already exists in its county updates that school, and blank cells (or absent columns) keep the stored values.
/// Counties out of the user's scope are invisible (tenant filter), so they are reported like unknown ones.
/// </summary>
public sealed class SchoolImporter(AppDbContext db, TimeProvider clock, ILogger<SchoolImporter> logger)
{
    public const long MaxFileBytes = 10 * 1024 * 1024;
    public const int MaxRows = 20_000;
    public const int MaxErrorsKept = 1_000;
    public const int MaxAddressLength = 200;
    public const int MaxNameLength = 100;

    /// <summary>A header row is looked for in the first rows, so a title line above the table does no harm.</summary>
    private const int HeaderSearchRows = 10;

    public async Task<SchoolImportResult> ImportAsync(Stream content, bool updateExisting, CancellationToken ct = default)
    {
        var started = Stopwatch.GetTimestamp();
        var bytes = await ReadLimitedAsync(content, ct);
        if (bytes is null)
        {
            return Fail(string.Format(CultureInfo.CurrentCulture, ImportText.FileTooLarge, MaxFileBytes / 1024 / 1024));
        }

        var sheet = SpreadsheetReader.Read(bytes, MaxRows);
        if (sheet.Error is { } error)
        {
            return Fail(error);
        }

        if (sheet.TooManyRows)
        {
            return Fail(string.Format(CultureInfo.CurrentCulture, ImportText.TooManyRows, MaxRows));
        }

        var counties = await db.Bureaus.Where(b => b.Level == BureauLevel.County).OrderBy(b => b.Name).ToListAsync(ct);
        if (counties.Count == 0)
        {
            return Fail(ImportText.NoCountyInScope);
        }

        var isCity = db.Scope.IsSystem || await db.Bureaus.AnyAsync(b => b.Level == BureauLevel.City, ct);
        var headerIndex = FindHeader(sheet.Rows);
        var (columns, headerErrors) = ReadHeader(sheet.Rows[headerIndex], isCity);
        if (headerErrors.Count > 0)
        {
            return Failed(headerErrors);
        }

        var dataRows = sheet.Rows.Skip(headerIndex + 1).ToList();
        if (dataRows.Count == 0)
        {
            return Fail(ImportText.NoDataRows);
        }

        var context = await LoadContextAsync(counties, isCity, ct);
        var errors = new List<ImportError>();
        var rows = dataRows.Select(r => ParseRow(r, columns, context, updateExisting, errors)).ToList();
        CheckDuplicates(rows, errors);
        if (errors.Count > 0)
        {
            return Failed(errors);
        }

        var checkedAt = Stopwatch.GetTimestamp();
        if (await WriteAsync(rows, ct) is not var (created, updated))
        {
            return Fail(ImportText.SaveConflict);
        }

        logger.LogInformation("School import: {Created} created, {Updated} updated from {Rows} rows ({Bytes} bytes); read and checked in {Checked} ms, saved in {Saved} ms",
            created, updated, rows.Count, bytes.Length, (long)Stopwatch.GetElapsedTime(started, checkedAt).TotalMilliseconds,
            (long)Stopwatch.GetElapsedTime(checkedAt).TotalMilliseconds);
        return new SchoolImportResult(created, updated, [], 0);
    }

    private static async Task<byte[]?> ReadLimitedAsync(Stream content, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxFileBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static int FindHeader(IReadOnlyList<SheetRow> rows)
    {
        for (var i = 0; i < Math.Min(rows.Count, HeaderSearchRows); i++)
        {
            if (rows[i].Cells.Any(c => ImportColumns.TryMatchHeader(c, out var col) == true && col == ImportColumn.Name))
            {
                return i;
            }
        }

        return 0;
    }

    private static (Dictionary<ImportColumn, int> Columns, List<ImportError> Errors) ReadHeader(SheetRow header, bool isCity)
    {
        var columns = new Dictionary<ImportColumn, int>();
        var unknown = new List<string>();
        var errors = new List<ImportError>();
        for (var i = 0; i < header.Cells.Length; i++)
        {
            var text = header.Cells[i];
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            switch (ImportColumns.TryMatchHeader(text, out var column))
            {
                case true when columns.ContainsKey(column):
                    errors.Add(new(null, null, string.Format(CultureInfo.CurrentCulture, ImportText.DuplicateColumn, ImportColumns.HeaderOf(column))));
                    break;
                case true:
                    columns[column] = i;
                    break;
                case null:
                    unknown.Add(text);
                    break;
            }
        }

        ImportColumn[] required = isCity ? [ImportColumn.Name, ImportColumn.Kind, ImportColumn.County] : [ImportColumn.Name, ImportColumn.Kind];
        var missing = required.Where(c => !columns.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            errors.Insert(0, new(null, null, string.Format(CultureInfo.CurrentCulture, ImportText.MissingColumns,
                Quoted(missing.Select(ImportColumns.HeaderOf)))));
        }

        if (unknown.Count > 0)
        {
            errors.Add(new(null, null, string.Format(CultureInfo.CurrentCulture, ImportText.UnknownColumns,
                Quoted(unknown), Quoted(ImportColumns.All.Select(c => c.Header)))));
        }

        return (columns, errors);
    }

    private sealed record ExistingSchool(Guid Id, Guid BureauId, string Name);

    private sealed record ImportContext(
        List<Bureau> Counties,
        bool IsCity,
        Dictionary<string, Bureau> CountiesByName,
        Dictionary<(Guid, string), SafetyDistrict> Districts,
        Dictionary<(Guid, string), ExistingSchool> Existing);

    private async Task<ImportContext> LoadContextAsync(List<Bureau> counties, bool isCity, CancellationToken ct)
    {
        var byName = new Dictionary<string, Bureau>(StringComparer.Ordinal);
        foreach (var county in counties)
        {
            byName.TryAdd(ImportColumns.Normalise(county.Name), county);
            if (!string.IsNullOrWhiteSpace(county.ShortName))
            {
                byName.TryAdd(ImportColumns.Normalise(county.ShortName), county);
            }
        }

        var districts = await db.SafetyDistricts.ToListAsync(ct);
        var existing = await db.Schools.Select(s => new ExistingSchool(s.Id, s.BureauId, s.Name)).ToListAsync(ct);
        return new ImportContext(counties, isCity, byName,
            districts.ToDictionary(d => (d.BureauId, d.Name), d => d),
            existing.ToDictionary(s => (s.BureauId, s.Name), s => s));
    }

    private sealed class ParsedRow(int number)
    {
        public int Number { get; } = number;
        public string Name { get; set; } = "";
        public Bureau? County { get; set; }
        public ExistingSchool? Existing { get; set; }
        public SchoolKind? Kind { get; set; }
        public bool? IsPrivate { get; set; }
        public bool? IsBoarding { get; set; }
        public int? Students { get; set; }
        public int? Staff { get; set; }
        public int? Classes { get; set; }
        public SafetyDistrict? District { get; set; }
        public string? Address { get; set; }
    }

    private static ParsedRow ParseRow(SheetRow row, Dictionary<ImportColumn, int> columns, ImportContext context,
        bool updateExisting, List<ImportError> errors)
    {
        string Cell(ImportColumn c) => columns.TryGetValue(c, out var i) ? row.Cell(i) : "";
        void Error(ImportColumn c, string problem) => errors.Add(new(row.Number, c, problem));
        string Format(string format, params object[] args) => string.Format(CultureInfo.CurrentCulture, format, args);

        var parsed = new ParsedRow(row.Number) { Name = Cell(ImportColumn.Name) };
        if (parsed.Name.Length == 0)
        {
            Error(ImportColumn.Name, ImportText.CellRequired);
        }
        else if (parsed.Name.Length > MaxNameLength)
        {
            Error(ImportColumn.Name, Format(ImportText.CellTooLong, MaxNameLength));
        }

        var county = Cell(ImportColumn.County);
        if (county.Length > 0)
        {
            parsed.County = context.CountiesByName.GetValueOrDefault(ImportColumns.Normalise(county));
            if (parsed.County is null)
            {
                Error(ImportColumn.County, Format(ImportText.UnknownCounty, county));
            }
        }
        else if (context.IsCity)
        {
            Error(ImportColumn.County, ImportText.CellRequired);
        }
        else
        {
            parsed.County = context.Counties[0];
        }

        if (parsed.County is not null && parsed.Name.Length > 0)
        {
            parsed.Existing = context.Existing.GetValueOrDefault((parsed.County.Id, parsed.Name));
            if (parsed.Existing is not null && !updateExisting)
            {
                Error(ImportColumn.Name, Format(ImportText.AlreadyExists, parsed.Name, parsed.County.Name));
            }
        }

        var kind = Cell(ImportColumn.Kind);
        if (kind.Length > 0)
        {
            parsed.Kind = ImportColumns.ParseKind(kind);
            if (parsed.Kind is null)
            {
                Error(ImportColumn.Kind, Format(ImportText.UnknownKind, kind, string.Join("、", ImportColumns.KindWords.Select(k => k.Word))));
            }
        }
        else if (parsed.Existing is null)
        {
            Error(ImportColumn.Kind, ImportText.CellRequired);
        }

        var nature = Cell(ImportColumn.Nature);
        if (nature.Length > 0)
        {
            parsed.IsPrivate = ImportColumns.ParsePrivate(nature);
            if (parsed.IsPrivate is null)
            {
                Error(ImportColumn.Nature, Format(ImportText.UnknownNature, nature, ImportColumns.Public, ImportColumns.Private));
            }
        }

        var boarding = Cell(ImportColumn.Boarding);
        if (boarding.Length > 0)
        {
            parsed.IsBoarding = ImportColumns.ParseYesNo(boarding);
            if (parsed.IsBoarding is null)
            {
                Error(ImportColumn.Boarding, Format(ImportText.UnknownYesNo, boarding, ImportColumns.Yes, ImportColumns.No));
            }
        }

        parsed.Students = Count(ImportColumn.Students, SchoolDetails.MaxStudents);
        parsed.Staff = Count(ImportColumn.Staff, SchoolDetails.MaxStaff);
        parsed.Classes = Count(ImportColumn.Classes, SchoolDetails.MaxClasses);

        var district = Cell(ImportColumn.District);
        if (district.Length > 0 && parsed.County is not null)
        {
            parsed.District = context.Districts.GetValueOrDefault((parsed.County.Id, district));
            if (parsed.District is null)
            {
                Error(ImportColumn.District, Format(ImportText.UnknownDistrict, district, parsed.County.Name));
            }
        }

        var address = Cell(ImportColumn.Address);
        if (address.Length > MaxAddressLength)
        {
            Error(ImportColumn.Address, Format(ImportText.CellTooLong, MaxAddressLength));
        }

        parsed.Address = address.Length > 0 ? address : null;
        return parsed;

        int? Count(ImportColumn column, int max)
        {
            var text = Cell(column);
            if (text.Length == 0)
            {
                return null;
            }

            // Excel stores numbers as "2860" (or "2860.0000000001" after arithmetic); people type "2,860" or full-width digits.
            if (!decimal.TryParse(ImportColumns.Normalise(text), NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var value)
                || Math.Abs(value - decimal.Round(value)) > 0.000001m)
            {
                Error(column, Format(ImportText.NotAnInteger, text));
                return null;
            }

            if (decimal.Round(value) < 0 || decimal.Round(value) > max)
            {
                Error(column, Format(ImportText.OutOfRange, text, 0, max));
                return null;
            }

            return (int)decimal.Round(value);
        }
    }

    private static void CheckDuplicates(List<ParsedRow> rows, List<ImportError> errors)
    {
        var groups = rows.Where(r => r.County is not null && r.Name.Length > 0)
            .GroupBy(r => (r.County!.Id, r.Name))
            .Where(g => g.Count() > 1);
        foreach (var group in groups)
        {
            var numbers = group.Select(r => r.Number).ToList();
            errors.Add(new(numbers[0], ImportColumn.Name, string.Format(CultureInfo.CurrentCulture, ImportText.DuplicateInFile,
                group.Key.Name, string.Join("、", numbers))));
        }
    }

    /// <returns>Null when the save hit a conflict (someone created or changed a school meanwhile).</returns>
    private async Task<(int Created, int Updated)?> WriteAsync(List<ParsedRow> rows, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var updateIds = rows.Where(r => r.Existing is not null).Select(r => r.Existing!.Id).ToList();
        var tracked = updateIds.Count == 0
            ? []
            : await db.Schools.Where(s => updateIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var created = new List<School>(rows.Count);
        foreach (var row in rows)
        {
            School? existing = null;
            if (row.Existing is not null && !tracked.TryGetValue(row.Existing.Id, out existing))
            {
                return null; // deleted since the check
            }

            var details = new SchoolDetails(row.Name, row.Kind ?? existing!.Kind, row.IsPrivate ?? existing?.IsPrivate ?? false,
                row.IsBoarding ?? existing?.IsBoarding ?? false, row.Students ?? existing?.Students ?? 0,
                row.Staff ?? existing?.Staff ?? 0, row.Classes ?? existing?.Classes ?? 0, row.Address ?? existing?.Address);
            if (existing is null)
            {
                var school = School.Create(row.County!, details, now);
                school.AssignDistrict(row.District);
                created.Add(school);
            }
            else
            {
                existing.Update(details);
                if (row.District is not null)
                {
                    existing.AssignDistrict(row.District);
                }
            }
        }

        db.Schools.AddRange(created);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex)
        {
            logger.LogWarning(ex, "School import conflicted with a concurrent change; nothing was written");
            db.ChangeTracker.Clear();
            return null;
        }

        return (created.Count, tracked.Count);
    }

    private static string Quoted(IEnumerable<string> names) => string.Join("、", names.Select(n => $"“{n}”"));

    private static SchoolImportResult Fail(string problem) => new(0, 0, [new ImportError(null, null, problem)], 1);

    private static SchoolImportResult Failed(List<ImportError> errors)
    {
        var sorted = errors.OrderBy(e => e.Row ?? 0).ThenBy(e => e.Column is { } c ? (int)c : -1).ToList();
        return new SchoolImportResult(0, 0, sorted.Take(MaxErrorsKept).ToList(), sorted.Count);
    }
}

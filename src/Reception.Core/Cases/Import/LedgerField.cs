namespace Reception.Core.Cases.Import;

/// <summary>The case field an old ledger's column fills (<see cref="Ignore"/>: the column is not imported).</summary>
public enum LedgerField
{
    Ignore = 0,
    ExternalReference = 1,
    ReceivedOn = 2,
    Channel = 3,
    PetitionerName = 4,
    IdentityNumber = 5,
    Phone = 6,
    Address = 7,
    HouseholdLocality = 8,
    NumberOfPeople = 9,
    Category = 10,
    Summary = 11,
    Content = 12,
    HandlingUnit = 13,
    OwnerLeader = 14,
    AcceptedOn = 15,
    AssignedOn = 16,
}

/// <summary>
/// Which column of the file fills which <see cref="LedgerField"/>: column index → field. Every field but
/// <see cref="LedgerField.Ignore"/> is filled by at most one column.
/// </summary>
public sealed class LedgerMapping
{
    private readonly LedgerField[] _fields;

    public LedgerMapping(IReadOnlyList<LedgerField> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        _fields = [.. fields];
    }

    public int Count => _fields.Length;
    public LedgerField this[int column] => _fields[column];
    public IReadOnlyList<LedgerField> Fields => _fields;

    /// <summary>The column that fills <paramref name="field"/>, or -1.</summary>
    public int ColumnOf(LedgerField field) => field == LedgerField.Ignore ? -1 : Array.IndexOf(_fields, field);

    public bool Has(LedgerField field) => ColumnOf(field) >= 0;

    /// <summary>The fields a ledger must have to be imported.</summary>
    public static readonly IReadOnlyList<LedgerField> Required = [LedgerField.ReceivedOn, LedgerField.PetitionerName, LedgerField.Category, LedgerField.Summary];

    /// <summary>Problems of the mapping itself: a required field no column fills, a field two columns fill.</summary>
    public IReadOnlyList<Common.LocalizableMessage> Problems()
    {
        var problems = new List<Common.LocalizableMessage>();
        foreach (var field in Required.Where(f => !Has(f)))
            problems.Add(new(LedgerImportMessages.FieldNotMapped, field));
        foreach (var twice in _fields.Where(f => f != LedgerField.Ignore).GroupBy(f => f).Where(g => g.Count() > 1))
            problems.Add(new(LedgerImportMessages.FieldMappedTwice, twice.Key));
        return problems;
    }

    /// <summary>
    /// The mapping for <paramref name="headers"/>: each header the office mapped before (<paramref name="remembered"/>, header →
    /// field) as it was, every other one guessed from its name (<see cref="Guess(string)"/>); a field is given to the first
    /// column only.
    /// </summary>
    public static LedgerMapping For(IReadOnlyList<string> headers, IReadOnlyDictionary<string, LedgerField>? remembered = null)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var fields = new LedgerField[headers.Count];
        var taken = new HashSet<LedgerField>();
        // Remembered choices first (they are the office's own), then guesses for the rest.
        for (int i = 0; i < headers.Count; i++)
        {
            if (remembered is not null && remembered.TryGetValue(Key(headers[i]), out var field) && (field == LedgerField.Ignore || taken.Add(field)))
                fields[i] = field;
            else
                fields[i] = (LedgerField)(-1);
        }
        for (int i = 0; i < headers.Count; i++)
        {
            if ((int)fields[i] != -1) continue;
            var guess = Guess(headers[i]);
            fields[i] = guess != LedgerField.Ignore && taken.Add(guess) ? guess : LedgerField.Ignore;
        }
        // An old ledger often has only one text column (诉求内容): it is the summary then.
        if (!fields.Contains(LedgerField.Summary) && Array.IndexOf(fields, LedgerField.Content) is >= 0 and var content)
            fields[content] = LedgerField.Summary;
        return new LedgerMapping(fields);
    }

    /// <summary>A header as the mapping remembers it: trimmed, white space and full-width brackets' content kept, lower case.</summary>
    public static string Key(string header)
    {
        ArgumentNullException.ThrowIfNull(header);
        return new string(header.Normalize(System.Text.NormalizationForm.FormKC).Where(c => !char.IsWhiteSpace(c)).ToArray()).ToLowerInvariant();
    }

    /// <summary>The field a header's name suggests (Chinese ledger headers and this app's own export), or Ignore.</summary>
    public static LedgerField Guess(string header)
    {
        var key = Key(header ?? "");
        // "姓名（必填）", "登记日期(年月日)": the part before a bracket names the column.
        var cut = key.IndexOfAny(['(', '[', '【', '〔']);
        if (cut > 0) key = key[..cut];
        key = key.TrimEnd('*', ':', '：');
        return Synonyms.TryGetValue(key, out var field) ? field : LedgerField.Ignore;
    }

    private static readonly Dictionary<string, LedgerField> Synonyms = BuildSynonyms();

    private static Dictionary<string, LedgerField> BuildSynonyms()
    {
        var map = new Dictionary<string, LedgerField>(StringComparer.Ordinal);
        void Add(LedgerField field, params string[] names)
        {
            foreach (var n in names) map[Key(n)] = field;
        }
        Add(LedgerField.ExternalReference, "编号", "原编号", "事项编号", "案件编号", "信访件编号", "台账编号", "登记编号", "信访编号", "件号", "案号",
            "case number", "number", "external reference", "reference");
        Add(LedgerField.ReceivedOn, "登记日期", "登记时间", "来访日期", "来访时间", "来信日期", "信访日期", "信访时间", "收到日期", "收件日期", "反映时间",
            "received", "received on", "received date");
        Add(LedgerField.Channel, "信访形式", "信访方式", "来源", "信访渠道", "渠道", "形式", "channel");
        Add(LedgerField.PetitionerName, "姓名", "信访人", "信访人姓名", "反映人", "来访人", "当事人", "上访人", "petitioners", "petitioner", "name");
        Add(LedgerField.IdentityNumber, "身份证号", "身份证号码", "身份证", "公民身份号码", "证件号码", "id numbers", "id number");
        Add(LedgerField.Phone, "联系电话", "电话", "手机", "手机号", "手机号码", "联系方式", "phones", "phone");
        Add(LedgerField.Address, "住址", "地址", "家庭住址", "通讯地址", "现住址", "addresses", "address");
        Add(LedgerField.HouseholdLocality, "户籍地", "户籍", "户籍所在地", "household registration");
        Add(LedgerField.NumberOfPeople, "人数", "来访人数", "信访人数", "number of people", "people");
        Add(LedgerField.Category, "问题类别", "类别", "问题类型", "事项类别", "问题分类", "分类", "内容分类", "category");
        Add(LedgerField.Summary, "摘要", "事项摘要", "问题摘要", "主要诉求", "诉求", "反映问题", "标题", "summary");
        Add(LedgerField.Content, "诉求内容", "内容", "具体内容", "反映内容", "信访内容", "详细情况", "主要内容", "content");
        Add(LedgerField.HandlingUnit, "责任单位", "办理单位", "承办单位", "主办单位", "办理责任单位", "handling unit");
        Add(LedgerField.OwnerLeader, "包案领导", "责任领导", "包案责任领导", "包案县级领导", "owning leader");
        Add(LedgerField.AcceptedOn, "受理日期", "受理时间", "accepted on");
        Add(LedgerField.AssignedOn, "交办日期", "交办时间", "assigned on");
        return map;
    }
}

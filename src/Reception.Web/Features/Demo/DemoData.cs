using Microsoft.AspNetCore.Identity;
using Reception.Core.Organisation;
using Reception.Web.Data.Seed;

namespace Reception.Web.Features.Demo;

/// <summary>
/// The fictional city 演示市 (code "demo"): 8 townships and streets, 40 villages and communities,
/// 10 departments, 12 leaders of the four leading bodies, and one account per role. Deterministic.
/// </summary>
public sealed class DemoData(AppDbContext db, UserManager<AppUser> users)
{
    public const string Password = "Demo#2026demo";
    public const string CityCode = "demo";

    private static readonly (string Code, string Name, OrgUnitKind Kind, string[] Villages)[] Townships =
    [
        ("dongcheng", "东城街道", OrgUnitKind.Street, ["和平社区", "建设社区", "文化社区", "光明社区", "新华社区"]),
        ("xicheng", "西城街道", OrgUnitKind.Street, ["人民社区", "友谊社区", "胜利社区", "团结社区", "幸福社区"]),
        ("nanguan", "南关街道", OrgUnitKind.Street, ["南关社区", "车站社区", "育才社区", "民主社区", "振兴社区"]),
        ("beihu", "北湖街道", OrgUnitKind.Street, ["北湖社区", "湖滨社区", "望湖社区", "翠湖社区", "碧水社区"]),
        ("qingshan", "青山镇", OrgUnitKind.Township, ["青山村", "松林村", "石门村", "桃园村", "上庄村"]),
        ("baihe", "白河镇", OrgUnitKind.Township, ["白河村", "河口村", "柳湾村", "沙坪村", "前进村"]),
        ("liulin", "柳林乡", OrgUnitKind.Township, ["柳林村", "杨树村", "东庄村", "西庄村", "王家村"]),
        ("shiqiao", "石桥镇", OrgUnitKind.Township, ["石桥村", "李家村", "张庄村", "红星村", "新村村"]),
    ];

    private static readonly (string Code, string Name)[] Departments =
    [
        ("rsj", "人力资源和社会保障局"), ("zrzyj", "自然资源局"), ("zjj", "住房和城乡建设局"), ("gaj", "公安局"),
        ("sfj", "司法局"), ("fy", "人民法院"), ("jyj", "教育局"), ("wjw", "卫生健康委员会"),
        ("mzj", "民政局"), ("nyncj", "农业农村局"),
    ];

    // Fictional people; rotation order follows protocol order across the four leading bodies.
    private static readonly (string Name, string Title, LeadingBody Body)[] Leaders =
    [
        ("张建国", "市委书记", LeadingBody.PartyCommittee),
        ("赵文军", "市委副书记、市长", LeadingBody.Government),
        ("黄海涛", "市人大常委会主任", LeadingBody.PeoplesCongress),
        ("吴建平", "市政协主席", LeadingBody.PoliticalConsultative),
        ("李明华", "市委副书记", LeadingBody.PartyCommittee),
        ("陈立新", "常务副市长", LeadingBody.Government),
        ("王志强", "市委常委、政法委书记", LeadingBody.PartyCommittee),
        ("刘晓红", "副市长", LeadingBody.Government),
        ("杨国栋", "副市长、公安局局长", LeadingBody.Government),
        ("周丽萍", "市人大常委会副主任", LeadingBody.PeoplesCongress),
        ("徐志明", "市政协副主席", LeadingBody.PoliticalConsultative),
        ("孙秀英", "市政协副主席", LeadingBody.PoliticalConsultative),
    ];

    public async Task SeedAsync(CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        var city = new OrgUnit(CityCode, "演示市", OrgUnitKind.City, parent: null);
        db.OrgUnits.Add(city);
        await db.SaveChangesAsync(ct);

        for (var i = 0; i < Townships.Length; i++)
        {
            var (code, name, kind, villages) = Townships[i];
            var township = new OrgUnit(code, name, kind, city, sortOrder: i + 1);
            db.OrgUnits.Add(township);
            await db.SaveChangesAsync(ct);
            var villageKind = kind == OrgUnitKind.Street ? OrgUnitKind.Community : OrgUnitKind.Village;
            for (var v = 0; v < villages.Length; v++)
                db.OrgUnits.Add(new OrgUnit($"{code}-{v + 1:00}", villages[v], villageKind, township, sortOrder: v + 1));
        }
        var departments = Departments
            .Select((d, i) => new OrgUnit(d.Code, d.Name, OrgUnitKind.Department, city, sortOrder: 100 + i))
            .ToList();
        db.OrgUnits.AddRange(departments);

        var leaders = Leaders
            .Select((l, i) => new Leader(l.Name, l.Title, l.Body, city.Id, rotationOrder: i + 1,
                email: $"leader{i + 1:00}@example.com", phone: $"1380000{i + 1:0000}"))
            .ToList();
        db.Leaders.AddRange(leaders);
        await db.SaveChangesAsync(ct);

        await CreateUserAsync("admin", "周明（信息中心）", Roles.Admin, city.Id, StaffMobile(1));
        await CreateUserAsync("security", "林芳（安全管理员）", Roles.SecurityAdmin, city.Id, StaffMobile(2));
        await CreateUserAsync("auditor", "高宁（审计管理员）", Roles.Auditor, city.Id, StaffMobile(3));
        await CreateUserAsync("clerk", "王秀兰（信访局）", Roles.Clerk, city.Id, StaffMobile(4));
        await CreateUserAsync("supervisor", "郑国华（督查室）", Roles.Supervisor, city.Id, StaffMobile(5));
        var hrsb = departments[0];
        await CreateUserAsync("unit", "马俊（人社局）", Roles.UnitHandler, hrsb.Id, StaffMobile(6), departmentId: hrsb.Id);
        // A leader's account has the leader's (equally fictional) mobile.
        for (var i = 0; i < leaders.Count; i++)
            await CreateUserAsync($"leader{i + 1:00}", leaders[i].Name, Roles.Leader, city.Id, leaders[i].Phone, leaderId: leaders[i].Id);

        await tx.CommitAsync(ct);
    }

    private string? passwordHash;

    /// <summary>
    /// A placeholder mobile of a demo staff account: valid in form (an 11-digit mainland mobile) but plainly made up,
    /// 139 0000 00NN, as the demo leaders' are 138 0000 00NN. Administrators replace them with real numbers.
    /// </summary>
    public static string StaffMobile(int n) => "139000000" + n.ToString("00", CultureInfo.InvariantCulture);

    private async Task CreateUserAsync(string userName, string displayName, string role, int orgUnitId, string? mobile, int? leaderId = null, int? departmentId = null)
    {
        var user = new AppUser
        {
            UserName = userName,
            // Demo addresses under .invalid (RFC 2606): the dispatcher's messages can never reach a real mailbox.
            Email = $"{userName}@demo.reception.invalid",
            PhoneNumber = mobile,
            DisplayName = displayName,
            OrgUnitId = orgUnitId,
            LeaderId = leaderId,
            DepartmentId = departmentId,
        };
        // All demo accounts share one password: hash it once (PBKDF2 is deliberately slow) and reuse the salted hash.
        user.PasswordHash = passwordHash ??= users.PasswordHasher.HashPassword(user, Password);
        DatabaseInitializer.Check(await users.CreateAsync(user));
        DatabaseInitializer.Check(await users.AddToRoleAsync(user, role));
    }
}

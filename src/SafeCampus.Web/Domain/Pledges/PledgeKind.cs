namespace SafeCampus.Web.Domain;

/// <summary>The kinds of responsibility pledge (安全责任书) and notice (告家长书) a bureau keeps templates for.</summary>
public enum PledgeKind
{
    /// <summary>教育局与校长安全责任书: the principal signs.</summary>
    BureauPrincipal = 1,

    /// <summary>校长与中层干部、班主任、教职工岗位安全责任书: staff sign, by post.</summary>
    PrincipalStaff = 2,

    /// <summary>学校安全告家长书（回执）: parents acknowledge.</summary>
    ParentNotice = 3,

    /// <summary>学生乘车安全和防溺水保证书: parents acknowledge for the student.</summary>
    StudentBusDrowning = 4,

    /// <summary>寒（暑）假安全承诺书: parents acknowledge for the student.</summary>
    HolidayPledge = 5,

    /// <summary>寒（暑）假告学生家长书: parents acknowledge.</summary>
    HolidayNotice = 6,
}

/// <summary>Who signs a layer of a campaign (层层签订).</summary>
public enum PledgeLayer
{
    Principal = 1,
    Staff = 2,
    Parent = 3,
}

/// <summary>A staff member's post (岗位) in a staff pledge.</summary>
public enum StaffPost
{
    Principal = 1,
    MiddleManager = 2,
    ClassTeacher = 3,
    Teacher = 4,
    Staff = 5,
}

public static class PledgeKinds
{
    public static PledgeLayer LayerOf(PledgeKind kind) => kind switch
    {
        PledgeKind.BureauPrincipal => PledgeLayer.Principal,
        PledgeKind.PrincipalStaff => PledgeLayer.Staff,
        _ => PledgeLayer.Parent,
    };
}

namespace SafeCampus.Web.Domain;

/// <summary>The three defences (三防): human (人防), physical (物防), technical (技防).</summary>
public enum DefenceGroup
{
    Human = 1,
    Physical = 2,
    Technical = 3,
}

public enum DefenceFieldType
{
    /// <summary>A whole number of people or things (≥ 0, at most <see cref="DefenceField.Max"/>).</summary>
    Count = 1,

    /// <summary>A fact: 1 = yes, 0 = no. Summed, it counts the schools that have it.</summary>
    YesNo = 2,

    /// <summary>A measurement with up to two decimals (e.g. wall height in metres). Aggregated as the minimum.</summary>
    Measure = 3,
}

/// <summary>One field of the monthly return. <see cref="Key"/> is stored with each value and names its resource text.</summary>
public sealed record DefenceField(string Key, DefenceGroup Group, DefenceFieldType Type, decimal Max)
{
    public bool IsCount => Type == DefenceFieldType.Count;
}

/// <summary>The fields of the 三防 return (DOMAIN.md, "Three defences"), in the order of the form and the table.</summary>
public static class DefenceFields
{
    public const string Guards = "Guards";
    public const string FullTimeGuards = "FullTimeGuards";
    public const string TrainedGuards = "TrainedGuards";
    public const string GuardsOver60 = "GuardsOver60";
    public const string OpenGates = "OpenGates";
    public const string DormManagers = "DormManagers";
    public const string FullTimeDormManagers = "FullTimeDormManagers";
    public const string PatrolTeam = "PatrolTeam";
    public const string NightWatch = "NightWatch";
    public const string ResidentPolice = "ResidentPolice";
    public const string LegalVicePrincipal = "LegalVicePrincipal";
    public const string WallHeight = "WallHeight";
    public const string CampusClosed = "CampusClosed";
    public const string Bollards = "Bollards";
    public const string PoliceEquipment = "PoliceEquipment";
    public const string FireExtinguishers = "FireExtinguishers";
    public const string EmergencyLights = "EmergencyLights";
    public const string EvacuationSigns = "EvacuationSigns";
    public const string Cameras = "Cameras";
    public const string FullCoverage = "FullCoverage";
    public const string DigitalSignal = "DigitalSignal";
    public const string CamerasOutsideGate = "CamerasOutsideGate";
    public const string CamerasNetworked = "CamerasNetworked";
    public const string OneKeyAlarm = "OneKeyAlarm";
    public const string DormAlarms = "DormAlarms";
    public const string MonitoringStaffed = "MonitoringStaffed";
    public const string VideoDays = "VideoDays";

    public static readonly IReadOnlyList<DefenceField> All =
    [
        new(Guards, DefenceGroup.Human, DefenceFieldType.Count, 500),
        new(FullTimeGuards, DefenceGroup.Human, DefenceFieldType.Count, 500),
        new(TrainedGuards, DefenceGroup.Human, DefenceFieldType.Count, 500),
        new(GuardsOver60, DefenceGroup.Human, DefenceFieldType.Count, 500),
        new(OpenGates, DefenceGroup.Human, DefenceFieldType.Count, 20),
        new(DormManagers, DefenceGroup.Human, DefenceFieldType.Count, 300),
        new(FullTimeDormManagers, DefenceGroup.Human, DefenceFieldType.Count, 300),
        new(PatrolTeam, DefenceGroup.Human, DefenceFieldType.YesNo, 1),
        new(NightWatch, DefenceGroup.Human, DefenceFieldType.YesNo, 1),
        new(ResidentPolice, DefenceGroup.Human, DefenceFieldType.YesNo, 1),
        new(LegalVicePrincipal, DefenceGroup.Human, DefenceFieldType.YesNo, 1),
        new(WallHeight, DefenceGroup.Physical, DefenceFieldType.Measure, 10),
        new(CampusClosed, DefenceGroup.Physical, DefenceFieldType.YesNo, 1),
        new(Bollards, DefenceGroup.Physical, DefenceFieldType.YesNo, 1),
        new(PoliceEquipment, DefenceGroup.Physical, DefenceFieldType.Count, 1_000),
        new(FireExtinguishers, DefenceGroup.Physical, DefenceFieldType.Count, 10_000),
        new(EmergencyLights, DefenceGroup.Physical, DefenceFieldType.Count, 10_000),
        new(EvacuationSigns, DefenceGroup.Physical, DefenceFieldType.Count, 10_000),
        new(Cameras, DefenceGroup.Technical, DefenceFieldType.Count, 5_000),
        new(FullCoverage, DefenceGroup.Technical, DefenceFieldType.YesNo, 1),
        new(DigitalSignal, DefenceGroup.Technical, DefenceFieldType.YesNo, 1),
        new(CamerasOutsideGate, DefenceGroup.Technical, DefenceFieldType.YesNo, 1),
        new(CamerasNetworked, DefenceGroup.Technical, DefenceFieldType.YesNo, 1),
        new(OneKeyAlarm, DefenceGroup.Technical, DefenceFieldType.YesNo, 1),
        new(DormAlarms, DefenceGroup.Technical, DefenceFieldType.Count, 1_000),
        new(MonitoringStaffed, DefenceGroup.Technical, DefenceFieldType.YesNo, 1),
        new(VideoDays, DefenceGroup.Technical, DefenceFieldType.Count, 365),
    ];

    public static readonly IReadOnlyDictionary<string, DefenceField> ByKey = All.ToDictionary(f => f.Key, StringComparer.Ordinal);

    /// <summary>
    /// Checks the values of one return: every field present, in range, integers where counted, and consistent with
    /// each other and with the school's size. Returns (field, error code) pairs; empty when valid.
    /// </summary>
    public static List<(string Field, string Code)> Validate(IReadOnlyDictionary<string, decimal> values, int studentsAndStaff)
    {
        var errors = new List<(string, string)>();
        foreach (var f in All)
        {
            if (!values.TryGetValue(f.Key, out var v))
            {
                errors.Add((f.Key, "Defences.ValueMissing"));
            }
            else if (v < 0)
            {
                errors.Add((f.Key, "Defences.ValueNegative"));
            }
            else if (f.Type != DefenceFieldType.Measure && v != decimal.Truncate(v))
            {
                errors.Add((f.Key, "Defences.ValueNotWhole"));
            }
            else if (v > f.Max || (f.Type == DefenceFieldType.Measure && v != decimal.Round(v, 2)))
            {
                errors.Add((f.Key, "Defences.ValueOutOfRange"));
            }
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        if (values[FullTimeGuards] > values[Guards])
        {
            errors.Add((FullTimeGuards, "Defences.FullTimeAboveTotal"));
        }

        if (values[TrainedGuards] > values[Guards] || values[GuardsOver60] > values[Guards])
        {
            errors.Add((values[TrainedGuards] > values[Guards] ? TrainedGuards : GuardsOver60, "Defences.GuardSubsetAboveTotal"));
        }

        if (values[FullTimeDormManagers] > values[DormManagers])
        {
            errors.Add((FullTimeDormManagers, "Defences.FullTimeAboveTotal"));
        }

        if (values[Guards] + values[DormManagers] > Math.Max(studentsAndStaff, 10))
        {
            errors.Add((Guards, "Defences.MoreStaffThanPeople"));
        }

        return errors;
    }
}

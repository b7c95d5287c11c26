//! Rule ids of the tools whose suppressions we honour, so that a misspelt id is reported rather
//! than silently ignored. Ids only (facts about the tools' catalogues: cfn_nag v0.8.10, checkov
//! 3.3.30 CloudFormation framework), see `shared/reference/cfn-rule-catalog.md`.

/// Whether `id` is a cfn_nag rule id (F1–F80, F665, F1000, F2000, W1–W92, W1200, W1201 less the
/// retired ones).
#[must_use]
pub fn is_cfn_nag_id(id: &str) -> bool {
    const RETIRED: [&str; 11] = [
        "F17", "F59", "F72", "F73", "W3", "W4", "W6", "W7", "W8", "W25", "W30",
    ];
    if RETIRED.contains(&id) {
        return false;
    }
    let (kind, num) = id.split_at(id.len().min(1));
    let Ok(n) = num.parse::<u32>() else {
        return false;
    };
    if num.starts_with('0') {
        return false;
    }
    match kind {
        "F" => (1..=80).contains(&n) || matches!(n, 665 | 1000 | 2000),
        "W" => (1..=92).contains(&n) || matches!(n, 1200 | 1201),
        _ => false,
    }
}

/// Every cfn_nag rule id, in catalogue order (F before W, by number).
#[must_use]
pub fn cfn_nag_ids() -> Vec<String> {
    let f = (1..=80).chain([665, 1000, 2000]).map(|n| format!("F{n}"));
    let w = (1..=92).chain([1200, 1201]).map(|n| format!("W{n}"));
    f.chain(w).filter(|id| is_cfn_nag_id(id)).collect()
}

/// checkov's CloudFormation check ids.
pub const CHECKOV_IDS: &[&str] = &[
    "CKV_AWS_2",
    "CKV_AWS_3",
    "CKV_AWS_5",
    "CKV_AWS_6",
    "CKV_AWS_7",
    "CKV_AWS_8",
    "CKV_AWS_16",
    "CKV_AWS_17",
    "CKV_AWS_18",
    "CKV_AWS_19",
    "CKV_AWS_20",
    "CKV_AWS_21",
    "CKV_AWS_23",
    "CKV_AWS_24",
    "CKV_AWS_25",
    "CKV_AWS_26",
    "CKV_AWS_27",
    "CKV_AWS_28",
    "CKV_AWS_29",
    "CKV_AWS_30",
    "CKV_AWS_31",
    "CKV_AWS_32",
    "CKV2_AWS_33",
    "CKV_AWS_33",
    "CKV_AWS_34",
    "CKV_AWS_35",
    "CKV_AWS_36",
    "CKV_AWS_40",
    "CKV_AWS_42",
    "CKV_AWS_43",
    "CKV_AWS_44",
    "CKV_AWS_45",
    "CKV_AWS_46",
    "CKV_AWS_47",
    "CKV_AWS_51",
    "CKV_AWS_53",
    "CKV_AWS_54",
    "CKV_AWS_55",
    "CKV_AWS_56",
    "CKV_AWS_57",
    "CKV_AWS_58",
    "CKV_AWS_59",
    "CKV_AWS_60",
    "CKV_AWS_61",
    "CKV_AWS_62",
    "CKV_AWS_63",
    "CKV_AWS_64",
    "CKV_AWS_65",
    "CKV_AWS_66",
    "CKV_AWS_67",
    "CKV2_AWS_68",
    "CKV_AWS_68",
    "CKV2_AWS_69",
    "CKV_AWS_69",
    "CKV2_AWS_71",
    "CKV_AWS_71",
    "CKV2_AWS_72",
    "CKV_AWS_73",
    "CKV_AWS_74",
    "CKV2_AWS_75",
    "CKV_AWS_76",
    "CKV_AWS_78",
    "CKV_AWS_79",
    "CKV_AWS_80",
    "CKV_AWS_81",
    "CKV_AWS_82",
    "CKV_AWS_83",
    "CKV_AWS_84",
    "CKV_AWS_85",
    "CKV_AWS_86",
    "CKV_AWS_87",
    "CKV_AWS_88",
    "CKV_AWS_89",
    "CKV_AWS_90",
    "CKV_AWS_91",
    "CKV_AWS_92",
    "CKV_AWS_94",
    "CKV_AWS_95",
    "CKV_AWS_96",
    "CKV_AWS_97",
    "CKV_AWS_99",
    "CKV_AWS_100",
    "CKV_AWS_101",
    "CKV_AWS_103",
    "CKV_AWS_104",
    "CKV_AWS_105",
    "CKV_AWS_107",
    "CKV_AWS_108",
    "CKV_AWS_109",
    "CKV_AWS_110",
    "CKV_AWS_111",
    "CKV_AWS_115",
    "CKV_AWS_116",
    "CKV_AWS_117",
    "CKV_AWS_118",
    "CKV_AWS_119",
    "CKV_AWS_120",
    "CKV_AWS_123",
    "CKV_AWS_131",
    "CKV_AWS_136",
    "CKV_AWS_149",
    "CKV_AWS_154",
    "CKV_AWS_155",
    "CKV_AWS_156",
    "CKV_AWS_157",
    "CKV_AWS_158",
    "CKV_AWS_160",
    "CKV_AWS_161",
    "CKV_AWS_162",
    "CKV_AWS_163",
    "CKV_AWS_164",
    "CKV_AWS_165",
    "CKV_AWS_166",
    "CKV_AWS_170",
    "CKV_AWS_172",
    "CKV_AWS_173",
    "CKV_AWS_174",
    "CKV_AWS_187",
    "CKV_AWS_192",
    "CKV_AWS_193",
    "CKV_AWS_194",
    "CKV_AWS_195",
    "CKV_AWS_197",
    "CKV_AWS_258",
    "CKV_AWS_260",
    "CKV_AWS_291",
    "CKV_AWS_317",
    "CKV_AWS_360",
    "CKV_AWS_361",
    "CKV_AWS_363",
    "CKV_AWS_364",
    "CKV_AWS_366",
    "CKV_AWS_367",
    "CKV_AWS_368",
    "CKV_AWS_369",
    "CKV_AWS_370",
    "CKV_AWS_371",
    "CKV_AWS_373",
    "CKV_AWS_384",
];

/// Whether `id` is a checkov CloudFormation check id.
#[must_use]
pub fn is_checkov_id(id: &str) -> bool {
    CHECKOV_IDS.contains(&id)
}

//! Every check code. Codes are stable: a code is never renumbered or reused, and a
//! snapshot test of this table keeps it that way.

use crate::diagnostic::{Code, CodeDef};

pub const YAML_SYNTAX: Code = &CodeDef {
    id: "E001",
    name: "yaml-syntax",
};
pub const UNKNOWN_KEY: Code = &CodeDef {
    id: "E002",
    name: "unknown-key",
};
pub const MISSING_KEY: Code = &CodeDef {
    id: "E003",
    name: "missing-key",
};
pub const WRONG_TYPE: Code = &CodeDef {
    id: "E004",
    name: "wrong-type",
};
pub const INVALID_VALUE: Code = &CodeDef {
    id: "E005",
    name: "invalid-value",
};
pub const DUPLICATE_KEY: Code = &CodeDef {
    id: "E006",
    name: "duplicate-key",
};
pub const INVALID_UTF8: Code = &CodeDef {
    id: "E007",
    name: "invalid-utf8",
};
pub const INPUT_TOO_LARGE: Code = &CodeDef {
    id: "E008",
    name: "input-too-large",
};
pub const INPUT_LIMIT: Code = &CodeDef {
    id: "E009",
    name: "input-limit",
};
pub const UNSUPPORTED_VERSION: Code = &CodeDef {
    id: "E010",
    name: "unsupported-version",
};
pub const DUPLICATE_ID: Code = &CodeDef {
    id: "E101",
    name: "duplicate-id",
};
pub const UNKNOWN_SEGMENT: Code = &CodeDef {
    id: "E102",
    name: "unknown-segment",
};
pub const UNKNOWN_ASSET: Code = &CodeDef {
    id: "E103",
    name: "unknown-asset",
};
pub const UNKNOWN_MODEL: Code = &CodeDef {
    id: "E104",
    name: "unknown-model",
};
pub const WRONG_MODEL_KIND: Code = &CodeDef {
    id: "E105",
    name: "wrong-model-kind",
};
pub const UNKNOWN_RESOLUTION: Code = &CodeDef {
    id: "E106",
    name: "unknown-resolution",
};
pub const UNKNOWN_ADDON: Code = &CodeDef {
    id: "E107",
    name: "unknown-addon",
};
pub const NO_AUDIO: Code = &CodeDef {
    id: "E108",
    name: "no-audio",
};
pub const TAKES_AND_YIELD: Code = &CodeDef {
    id: "E109",
    name: "takes-and-yield",
};
pub const OUT_OF_RANGE: Code = &CodeDef {
    id: "E110",
    name: "out-of-range",
};
pub const ZERO_DURATION: Code = &CodeDef {
    id: "E111",
    name: "zero-duration",
};
pub const MALFORMED_RATE: Code = &CodeDef {
    id: "E112",
    name: "malformed-rate",
};
pub const CLIP_BOUNDS: Code = &CodeDef {
    id: "E113",
    name: "clip-bounds",
};
pub const CONFLICTING_PRICES: Code = &CodeDef {
    id: "E114",
    name: "conflicting-prices",
};
pub const INVALID_CURRENCY: Code = &CodeDef {
    id: "E115",
    name: "invalid-currency",
};
pub const UNKNOWN_RULE: Code = &CodeDef {
    id: "E116",
    name: "unknown-rule",
};
pub const INVALID_RULE_OPTION: Code = &CodeDef {
    id: "E117",
    name: "invalid-rule-option",
};
pub const CATALOG_DEFECT: Code = &CodeDef {
    id: "E118",
    name: "catalog-defect",
};
pub const UNPRICEABLE_SHOT: Code = &CodeDef {
    id: "E119",
    name: "unpriceable-shot",
};
pub const ARITHMETIC_OVERFLOW: Code = &CodeDef {
    id: "E120",
    name: "arithmetic-overflow",
};

/// Every check code with a one-line description, in code order.
pub const ALL: &[(Code, &str)] = &[
    (YAML_SYNTAX, "the file is not well-formed YAML"),
    (UNKNOWN_KEY, "a key the format does not define"),
    (MISSING_KEY, "a required key is missing"),
    (
        WRONG_TYPE,
        "a value of the wrong type (a list where a string belongs, `yes` for a boolean)",
    ),
    (
        INVALID_VALUE,
        "a value that does not parse: a bad duration, decimal, percent, date or name",
    ),
    (DUPLICATE_KEY, "a key repeated in one mapping"),
    (INVALID_UTF8, "the file is not UTF-8 text"),
    (INPUT_TOO_LARGE, "the file is larger than `--max-bytes`"),
    (
        INPUT_LIMIT,
        "the YAML nests too deeply or expands too many aliases, or the spec has more shots than `--max-shots` (25,000 by default)",
    ),
    (
        UNSUPPORTED_VERSION,
        "a format version this shotlist does not read",
    ),
    (
        DUPLICATE_ID,
        "two segments, shots or assets of one kind share an id",
    ),
    (
        UNKNOWN_SEGMENT,
        "a shot names a segment that does not exist",
    ),
    (
        UNKNOWN_ASSET,
        "a shot names a character, location or prop that does not exist",
    ),
    (
        UNKNOWN_MODEL,
        "a model id that is in neither the catalog nor `models:`",
    ),
    (
        WRONG_MODEL_KIND,
        "an image model where a video model belongs, or the reverse",
    ),
    (UNKNOWN_RESOLUTION, "a resolution the model has no rate for"),
    (UNKNOWN_ADDON, "an addon the model does not offer"),
    (NO_AUDIO, "`audio: true` on a model that cannot make sound"),
    (TAKES_AND_YIELD, "both `takes` and `yield` are given"),
    (
        OUT_OF_RANGE,
        "a number outside its allowed range (yield, takes, grid sizes, prices, durations over 24h)",
    ),
    (ZERO_DURATION, "a shot or segment that lasts no time"),
    (
        MALFORMED_RATE,
        "a rate that is not exactly one of the time, bucket or image forms",
    ),
    (
        CLIP_BOUNDS,
        "`min_clip` longer than `max_clip`, or a `max_clip` of 0s",
    ),
    (
        CONFLICTING_PRICES,
        "both `price_per_credit` and `plan` are given",
    ),
    (
        INVALID_CURRENCY,
        "a currency that is not a three-letter ISO 4217 code",
    ),
    (UNKNOWN_RULE, "a lint rule name that does not exist"),
    (
        INVALID_RULE_OPTION,
        "a lint rule option that does not exist or does not parse",
    ),
    (
        CATALOG_DEFECT,
        "a built-in catalog failed to load (a bug in shotlist)",
    ),
    (
        UNPRICEABLE_SHOT,
        "a shot longer than any clip its model's buckets price, or a job its model cannot price",
    ),
    (ARITHMETIC_OVERFLOW, "a cost too large to compute exactly"),
];

/// The check code with this id (`E104`) or name (`unknown-model`).
pub fn find(key: &str) -> Option<(Code, &'static str)> {
    ALL.iter()
        .copied()
        .find(|(code, _)| code.id.eq_ignore_ascii_case(key) || code.name == key)
}

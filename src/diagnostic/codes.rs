//! Every check code, declared once. Codes are stable: a code is never renumbered or
//! reused, and `tests/codes.rs` snapshots the list so that a change shows in review.

use super::{Code, CodeDef};

/// Declares [`CheckCode`]: each variant with its id, its kebab-case name and, as its doc
/// comment, the one-line description that `explain`, SARIF and docs/FORMAT.md show.
macro_rules! check_codes {
    ($($(#[doc = $description:literal])+ $variant:ident = $id:literal $name:literal,)*) => {
        /// A check error's code: the spec cannot be planned until it is fixed.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum CheckCode {
            $($(#[doc = $description])+ $variant,)*
        }

        impl CheckCode {
            /// Every check code, in code order.
            pub const ALL: &'static [CheckCode] = &[$(CheckCode::$variant,)*];

            /// The code's id and name, as diagnostics carry them.
            pub const fn def(self) -> Code {
                match self {
                    $(CheckCode::$variant => &CodeDef { id: $id, name: $name },)*
                }
            }

            /// One line saying what the code means.
            pub fn description(self) -> &'static str {
                match self {
                    $(CheckCode::$variant => concat!($($description),+).trim_ascii(),)*
                }
            }
        }
    };
}

check_codes! {
    /// the file is not well-formed YAML
    YamlSyntax = "E001" "yaml-syntax",
    /// a key the format does not define
    UnknownKey = "E002" "unknown-key",
    /// a required key is missing
    MissingKey = "E003" "missing-key",
    /// a value of the wrong type (a list where a string belongs, `yes` for a boolean)
    WrongType = "E004" "wrong-type",
    /// a value that does not parse: a bad duration, decimal, percent, date or name
    InvalidValue = "E005" "invalid-value",
    /// a key repeated in one mapping
    DuplicateKey = "E006" "duplicate-key",
    /// the file is not UTF-8 text
    InvalidUtf8 = "E007" "invalid-utf8",
    /// the file is larger than `--max-bytes`
    InputTooLarge = "E008" "input-too-large",
    /// the YAML nests too deeply or expands too many aliases, or the spec has more shots than `--max-shots` (25,000 by default)
    InputLimit = "E009" "input-limit",
    /// a format version this shotlist does not read
    UnsupportedVersion = "E010" "unsupported-version",
    /// more problems than one file reports: the first 200 are listed, and this one counts the rest
    TooManyProblems = "E011" "too-many-problems",
    /// a file that cannot be read (missing, a directory, not permitted): the other files are still reported, and the command exits 2
    UnreadableFile = "E012" "unreadable-file",
    /// two segments, shots or assets of one kind share an id
    DuplicateId = "E101" "duplicate-id",
    /// a shot names a segment that does not exist
    UnknownSegment = "E102" "unknown-segment",
    /// a shot names a character, location or prop that does not exist
    UnknownAsset = "E103" "unknown-asset",
    /// a model id that is in neither the catalog nor `models:`
    UnknownModel = "E104" "unknown-model",
    /// an image model where a video model belongs, or the reverse
    WrongModelKind = "E105" "wrong-model-kind",
    /// a resolution the model has no rate for
    UnknownResolution = "E106" "unknown-resolution",
    /// an addon the model does not offer
    UnknownAddon = "E107" "unknown-addon",
    /// `audio: true` on a model that cannot make sound
    NoAudio = "E108" "no-audio",
    /// both `takes` and `yield` are given
    TakesAndYield = "E109" "takes-and-yield",
    /// a number outside its allowed range (yield, takes, grid sizes, prices, durations over 24h)
    OutOfRange = "E110" "out-of-range",
    /// a shot or segment that lasts no time
    ZeroDuration = "E111" "zero-duration",
    /// a rate that is not exactly one of the time, bucket or image forms
    MalformedRate = "E112" "malformed-rate",
    /// `min_clip` longer than `max_clip`, or a `max_clip` of 0s
    ClipBounds = "E113" "clip-bounds",
    /// both `price_per_credit` and `plan` are given
    ConflictingPrices = "E114" "conflicting-prices",
    /// a currency that is not a three-letter ISO 4217 code
    InvalidCurrency = "E115" "invalid-currency",
    /// a lint rule name that does not exist
    UnknownRule = "E116" "unknown-rule",
    /// a lint rule option that does not exist or does not parse
    InvalidRuleOption = "E117" "invalid-rule-option",
    /// a built-in catalog failed to load (a bug in shotlist)
    CatalogDefect = "E118" "catalog-defect",
    /// a shot longer than any clip its model's buckets price, or a job its model cannot price
    UnpriceableShot = "E119" "unpriceable-shot",
    /// a cost too large to compute exactly
    ArithmeticOverflow = "E120" "arithmetic-overflow",
    /// a catalog file that cannot be read or has problems of its own
    CatalogFile = "E130" "catalog-file",
    /// a ledger row that is not well-formed CSV: the wrong number of fields for its header, or more rows than a ledger may hold
    LedgerSyntax = "E201" "ledger-syntax",
    /// a ledger without a required column (`job`, `model`, `outcome`), or with one column named twice
    LedgerColumn = "E202" "ledger-column",
    /// a ledger row naming a shot or asset sheet the spec does not have
    LedgerUnknownJob = "E203" "ledger-unknown-job",
    /// a ledger row whose id is both a shot and an asset (or two assets) and whose `kind` does not say which
    LedgerAmbiguousJob = "E204" "ledger-ambiguous-job",
    /// a ledger row whose `kind` is not `shot` or `sheet`, or does not match the job
    LedgerKind = "E205" "ledger-kind",
    /// a ledger row naming a model in neither the catalog nor `models:`
    LedgerUnknownModel = "E206" "ledger-unknown-model",
    /// a ledger row with an image model for a shot, or a video model for a sheet
    LedgerWrongModelKind = "E207" "ledger-wrong-model-kind",
    /// a ledger row with a resolution its model has no rate for
    LedgerUnknownResolution = "E208" "ledger-unknown-resolution",
    /// a ledger row whose `outcome` is not `kept`, `rejected` or `failed`
    LedgerOutcome = "E209" "ledger-outcome",
    /// a ledger value that does not parse: a bad duration, decimal, whole number or date
    LedgerInvalidValue = "E210" "ledger-invalid-value",
    /// a shot row without the generated `seconds`
    LedgerMissingSeconds = "E211" "ledger-missing-seconds",
    /// a warning: a ledger column the format does not define, which is ignored
    LedgerUnknownColumn = "E212" "ledger-unknown-column",
    /// a ledger row without `credits` that cannot be priced like a take: its model cannot bill its seconds or the shot's addons
    LedgerUnpriceable = "E213" "ledger-unpriceable",
}

impl CheckCode {
    /// The check code with this id (`E104`, in any case) or name (`unknown-model`).
    pub fn find(key: &str) -> Option<CheckCode> {
        CheckCode::ALL.iter().copied().find(|code| {
            let def = code.def();
            def.id.eq_ignore_ascii_case(key) || def.name == key
        })
    }

    /// The table of every check code — id, name and description — as docs/FORMAT.md
    /// shows it between its `<!-- codes:start -->` and `<!-- codes:end -->` markers;
    /// `tests/codes.rs` fails when the committed table differs.
    pub fn markdown_table() -> String {
        let mut table = String::from("| code | name | description |\n|---|---|---|\n");
        for code in CheckCode::ALL {
            let def = code.def();
            table.push_str(&format!(
                "| {} | `{}` | {} |\n",
                def.id,
                def.name,
                code.description().replace('|', "\\|")
            ));
        }
        table
    }

    /// The check code a diagnostic's code is, if it is one (rather than a lint rule's).
    pub fn of(code: Code) -> Option<CheckCode> {
        CheckCode::ALL
            .iter()
            .copied()
            .find(|check| check.def() == code)
    }
}

impl From<CheckCode> for Code {
    fn from(code: CheckCode) -> Code {
        code.def()
    }
}

impl PartialEq<CheckCode> for &CodeDef {
    fn eq(&self, other: &CheckCode) -> bool {
        *self == other.def()
    }
}

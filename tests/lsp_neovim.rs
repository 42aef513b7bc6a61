//! A real editor as the client: Neovim, headless, attaches `shotlist lsp` to a spec
//! (tests/neovim/attach.lua) and this test asserts the diagnostics and the hover it
//! received. Neovim comes from Debian's packages; `.ci/run` installs it when missing.
//! Without `nvim` on PATH the test says it is skipped, and why, and passes.

use std::process::Command;

const SPEC: &str = "version: 1
production: {title: Café}
segments:
  - {id: s1, duration: 5s}
shots:
  - {id: a, type: b-roll, duration: 5s, prompt: \"Café 🎬 at dawn\", segment: s9}
  - {id: b, segment: s1, type: b-roll, duration: 5s, prompt: \"Sea\"}
";

#[test]
fn neovim_shows_the_diagnostics_and_a_hover() {
    if Command::new("nvim").arg("--version").output().is_err() {
        eprintln!(
            "SKIPPED neovim_shows_the_diagnostics_and_a_hover: `nvim` is not on PATH \
             (`apt-get install neovim`; .ci/run installs it)"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("spec.yaml");
    std::fs::write(&spec, SPEC).unwrap();
    let out = dir.path().join("out.json");
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/neovim/attach.lua");
    // Shot `b` is on line 6 (0-based), its id at column 9.
    let status = Command::new("nvim")
        .args(["--headless", "--clean", "-c"])
        .arg(format!("luafile {script}"))
        .env("SHOTLIST_BIN", env!("CARGO_BIN_EXE_shotlist"))
        .env("SHOTLIST_SPEC", &spec)
        .env("SHOTLIST_OUT", &out)
        .env("SHOTLIST_HOVER_LINE", "6")
        .env("SHOTLIST_HOVER_COL", "9")
        .status()
        .expect("nvim runs");
    assert!(status.success());
    let got: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).expect("the script wrote its result"))
            .unwrap();
    assert_eq!(got["attached"], true, "{got}");
    let diagnostics = got["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1, "{got}");
    assert_eq!(diagnostics[0]["code"], "E102");
    // `s9` on line 5, after `é` and `🎬`: Neovim converts the server's UTF-16 columns
    // back to byte columns, which land on the id only if the server counted exactly.
    let line = SPEC.lines().nth(5).unwrap();
    let byte = line.find("s9").unwrap();
    assert_ne!(
        byte,
        line[..byte].encode_utf16().count(),
        "the line tests the conversion"
    );
    assert_eq!(diagnostics[0]["lnum"], 5);
    assert_eq!(diagnostics[0]["col"], byte);
    assert_eq!(diagnostics[0]["end_col"], byte + 2);
    let hover = got["hover"]
        .as_str()
        .unwrap_or_else(|| panic!("no hover: {got}"));
    assert!(hover.contains("shot `b`"), "{hover}");
}

//! Catalog files: read with the spec loader and checked as a spec's models are, their
//! problems reported at their own lines and columns; `models --format yaml` writes a
//! catalog that reads back and prices every example as the built-in one does; a spec
//! names a catalog file beside it.

mod common;

use common::{root, run_cli, snapshot_settings, stem, yaml_files};
use shotlist::pipeline::{CatalogError, Limits, Loaded, load_catalog};

/// The `# expect: CODE LINE:COLUMN` lines at the top of a fixture.
fn expectations(path: &str) -> Vec<String> {
    std::fs::read_to_string(root().join(path))
        .expect("fixture readable")
        .lines()
        .filter_map(|line| line.strip_prefix("# expect: "))
        .map(str::to_owned)
        .collect()
}

#[test]
fn invalid_catalogs_fail_where_expected() {
    let files = yaml_files("tests/fixtures/catalogs/invalid");
    assert!(files.len() >= 7, "a fixture per kind of error");
    for file in &files {
        let expected = expectations(file);
        assert!(!expected.is_empty(), "{file} has no `# expect:` line");
        let Err(CatalogError::Invalid {
            source,
            diagnostics,
        }) = load_catalog(&root().join(file), Limits::default())
        else {
            panic!("{file} loads");
        };
        let found: Vec<String> = diagnostics
            .iter()
            .map(|d| {
                let (line, column) = d.line_column(&source);
                format!("{} {line}:{column}", d.code.id)
            })
            .collect();
        assert_eq!(found, expected, "{file}");
    }
}

#[test]
fn invalid_catalogs_render() {
    for file in yaml_files("tests/fixtures/catalogs/invalid") {
        let outcome = run_cli(&["models", "--catalog", &file], "");
        assert_eq!(outcome.code, 1, "{file}");
        assert!(outcome.stdout.is_empty(), "{file}: {}", outcome.stdout);
        snapshot_settings().bind(|| {
            insta::assert_snapshot!(format!("catalog-invalid-{}", stem(&file)), outcome.stderr);
        });
    }
}

#[test]
fn valid_catalogs_load() {
    for file in yaml_files("tests/fixtures/catalogs/ok") {
        if let Err(error) = load_catalog(&root().join(&file), Limits::default()) {
            panic!("{file}: {error:?}");
        }
    }
}

/// `models --format yaml` of each built-in catalog, read back as a file, prices every
/// example exactly as the built-in catalog does, and writes itself again unchanged.
#[test]
fn yaml_round_trip_prices_every_example_identically() {
    let dir = tempfile::tempdir().expect("temporary directory");
    for name in ["list-prices", "invideo"] {
        let written = run_cli(&["models", "--catalog", name, "--format", "yaml"], "");
        assert_eq!(written.code, 0, "{}", written.stderr);
        let path = dir.path().join(format!("{name}.yaml"));
        std::fs::write(&path, &written.stdout).expect("temporary file");
        let path = path.to_str().expect("UTF-8 path");
        let again = run_cli(&["models", "--catalog", path, "--format", "yaml"], "");
        assert_eq!(
            again.stdout, written.stdout,
            "{name} changes when read back"
        );
        let mut priced = 0;
        for example in yaml_files("examples") {
            let builtin = run_cli(
                &["plan", &example, "--format", "json", "--catalog", name],
                "",
            );
            let from_file = run_cli(
                &["plan", &example, "--format", "json", "--catalog", path],
                "",
            );
            // An example written for the other catalog names models this one lacks:
            // refused alike, with the same diagnostics.
            assert_eq!(from_file.code, builtin.code, "{example} under {name}");
            assert_eq!(from_file.stdout, builtin.stdout, "{example} under {name}");
            assert_eq!(from_file.stderr, builtin.stderr, "{example} under {name}");
            priced += usize::from(builtin.code == 0);
        }
        assert!(priced > 0, "no example prices under {name}");
    }
}

/// `catalog:` in a spec names a file relative to the spec's directory.
#[test]
fn a_spec_prices_with_the_catalog_file_beside_it() {
    let dir = tempfile::tempdir().expect("temporary directory");
    std::fs::copy(
        root().join("tests/fixtures/catalogs/ok/studio.yaml"),
        dir.path().join("studio.yaml"),
    )
    .expect("copied");
    let spec = dir.path().join("spec.yaml");
    std::fs::write(
        &spec,
        "version: 1\ncatalog: ./studio.yaml\nproduction: {title: Waves}\nsegments: [{id: s1, duration: 10s}]\nshots:\n  - {id: sea, segment: s1, type: b-roll, duration: 10s, prompt: Grey waves at dawn}\n",
    )
    .expect("written");
    let outcome = run_cli(
        &["plan", spec.to_str().expect("UTF-8"), "--format", "json"],
        "",
    );
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    let plan: serde_json::Value = serde_json::from_str(&outcome.stdout).expect("JSON");
    assert_eq!(plan["catalog"], "studio");
    // house-standard, the default: 10 s billed in 5 s steps at 3 credits a second is 30
    // credits a take; the default three takes expected make 90.
    assert_eq!(plan["totals"]["credits"]["expected"], "90.00");
}

/// A catalog file's problems are shown against its own text by `check`, and the spec
/// is refused on its `catalog:` line; a missing file is reported there too.
#[test]
fn a_broken_or_missing_catalog_file_is_reported_on_both_files() {
    let dir = tempfile::tempdir().expect("temporary directory");
    std::fs::copy(
        root().join("tests/fixtures/catalogs/invalid/unknown-key.yaml"),
        dir.path().join("broken.yaml"),
    )
    .expect("copied");
    let spec_text = |catalog: &str| {
        format!(
            "version: 1\ncatalog: {catalog}\nproduction: {{title: Waves}}\nsegments: [{{id: s1, duration: 5s}}]\nshots:\n  - {{id: sea, segment: s1, type: b-roll, duration: 5s, prompt: Grey}}\n"
        )
    };
    let spec = dir.path().join("spec.yaml");
    std::fs::write(&spec, spec_text("broken.yaml")).expect("written");
    let outcome = run_cli(
        &["check", "--format", "json", spec.to_str().expect("UTF-8")],
        "",
    );
    assert_eq!(outcome.code, 1);
    let json: serde_json::Value = serde_json::from_str(&outcome.stdout).expect("JSON");
    let found: Vec<String> = json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            let file = std::path::Path::new(d["file"].as_str().unwrap_or("?"))
                .file_name()
                .map(|f| f.to_string_lossy().into_owned())
                .unwrap_or_default();
            format!(
                "{file} {} {}:{}",
                d["code"].as_str().unwrap_or("?"),
                d["line"],
                d["column"]
            )
        })
        .collect();
    assert_eq!(
        found,
        ["broken.yaml E002 14:5", "spec.yaml E130 2:10"],
        "{}",
        outcome.stdout
    );

    std::fs::write(&spec, spec_text("missing.yaml")).expect("written");
    let outcome = run_cli(&["plan", spec.to_str().expect("UTF-8")], "");
    assert_eq!(outcome.code, 1);
    assert!(
        outcome.stderr.contains("cannot read catalog file") && outcome.stderr.contains("E130"),
        "{}",
        outcome.stderr
    );
}

/// A retired model's successor, named by the catalog, leads `retired-model`'s help.
#[test]
fn retired_model_names_the_successor_its_catalog_gives() {
    let dir = tempfile::tempdir().expect("temporary directory");
    std::fs::copy(
        root().join("tests/fixtures/catalogs/ok/studio.yaml"),
        dir.path().join("studio.yaml"),
    )
    .expect("copied");
    let spec = dir.path().join("spec.yaml");
    std::fs::write(
        &spec,
        "version: 1\ncatalog: studio.yaml\nproduction: {title: Waves}\nsegments: [{id: s1, duration: 4s}]\nshots:\n  - {id: sea, segment: s1, type: hero, duration: 4s, model: house-premium, prompt: Grey waves at dawn}\n",
    )
    .expect("written");
    let outcome = run_cli(
        &[
            "lint",
            spec.to_str().expect("UTF-8"),
            "--today",
            "2026-11-21",
            "--format",
            "json",
        ],
        "",
    );
    let json: serde_json::Value = serde_json::from_str(&outcome.stdout).expect("JSON");
    let retired = json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["code"] == "L005")
        .unwrap_or_else(|| panic!("no retired-model finding: {}", outcome.stdout));
    assert!(
        retired["help"].as_str().is_some_and(
            |help| help.starts_with("its vendor names `house-premium-2` as its successor")
        ),
        "{retired}"
    );
}

#[test]
fn built_in_catalogs_pass_the_catalog_file_checks() {
    for id in shotlist::spec::CatalogId::ALL {
        let catalog = shotlist::catalog::Catalog::builtin(id).expect("parses");
        let problems = shotlist::validate::check_catalog(catalog);
        let messages: Vec<&str> = problems.iter().map(|d| d.message.as_str()).collect();
        assert!(messages.is_empty(), "{}: {messages:?}", id.name());
    }
}

/// A catalog file read again and again, unchanged or edited, as a language server reads
/// it on every edit of the spec, is freed with the last check that used it: nothing
/// keeps the versions read before.
#[test]
fn catalog_files_read_again_are_freed_once_unused() {
    use shotlist::catalog::CatalogHandle;
    use std::sync::Arc;

    let dir = tempfile::tempdir().expect("temporary directory");
    let studio = std::fs::read_to_string(root().join("tests/fixtures/catalogs/ok/studio.yaml"))
        .expect("fixture");
    let spec = dir.path().join("spec.yaml");
    let spec_name = spec.to_str().expect("UTF-8").to_owned();
    let text = "version: 1\ncatalog: ./studio.yaml\nproduction: {title: Waves}\nsegments: [{id: s1, duration: 10s}]\nshots:\n  - {id: sea, segment: s1, type: b-roll, duration: 10s, prompt: Grey waves at dawn}\n";
    let mut read = Vec::new();
    for version in 0..20 {
        // Every other round the file is edited (a comment), so both an unchanged and a
        // changed text are read again.
        let edited = format!("{studio}\n# edit {}\n", version / 2);
        std::fs::write(dir.path().join("studio.yaml"), edited).expect("written");
        let loaded = Loaded::from_text(spec_name.clone(), text, Limits::default());
        let checked = loaded.check(None).expect("checks");
        assert_eq!(checked.catalog().name(), "studio");
        let Ok(CatalogHandle::File(file)) = loaded.catalog(None, Limits::default()) else {
            panic!("the spec's catalog file is read");
        };
        read.push(Arc::downgrade(&file));
        // Read twice, by the check and by `catalog`, and shared with nothing else.
        assert_eq!(Arc::strong_count(&file), 1);
        drop(file);
        drop(checked);
        drop(loaded);
    }
    assert!(
        read.iter().all(|catalog| catalog.upgrade().is_none()),
        "a catalog file read earlier is still kept"
    );
}

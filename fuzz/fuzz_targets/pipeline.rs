//! Arbitrary bytes through load → check → lint → plan and every renderer. Seed the
//! corpus with the examples and fixtures (docs/fuzzing.md) so that mutations start from
//! real specs rather than noise.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    shotlist_fuzz::run_pipeline(bytes);
});

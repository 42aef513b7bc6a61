//! Arbitrary bytes as the lighthouse example's ledger, through reading, `status`, the
//! lint rules that read a ledger and every renderer. Seed the corpus with the example's
//! ledger and the ledger fixtures (docs/fuzzing.md).

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    shotlist_fuzz::run_ledger(bytes);
});

//! Peak heap memory of whole commands, counted by this test binary's global allocator:
//! the memory target, "`plan` on 10,000 shots uses at most 5× the file size",
//! held as a test. Allocation sizes do not depend on the machine or its load, so unlike
//! a timing this figure is the same on every run, and a change that makes `plan` hold
//! more per shot fails here rather than in a benchmark nobody reads.
//!
//! This file holds one test on purpose: the counter sees every allocation in the
//! process, and a second test running alongside would be counted too.

use std::alloc::{GlobalAlloc, Layout, System};
use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};

use clap::Parser;
use shotlist::cli::{Cli, Io, run};

/// The system allocator, counting the bytes it has out and the most it has had out.
struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn allocated(bytes: usize) {
    let now = CURRENT.fetch_add(bytes, Ordering::Relaxed) + bytes;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

fn freed(bytes: usize) {
    CURRENT.fetch_sub(bytes, Ordering::Relaxed);
}

// SAFETY: every call is forwarded unchanged to `System`; the counters only observe.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract for `alloc` is passed on as is.
        let pointer = unsafe { System.alloc(layout) };
        if !pointer.is_null() {
            allocated(layout.size());
        }
        pointer
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as for `alloc`.
        let pointer = unsafe { System.alloc_zeroed(layout) };
        if !pointer.is_null() {
            allocated(layout.size());
        }
        pointer
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        // SAFETY: as for `alloc`.
        unsafe { System.dealloc(pointer, layout) };
        freed(layout.size());
    }

    unsafe fn realloc(&self, pointer: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: as for `alloc`.
        let moved = unsafe { System.realloc(pointer, layout, new_size) };
        if !moved.is_null() {
            // Counted as the new block arriving before the old one leaves: the
            // allocator may hold both while it copies.
            allocated(new_size);
            freed(layout.size());
        }
        moved
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Runs `shotlist <args>` in-process with its output discarded (as a pipe to a reader
/// would take it) and returns the exit code and the peak heap bytes the run added.
fn peak_heap_of(args: &[&str]) -> (u8, usize) {
    let cli = Cli::try_parse_from(std::iter::once("shotlist").chain(args.iter().copied()))
        .expect("valid arguments");
    let base = CURRENT.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let code = run(
        cli,
        &mut Io {
            stdin: &mut std::io::empty(),
            stdout: &mut std::io::sink(),
            stderr: &mut std::io::sink(),
            stdout_is_terminal: false,
        },
    );
    (code, PEAK.load(Ordering::Relaxed) - base)
}

#[test]
fn plan_on_10000_shots_peaks_under_five_times_the_file() {
    let mut file = tempfile::Builder::new()
        .suffix(".yaml")
        .tempfile()
        .expect("temporary file");
    let text = shotlist::generate::spec_yaml(10_000);
    file.write_all(text.as_bytes()).expect("written");
    let file_bytes = text.len();
    drop(text);
    let path = file.path().to_str().expect("UTF-8 temporary path");

    for command in ["check", "lint"] {
        let (_, peak) = peak_heap_of(&[command, path]);
        println!(
            "{command}: peak heap {peak} bytes, {:.2} x the file",
            peak as f64 / file_bytes as f64
        );
    }
    for format in ["human", "json", "markdown", "csv"] {
        let (code, peak) = peak_heap_of(&["plan", "--format", format, path]);
        assert_eq!(code, 0, "{format}");
        let ratio = peak as f64 / file_bytes as f64;
        println!(
            "plan --format {format}: peak heap {peak} bytes, {ratio:.2} x the file ({file_bytes} bytes)"
        );
        assert!(
            peak <= file_bytes * 5,
            "plan --format {format} peaked at {peak} bytes, {ratio:.2} x the {file_bytes}-byte file"
        );
    }
}

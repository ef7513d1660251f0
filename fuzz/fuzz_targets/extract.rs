//! Fuzzes extraction, normalisation and JSON emission of arbitrary bytes.
//!
//! Errors are expected answers; a panic, hang, stack overflow or runaway allocation is a bug.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(layout) = quire::extract(data, &Default::default()) else {
        return;
    };
    let doc = quire::normalise(&layout.output, &Default::default());
    std::hint::black_box(quire::emit::json(&doc.output));
});

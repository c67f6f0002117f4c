//! Front matter splitting, YAML parsing and reading, then the whole seed: no input may panic, and every
//! diagnostic's span must lie inside the text (the renderer slices it).
#![no_main]

use libfuzzer_sys::fuzz_target;
use tidings_compiler::diag::Sink;
use tidings_compiler::{front_matter, seed, split, yaml};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut out = Vec::new();
    if let Ok(parts) = split::split(text) {
        if let Some(fm) = parts.front_matter {
            if let Ok(entries) = yaml::parse(fm.yaml) {
                front_matter::read(&entries, fm.yaml, fm.offset, &mut Sink { file: 0, out: &mut out });
            }
        }
    }
    let _ = seed::compile("fuzz", text, &mut Sink { file: 0, out: &mut out });
    for d in &out {
        if let Some(span) = &d.span {
            assert!(span.start <= span.end && span.end <= text.len(), "span {span:?} outside {} bytes: {}", text.len(), d.message);
            assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end), "span {span:?} splits a character");
        }
    }
});

//! The README's "Where things live" is the one map of the code: every product file (each
//! crate's `src/` and the wizard's `ui/`, tests aside) must be named in it, so a new module
//! can't land unmapped, and every file it names must exist.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The product files under `dir` (relative to the root), unit-test folders left out.
fn product_files(dir: &str, found: &mut Vec<String>) {
    for entry in std::fs::read_dir(root().join(dir)).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = format!("{dir}/{name}");
        if entry.file_type().unwrap().is_dir() {
            if name != "tests" {
                product_files(&path, found);
            }
        } else {
            found.push(path);
        }
    }
}

#[test]
fn every_product_file_is_on_the_map() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let start = readme.find("### Where things live").unwrap();
    let end = start + readme[start..].find("\n## ").unwrap();
    let map = &readme[start..end];
    let mut files = Vec::new();
    for dir in [
        "core/src",
        "cli/src",
        "demo/src",
        "sim/src",
        "src-tauri/src",
        "ui",
    ] {
        product_files(dir, &mut files);
    }
    assert!(files.len() > 60, "the product files were found: {files:?}");
    let missing: Vec<&String> = files
        .iter()
        .filter(|f| !map.contains(&format!("`{f}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "not on the README's map (Where things live): {missing:?}"
    );
    let named: Vec<&str> = map
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|n| n.contains('/') && n.contains('.') && !n.contains(' '))
        .collect();
    let gone: Vec<&&str> = named.iter().filter(|n| !root().join(n).exists()).collect();
    assert!(
        gone.is_empty(),
        "the map names files that don't exist: {gone:?}"
    );
}

//! The demo's files live in a private folder with a random name (mode 0700), never a
//! predictable `/tmp` path another user could prepare, and are removed when the demo ends
//! (security review #7).
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use sfconnect_core::browser::NoBrowser;
use sfconnect_demo::Demo;

#[tokio::test]
async fn the_demo_keeps_its_files_in_a_private_random_folder() {
    use std::os::unix::fs::PermissionsExt;
    let first = Demo::start(&[]).await.unwrap();
    let second = Demo::start(&[]).await.unwrap();
    let folder = |demo: &Demo| {
        let engine = demo.prefilled_engine(NoBrowser).unwrap();
        engine
            .settings_file()
            .path()
            .parent()
            .unwrap()
            .to_path_buf()
    };
    let (a, b) = (folder(&first), folder(&second));
    assert_ne!(a, b, "random names");
    assert!(
        !a.to_string_lossy()
            .contains(&format!("sfconnect-demo-{}", std::process::id())),
        "not named after the process id: {}",
        a.display()
    );
    let meta = std::fs::symlink_metadata(&a).unwrap();
    assert!(meta.is_dir() && !meta.is_symlink());
    assert_eq!(meta.permissions().mode() & 0o777, 0o700);
    assert!(
        a.join("demo.json").exists(),
        "the demo's settings are inside"
    );
    drop(first);
    assert!(!a.exists(), "removed when the demo ends");
    drop(second);
}

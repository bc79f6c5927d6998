//! Unit tests of `fs`.

use super::*;

#[cfg(unix)]
#[test]
fn a_symlink_at_the_target_is_replaced_not_followed() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "IMPORTANT USER DATA").unwrap();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let victim_mode = mode(&victim);
    let target = dir.path().join("settings.json");
    std::os::unix::fs::symlink(&victim, &target).unwrap();
    write_private(&target, b"{}", Existing::Replace).unwrap();
    assert_eq!(
        std::fs::read_to_string(&victim).unwrap(),
        "IMPORTANT USER DATA"
    );
    assert_eq!(mode(&victim), victim_mode, "the victim's mode is untouched");
    assert!(!std::fs::symlink_metadata(&target).unwrap().is_symlink());
    assert_eq!(std::fs::read(&target).unwrap(), b"{}");
    assert_eq!(
        std::fs::metadata(&target).unwrap().permissions().mode() & 0o777,
        0o600
    );
}

#[test]
fn a_file_the_user_named_is_never_overwritten_silently() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("salesforce-source.json");
    std::fs::write(&target, "keep me").unwrap();
    let err = write_private(&target, b"secret", Existing::Keep).unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::AlreadyExists);
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep me");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temp file left behind");
}

#[test]
fn temp_files_get_unique_names() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("p.json");
    let handles: Vec<_> = (0..8)
        .map(|i| {
            let target = target.clone();
            std::thread::spawn(move || {
                write_private(
                    &target,
                    format!("{{\"n\":{i}}}").as_bytes(),
                    Existing::Replace,
                )
            })
        })
        .collect();
    for handle in handles {
        handle.join().unwrap().unwrap();
    }
    let text = std::fs::read_to_string(&target).unwrap();
    assert!(
        serde_json::from_str::<serde_json::Value>(&text).is_ok(),
        "{text}"
    );
}

/// Security review 2, N16: sfconnect's own folders and lock files are the owner's only.
#[cfg(unix)]
#[test]
fn own_folders_and_locks_are_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let settings = crate::store::SettingsFile::at(dir.path().join("a/sfconnect/p.json"));
    settings
        .update(|s| s.username = Some("x@y.example".into()))
        .unwrap();
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&dir.path().join("a/sfconnect")), 0o700);
    assert_eq!(mode(&dir.path().join("a")), 0o700);
    assert_eq!(mode(&dir.path().join("a/sfconnect/p.json.lock")), 0o600);
    assert_eq!(mode(&dir.path().join("a/sfconnect/p.json")), 0o600);
}

/// Windows review (windows-under-wine.md, "Other product findings" 1): a file holding secrets is
/// the current user's alone on Windows too: created with one entry, full access for this user,
/// nothing inherited from a folder others can read. (Wine keeps no access lists on its Linux
/// folders, so the descriptor the file is created with is what can be checked here.)
#[cfg(windows)]
#[test]
fn private_files_are_created_for_the_current_user_alone_on_windows() {
    let (descriptor, user) = crate::windows::private_file_descriptor().unwrap();
    assert!(user.starts_with("S-1-5-"), "{user}");
    assert_eq!(descriptor, format!("D:P(A;;FA;;;{user})"));
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("salesforce-source.json");
    write_private(&target, b"{}", Existing::Keep).unwrap();
    let (acl, _) = crate::windows::access_list(&target).unwrap();
    for others in ["WD", "BU", "AU"] {
        assert!(!acl.contains(&format!(";;;{others})")), "{acl}");
    }
}

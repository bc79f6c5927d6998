//! Unit tests of `profiles`.

use super::*;
use crate::salesforce::Identity;

fn write(dir: &Path, name: &str, settings: &Settings) {
    std::fs::write(
        dir.join(name),
        serde_json::to_vec(settings).unwrap_or_default(),
    )
    .unwrap();
}

#[test]
fn names_that_are_files_and_keyring_entries() {
    for good in ["default", "sandbox", "prod_2", "Connection-3"] {
        assert!(check_name(good).is_ok(), "{good}");
    }
    for bad in [
        "",
        "../x",
        "a/b",
        "-x",
        "x.json",
        "a b",
        &"x".repeat(41),
        "ü",
    ] {
        let error = check_name(bad).unwrap_err();
        assert_eq!(error.code(), "invalid_connection_name", "{bad}");
    }
}

#[test]
fn lists_each_connection_by_what_the_admin_recognises() {
    let dir = tempfile::tempdir().unwrap();
    let production = Settings {
        login_url: Some("https://acme.my.salesforce.com".into()),
        instance_url: Some("https://acme.my.salesforce.com".into()),
        identity: Some(Identity {
            org_id: "00D000000000001AAA".into(),
            username: "a@acme.example".into(),
            name: "A".into(),
            email: String::new(),
            org_name: Some("Acme".into()),
        }),
        last_step: Some(Step::Done),
        ..Settings::default()
    };
    write(dir.path(), "default.json", &production);
    let sandbox = Settings {
        login_url: Some("https://acme--uat.sandbox.my.salesforce.com".into()),
        last_step: Some(Step::Keys),
        ..Settings::default()
    };
    write(dir.path(), "sandbox.json", &sandbox);
    write(dir.path(), "connection-2.json", &Settings::default());
    // Not connections: a damaged file set aside, the lock, the last-opened marker.
    std::fs::write(dir.path().join("default.damaged-1.json"), b"{").unwrap();
    std::fs::write(dir.path().join("default.json.lock"), b"").unwrap();
    remember_opened(dir.path(), "sandbox").unwrap();

    let list = list(dir.path()).unwrap();
    let names: Vec<_> = list.iter().map(|c| c.profile.as_str()).collect();
    assert_eq!(names, ["default", "connection-2", "sandbox"]);
    assert_eq!(list[0].label, "Acme — acme.my.salesforce.com");
    assert!(list[0].handed_off && !list[0].sandbox);
    assert_eq!(list[1].label, "Not set up yet");
    assert_eq!(list[2].label, "acme--uat.sandbox.my.salesforce.com");
    assert!(list[2].sandbox && !list[2].handed_off);
    assert_eq!(unused_name(&list), "connection-3");
    assert_eq!(last_opened(dir.path()).as_deref(), Some("sandbox"));
}

#[test]
fn a_missing_folder_is_no_connections_and_a_removed_last_one_is_forgotten() {
    let dir = tempfile::tempdir().unwrap();
    assert!(list(&dir.path().join("none")).unwrap().is_empty());
    write(dir.path(), "sandbox.json", &Settings::default());
    remember_opened(dir.path(), "sandbox").unwrap();
    std::fs::remove_file(dir.path().join("sandbox.json")).unwrap();
    assert_eq!(last_opened(dir.path()), None);
    assert!(remember_opened(dir.path(), "../etc").is_err());
}

#[test]
fn only_other_connections_handed_to_the_same_workspace_share_it() {
    use crate::destination::{DeliveryState, Destination};
    let dir = tempfile::tempdir().unwrap();
    let handed = |url: &str, user: &str| Settings {
        login_url: Some("https://test.salesforce.com".into()),
        destination: Some(Destination::Customeros),
        customeros_url: Some(url.into()),
        customeros_username: Some(user.into()),
        destination_state: Some(DeliveryState::Active),
        ..Settings::default()
    };
    let cloud = "https://app.customeros.ai";
    write(dir.path(), "default.json", &handed(cloud, "ana@acme.com"));
    write(dir.path(), "sandbox.json", &handed(cloud, "ANA@acme.com"));
    write(dir.path(), "other-user.json", &handed(cloud, "bo@acme.com"));
    write(
        dir.path(),
        "own-server.json",
        &handed("https://cos.acme.com", "ana@acme.com"),
    );
    let unfinished = Settings {
        destination_state: None,
        ..handed(cloud, "ana@acme.com")
    };
    write(dir.path(), "unfinished.json", &unfinished);
    let airbyte = Settings {
        destination: Some(Destination::Airbyte),
        ..handed(cloud, "ana@acme.com")
    };
    write(dir.path(), "airbyte.json", &airbyte);

    let shared = sharing_workspace(dir.path(), "default", cloud, "ana@acme.com").unwrap();
    let names: Vec<_> = shared.iter().map(|c| c.profile.as_str()).collect();
    assert_eq!(
        names,
        ["sandbox"],
        "not itself, another user, server, unfinished or Airbyte"
    );
    assert!(
        sharing_workspace(dir.path(), "default", "https://cos.acme.com", "bo@acme.com")
            .unwrap()
            .is_empty()
    );
}

/// The open connection is listed before it has a file (the wizard's list), and a new one never
/// takes its name.
#[test]
fn the_open_connection_is_listed_and_its_name_taken() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "default.json", &Settings::default());
    let listed = list_with_open(dir.path(), "connection-2", Settings::default).unwrap();
    let names: Vec<&str> = listed.iter().map(|c| c.profile.as_str()).collect();
    assert_eq!(names, ["default", "connection-2"]);
    let listed = list_with_open(dir.path(), "default", || unreachable!()).unwrap();
    assert_eq!(listed.len(), 1, "the open one has a file: listed once");
    assert_eq!(
        new_name(dir.path(), Some("connection-2")).unwrap(),
        "connection-3"
    );
    assert_eq!(new_name(dir.path(), None).unwrap(), "connection-2");
}

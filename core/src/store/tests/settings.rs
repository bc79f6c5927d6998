//! Unit tests of `settings`.

use super::*;

#[test]
fn round_trip_and_permissions() {
    let dir = std::env::temp_dir().join(format!("sfconnect-settings-{}", std::process::id()));
    let file = SettingsFile::at(dir.join("default.json"));
    assert_eq!(file.load().unwrap(), Settings::default());
    let settings = Settings {
        client_id: Some("key".into()),
        ports: vec![7717],
        ..Settings::default()
    };
    file.save(&settings).unwrap();
    assert_eq!(file.load().unwrap(), settings);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(file.path()).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    std::fs::write(file.path(), b"{not json").unwrap();
    assert_eq!(file.load().unwrap_err().code(), "file_error");
    file.remove().unwrap();
    file.remove().unwrap();
    std::fs::remove_dir_all(dir).unwrap();
}

/// A settings file written before the fields became enums loads unchanged, and writes back
/// the same JSON.
#[test]
fn a_settings_file_from_the_previous_release_still_loads() {
    let old = r#"{
  "method": "web",
  "login_url": "https://acme.my.salesforce.com",
  "client_id": "3MVG9key",
  "ports": [
    7717
  ],
  "destination": "customeros",
  "customeros_url": "https://app.customeros.ai",
  "customeros_username": "ana@acme.com",
  "api_key_header": "tenant",
  "username": null,
  "identity": {
    "org_id": "00D5g00000SIMORGEAQ",
    "username": "admin@acme.com",
    "name": "Avery Admin",
    "email": "admin@acme.com"
  },
  "instance_url": "https://acme.my.salesforce.com",
  "counts": {
    "Account": 1284,
    "Contact": null
  },
  "destination_state": "ACTIVE",
  "handoff_pending": false,
  "stored": true,
  "connected_at": 1790000000,
  "last_step": "done"
}"#;
    let settings: Settings = serde_json::from_str(old).unwrap();
    assert_eq!(settings.method, Some(Method::Web));
    assert_eq!(settings.last_step, Some(Step::Done));
    assert_eq!(settings.destination_state, Some(DeliveryState::Active));
    // Written back, it says the same (fields added since then are the only difference).
    let mut again = serde_json::to_value(&settings).unwrap();
    again.as_object_mut().unwrap().remove("token_issuer");
    assert_eq!(
        serde_json::to_string_pretty(&again).unwrap(),
        serde_json::to_string_pretty(&serde_json::from_str::<serde_json::Value>(old).unwrap())
            .unwrap()
    );
    for (step, wire) in [
        (Step::Welcome, "welcome"),
        (Step::Org, "org"),
        (Step::App, "app"),
        (Step::Keys, "keys"),
        (Step::Inputs, "inputs"),
        (Step::Verified, "verified"),
        (Step::Done, "done"),
    ] {
        assert_eq!(serde_json::to_value(step).unwrap(), wire);
    }
    for (method, wire) in [
        (Method::Web, "web"),
        (Method::ClientCredentials, "client-credentials"),
        (Method::Password, "password"),
    ] {
        let text = format!(r#"{{"method": "{wire}"}}"#);
        let settings: Settings = serde_json::from_str(&text).unwrap();
        assert_eq!(settings.method, Some(method));
    }
    for (state, wire) in [
        (DeliveryState::Written, "WRITTEN"),
        (DeliveryState::ReadyToCopy, "READY_TO_COPY"),
    ] {
        assert_eq!(serde_json::to_value(state).unwrap(), wire);
    }
}

/// Two writers at once (the CLI and the wizard) lose none of each other's updates: every
/// read-modify-write holds the lock (security review #14).
#[test]
fn concurrent_updates_are_never_lost() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("both.json");
    let writers: Vec<_> = (0..2u16)
        .map(|writer| {
            // Each writer opens the file on its own, as separate processes would.
            let file = SettingsFile::at(path.clone());
            std::thread::spawn(move || {
                for n in 0..50u16 {
                    file.update(|s| s.ports.push(writer * 1000 + n)).unwrap();
                }
            })
        })
        .collect();
    for writer in writers {
        writer.join().unwrap();
    }
    let mut ports = SettingsFile::at(path).load().unwrap().ports;
    ports.sort_unstable();
    let expected: Vec<u16> = (0..50).chain(1000..1050).collect();
    assert_eq!(ports, expected);
}

/// A damaged file is kept aside and reported, never silently replaced by defaults.
#[test]
fn a_damaged_file_is_kept_aside_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("damaged.json");
    std::fs::write(&path, "{\"client_id\": \"3MVG9keep\", ").unwrap();
    let file = SettingsFile::at(path.clone());
    let err = file.update(|s| s.ports.push(1)).unwrap_err();
    let message = err.to_string();
    assert!(message.contains("was damaged"), "{message}");
    let kept: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains(".damaged-"))
        .collect();
    assert_eq!(kept.len(), 1, "the damaged file is kept");
    assert!(message.contains(&kept[0].file_name().to_string_lossy().to_string()));
    assert_eq!(
        std::fs::read_to_string(kept[0].path()).unwrap(),
        "{\"client_id\": \"3MVG9keep\", "
    );
    assert!(!path.exists(), "nothing was written over it");
    file.update(|s| s.ports.push(1)).unwrap();
    assert_eq!(file.load().unwrap().ports, vec![1]);
}

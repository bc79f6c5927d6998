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

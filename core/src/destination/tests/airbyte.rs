//! Unit tests of `airbyte`.

use super::*;
use crate::secret::{ClientSecret, RefreshToken};

#[test]
fn writes_owner_only_json() {
    let dir = std::env::temp_dir().join(format!("sfconnect-airbyte-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("source.json");
    let credentials = SalesforceCredentials {
        client_id: "key".into(),
        client_secret: ClientSecret::new("secret"),
        refresh_token: RefreshToken::new("refresh"),
    };
    write_config(&path, &credentials, true, false).unwrap();
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    // Truth review 2, N38: nested, as the user's own app (not Airbyte's "Client" app).
    assert_eq!(json["credentials"]["auth_type"], "ClientManual");
    assert_eq!(json["credentials"]["client_id"], "key");
    assert_eq!(json["credentials"]["refresh_token"], "refresh");
    assert_eq!(json["is_sandbox"], true);
    assert!(json.get("client_id").is_none() && json.get("auth_type").is_none());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    assert_eq!(
        write_config(&dir, &credentials, false, false)
            .unwrap_err()
            .code(),
        "invalid_output_file"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

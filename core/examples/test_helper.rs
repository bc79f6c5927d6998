//! For the tests' Windows leg only (scripts/test-windows): the end-to-end tests run on Linux and
//! drive `sfconnect.exe` under Wine, so what they must see on the Windows side (the credential
//! store, a file's access list) is read by this Windows program, which they run under Wine too.
//!
//! `test_helper get PROFILE NAME`  prints the keyring entry (`refresh_token`, …), or nothing
//! `test_helper delete PROFILE`     deletes the profile's keyring entries
//! `test_helper acl PATH`           prints the file's access list (SDDL) and the user's SID
#![allow(clippy::print_stdout, missing_docs)]

use sfconnect_core::secret::SecretName;
use sfconnect_core::store::{KeyringStore, SecretStore};
use std::process::ExitCode;

fn name(text: &str) -> Option<SecretName> {
    SecretName::KEYRING
        .into_iter()
        .find(|name| format!("{name:?}").eq_ignore_ascii_case(&text.replace('_', "")))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let words: Vec<&str> = args.iter().map(String::as_str).collect();
    let outcome: Result<(), String> = match words.as_slice() {
        ["get", profile, secret] => match name(secret) {
            Some(secret) => KeyringStore::new(profile)
                .get(secret)
                .map(|value| {
                    if let Some(value) = value {
                        print!("{}", value.as_str());
                    }
                })
                .map_err(|e| e.to_string()),
            None => Err(format!("no keyring entry is called {secret}")),
        },
        ["delete", profile] => {
            let store = KeyringStore::new(profile);
            SecretName::KEYRING
                .into_iter()
                .try_for_each(|secret| store.delete(secret).map_err(|e| e.to_string()))
        }
        #[cfg(windows)]
        ["acl", path] => sfconnect_core::windows::access_list(std::path::Path::new(path))
            .map(|(acl, user)| println!("{acl}\n{user}"))
            .map_err(|e| e.to_string()),
        _ => Err("usage: test_helper get PROFILE NAME | delete PROFILE | acl PATH".into()),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("test_helper: {error}");
            ExitCode::FAILURE
        }
    }
}

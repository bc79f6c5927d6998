//! Unit tests of `journal`: the screens per method, and where to resume.

use super::*;

/// A sign-in without an app skips creating it and pasting its keys, in the sequence the
/// wizard shows and in where it resumes; every other method goes through every screen.
#[test]
fn a_sign_in_without_an_app_skips_its_screens() {
    assert_eq!(Screen::sequence(Method::Web), Screen::ALL);
    assert_eq!(Screen::sequence(Method::ClientCredentials), Screen::ALL);
    let password = Screen::sequence(Method::Password);
    assert!(!password.contains(&Screen::App) && !password.contains(&Screen::Keys));
    assert_eq!(password.len(), Screen::ALL.len() - 2);
    for method in Method::ALL {
        for last in [None, Some(Step::Welcome), Some(Step::Org), Some(Step::App)] {
            let resume = Screen::resume_after(last, Some(method));
            assert!(
                Screen::sequence(method).contains(&resume),
                "{method:?} after {last:?} resumes at {resume:?}, a screen it shows"
            );
        }
    }
}

/// Walkthrough 2, M2: an unknown Consumer Key is waited for only while the app can still be
/// setting up: never for an External Client App, and a Connected App's ~10 minutes count from
/// when its Key was saved.
#[test]
fn an_unknown_key_is_waited_for_only_while_the_app_may_be_setting_up() {
    use crate::salesforce::AppKind;
    use std::time::Duration;
    let at = |kind, saved| Settings {
        app_kind: kind,
        client_id_saved_at: saved,
        ..Settings::default()
    };
    let full = crate::engine::requests::DEFAULT_APP_WAIT;
    assert_eq!(app_wait(&at(None, None), 1000), full);
    assert_eq!(
        app_wait(&at(Some(AppKind::ExternalClientApp), Some(1000)), 1000),
        Duration::ZERO
    );
    assert_eq!(
        app_wait(&at(Some(AppKind::ConnectedApp), Some(1000)), 1060),
        full - Duration::from_secs(60)
    );
    assert_eq!(
        app_wait(&at(Some(AppKind::ConnectedApp), Some(1000)), 1000 + 3600),
        Duration::ZERO
    );
    assert_eq!(app_wait(&at(None, Some(1000)), 1000 + 601), Duration::ZERO);
}

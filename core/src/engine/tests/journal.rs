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

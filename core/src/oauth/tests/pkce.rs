//! Unit tests of `pkce`.

use super::*;

#[test]
fn challenge_is_s256_of_verifier() {
    let pkce = Pkce::generate();
    assert_eq!(pkce.verifier().expose().len(), 43);
    let expected = URL_SAFE_NO_PAD.encode(Sha256::digest(pkce.verifier().expose()));
    assert_eq!(pkce.challenge(), expected);
}

#[test]
fn rfc7636_appendix_b_vector() {
    let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier));
    assert_eq!(challenge, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}

#[test]
fn values_are_fresh_and_long_enough() {
    let a = State::generate();
    let b = State::generate();
    assert_ne!(a, b);
    assert!(
        a.as_str().len() >= 22,
        "128 bits in base64url is 22 characters"
    );
    assert_ne!(Pkce::generate().verifier(), Pkce::generate().verifier());
}

#[test]
fn state_matching() {
    let state = State::generate();
    assert!(state.matches(state.as_str()));
    assert!(!state.matches(""));
    assert!(!state.matches(&format!("{}x", state.as_str())));
}

//! Unit tests of `authorize`.

use super::*;

fn attempt() -> WebSignIn {
    WebSignIn::new(
        LoginHost::parse("acme").unwrap(),
        "3MVG9key",
        "http://localhost:7717/callback".into(),
        DEFAULT_SCOPE,
    )
    .unwrap()
}

#[test]
fn authorize_url_carries_s256_state_and_scope() {
    let s = attempt();
    let url = s.authorize_url();
    assert!(
        url.as_str()
            .starts_with("https://acme.my.salesforce.com/services/oauth2/authorize?")
    );
    let pairs: std::collections::HashMap<_, _> = url.query_pairs().into_owned().collect();
    assert_eq!(pairs["response_type"], "code");
    assert_eq!(pairs["code_challenge_method"], "S256");
    assert_eq!(pairs["code_challenge"], s.pkce().challenge());
    assert_eq!(pairs["redirect_uri"], "http://localhost:7717/callback");
    assert_eq!(pairs["scope"], "api refresh_token web");
    assert!(!url.as_str().contains(s.pkce().verifier().expose()));
}

#[test]
fn code_is_decoded_exactly_once() {
    let s = attempt();
    let q = format!("code=aPrx%2Babc%3D%3D&state={}", s.state.as_str());
    match s.read_callback(&q) {
        Ok(CallbackOutcome::Approved(code)) => assert_eq!(code.expose(), "aPrx+abc=="),
        other => panic!("{other:?}"),
    }
}

#[test]
fn wrong_missing_or_duplicated_state_is_rejected() {
    let s = attempt();
    assert_eq!(
        s.read_callback("code=x").unwrap_err(),
        CallbackProblem::WrongState
    );
    assert_eq!(
        s.read_callback("code=x&state=nope").unwrap_err(),
        CallbackProblem::WrongState
    );
    let dup = format!("code=x&state={0}&state={0}", s.state.as_str());
    assert_eq!(
        s.read_callback(&dup).unwrap_err(),
        CallbackProblem::WrongState
    );
    let none = format!("state={}", s.state.as_str());
    assert_eq!(
        s.read_callback(&none).unwrap_err(),
        CallbackProblem::Incomplete
    );
}

#[test]
fn deny_becomes_access_denied() {
    let s = attempt();
    let q = format!(
        "error=access_denied&error_description=end-user+denied+authorization&state={}",
        s.state.as_str()
    );
    match s.read_callback(&q) {
        Ok(CallbackOutcome::Refused(e)) => {
            assert_eq!(e.code(), "access_denied");
            assert!(e.to_string().contains("Deny"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn pasted_addresses() {
    let s = attempt();
    let good = format!(
        "  http://localhost:7717/callback?code=aPrx%3D%3D&state={}\n",
        s.state.as_str()
    );
    assert_eq!(s.code_from_pasted(&good).unwrap().expose(), "aPrx==");
    let other_port = format!(
        "http://localhost:7718/callback?code=a&state={}",
        s.state.as_str()
    );
    for bad in [
        "",
        "not a url",
        "aPrx==",
        other_port.as_str(),
        "http://localhost:7717/callback?code=a&state=old",
    ] {
        assert_eq!(
            s.code_from_pasted(bad).unwrap_err().code(),
            "invalid_redirect_url",
            "{bad}"
        );
    }
    let denied = format!(
        "http://localhost:7717/callback?error=access_denied&state={}",
        s.state.as_str()
    );
    assert_eq!(
        s.code_from_pasted(&denied).unwrap_err().code(),
        "access_denied"
    );
}

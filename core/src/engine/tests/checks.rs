//! Unit tests of `checks`: loose sign-in fields become typed credentials, the first problem
//! first.

use super::*;
use crate::secret::Password;

fn fields(method: Method, client_id: &str, secret: Option<&str>) -> SignInFields {
    SignInFields {
        method,
        client_id: client_id.into(),
        client_secret: secret.map(ClientSecret::new),
        username: Some("  admin@acme.example ".into()),
        password: Some(Password::new("pw")),
        ..SignInFields::default()
    }
}

const KEY: &str = "3MVG9abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.key";

#[test]
fn each_method_gets_what_it_needs_the_first_problem_first() {
    let web = credentials(fields(Method::Web, KEY, Some("s")), Destination::Customeros).unwrap();
    assert!(matches!(&web, Credentials::Web { app, .. } if app.client_id == KEY));
    // A password sign-in without an app is SOAP login: no app, the username trimmed.
    let soap = credentials(
        fields(Method::Password, " ", None),
        Destination::Customerscore,
    )
    .unwrap();
    assert!(
        matches!(&soap, Credentials::Password { app: None, username, .. } if username == "admin@acme.example")
    );
    assert!(soap.app().is_none() && soap.method() == Method::Password);
    // The method's fit is said before a missing secret, and a missing secret before the rest.
    let misfit = credentials(fields(Method::Web, KEY, None), Destination::Customerscore);
    assert_eq!(
        misfit.unwrap_err().code().as_str(),
        "method_not_for_destination"
    );
    let no_secret = credentials(
        fields(Method::ClientCredentials, KEY, None),
        Destination::Customerscore,
    );
    assert_eq!(
        no_secret.unwrap_err().code().as_str(),
        "invalid_client_secret"
    );
    let mut no_password = fields(Method::Password, "", None);
    no_password.password = None;
    let no_password = credentials(no_password, Destination::Customerscore);
    assert_eq!(no_password.unwrap_err().code().as_str(), "invalid_password");
}

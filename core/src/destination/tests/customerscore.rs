//! Unit tests of `customerscore`.

use super::*;
use crate::secret::MASK;

#[test]
fn secrets_are_masked_unless_shown() {
    let fields =
        client_credentials_fields("https://acme.my.salesforce.com", "key", "s3cret", false);
    assert_eq!(fields[0].value, "acme.my.salesforce.com");
    assert_eq!(fields[2].value, MASK);
    let shown = password_fields("u", "pw", "tok", true);
    assert_eq!(shown[1].value, "pw");
    assert!(shown[2].secret);
}

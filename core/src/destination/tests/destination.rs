//! Unit tests of what differs per destination, said once in `Destination`.

use super::*;

/// The wizard offers `ALL` in order and takes the first as the default; each destination
/// takes exactly its own methods, and "needs a refresh token" means "the browser sign-in only".
#[test]
fn each_destination_says_what_differs() {
    assert_eq!(Destination::ALL[0], Destination::default());
    for destination in Destination::ALL {
        let info = destination.info();
        assert!(!info.methods.is_empty(), "{destination:?} takes a method");
        for method in crate::oauth::Method::ALL {
            assert_eq!(
                crate::engine::check_method_fits(method, destination).is_ok(),
                info.methods.contains(&method),
                "{destination:?} with {method:?}"
            );
        }
        assert_eq!(info.checkable, info.methods == [Method::Web]);
        assert!(
            !info.asked_live || info.checkable,
            "asked live only with a kept sign-in"
        );
    }
    assert!(Destination::Customeros.asked_live());
    assert!(!Destination::Airbyte.asked_live() && Destination::Airbyte.needs_refresh_token());
    assert_eq!(
        Destination::Customerscore.methods(),
        [Method::ClientCredentials, Method::Password]
    );
}

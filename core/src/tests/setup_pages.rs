//! Unit tests of `setup_pages`.

use super::*;

#[test]
fn links_for_my_domain_and_generic_hosts() {
    let acme = LoginHost::parse("acme").unwrap();
    assert_eq!(
        SetupPage::ExternalClientAppManager.url(&acme),
        "https://acme.my.salesforce.com/lightning/setup/ManageExternalClientApplication/home"
    );
    assert_eq!(
        SetupPage::AppManager.url(&LoginHost::production()),
        "https://login.salesforce.com/?startURL=%2Flightning%2Fsetup%2FNavigationMenus%2Fhome"
    );
}

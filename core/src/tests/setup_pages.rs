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

#[test]
fn the_review_s_added_pages_have_salesforce_s_paths() {
    let acme = LoginHost::parse("acme").unwrap();
    assert_eq!(
        SetupPage::ExternalClientAppSettings.url(&acme),
        "https://acme.my.salesforce.com/lightning/setup/ExternalClientApplicationSettings/home"
    );
    assert_eq!(
        SetupPage::ManageConnectedApps.url(&acme),
        "https://acme.my.salesforce.com/lightning/setup/ConnectedApplication/home"
    );
    // Every page the wizard links to is in ALL, once.
    for page in SetupPage::LINKED {
        assert_eq!(SetupPage::ALL.iter().filter(|p| **p == page).count(), 1);
    }
}

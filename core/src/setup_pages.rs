//! Deep links to the Salesforce Setup pages the guides send admins to.

use crate::error::Result;
use crate::login_host::LoginHost;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A Setup page we open for the admin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum SetupPage {
    /// Setup → Apps → App Manager.
    AppManager,
    /// Setup → External Client App Manager.
    ExternalClientAppManager,
    /// The classic New Connected App page.
    NewConnectedApp,
    /// Setup → OAuth and OpenID Connect Settings.
    OauthSettings,
    /// Setup → Connected Apps OAuth Usage.
    ConnectedAppsUsage,
    /// Settings → Reset My Security Token.
    ResetSecurityToken,
    /// Setup → External Client Apps → Settings, where "Allow creation of connected apps" is
    /// (only once Salesforce Support has enabled it, since Spring '26).
    ExternalClientAppSettings,
    /// Setup → Manage Connected Apps: each app's policies (Connected App Detail), never its keys.
    ManageConnectedApps,
}

impl SetupPage {
    /// Every page.
    pub const ALL: [SetupPage; 8] = [
        SetupPage::AppManager,
        SetupPage::ExternalClientAppManager,
        SetupPage::NewConnectedApp,
        SetupPage::OauthSettings,
        SetupPage::ConnectedAppsUsage,
        SetupPage::ResetSecurityToken,
        SetupPage::ExternalClientAppSettings,
        SetupPage::ManageConnectedApps,
    ];

    /// The pages the wizard links to from the org check.
    pub const LINKED: [SetupPage; 7] = [
        SetupPage::AppManager,
        SetupPage::ExternalClientAppManager,
        SetupPage::NewConnectedApp,
        SetupPage::OauthSettings,
        SetupPage::ResetSecurityToken,
        SetupPage::ExternalClientAppSettings,
        SetupPage::ManageConnectedApps,
    ];

    /// The page's path in Lightning.
    #[must_use]
    pub fn path(self) -> &'static str {
        match self {
            SetupPage::AppManager => "/lightning/setup/NavigationMenus/home",
            SetupPage::ExternalClientAppManager => {
                "/lightning/setup/ManageExternalClientApplication/home"
            }
            SetupPage::NewConnectedApp => "/app/mgmt/forceconnectedapps/forceAppEdit.apexp",
            SetupPage::OauthSettings => "/lightning/setup/OauthOidcSettings/home",
            SetupPage::ConnectedAppsUsage => "/lightning/setup/ConnectedAppsUsage/home",
            SetupPage::ResetSecurityToken => "/lightning/settings/personal/ResetApiToken/home",
            SetupPage::ExternalClientAppSettings => {
                "/lightning/setup/ExternalClientApplicationSettings/home"
            }
            SetupPage::ManageConnectedApps => "/lightning/setup/ConnectedApplication/home",
        }
    }

    /// The page for this org. On the generic login hosts, Salesforce's `startURL` takes the
    /// admin there after signing in.
    #[must_use]
    pub fn url(self, host: &LoginHost) -> String {
        if host.is_generic_login() {
            let mut url = host.endpoint("/");
            url.push_str("?startURL=");
            url.push_str(
                &url::form_urlencoded::byte_serialize(self.path().as_bytes()).collect::<String>(),
            );
            url
        } else {
            host.endpoint(self.path())
        }
    }
}

/// A login address as the admin typed it, normalised, with this org's Setup links.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct LoginCheck {
    /// Where the sign-in happens.
    pub origin: String,
    /// A sandbox org.
    pub sandbox: bool,
    /// The org's own (My Domain) address rather than a generic login host.
    pub my_domain: bool,
    /// The Setup pages the wizard links to, by page.
    pub links: BTreeMap<SetupPage, String>,
}

/// Normalises a typed login address (or says what is wrong with it) and links its Setup pages.
pub fn check_login(input: &str) -> Result<LoginCheck> {
    let host = LoginHost::parse(input)?;
    Ok(LoginCheck {
        origin: host.origin().to_owned(),
        sandbox: host.is_sandbox(),
        my_domain: !host.is_generic_login(),
        links: SetupPage::LINKED
            .into_iter()
            .map(|page| (page, page.url(&host)))
            .collect(),
    })
}

#[cfg(test)]
#[path = "tests/setup_pages.rs"]
mod tests;

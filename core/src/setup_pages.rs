//! Deep links to the Salesforce Setup pages the guides send admins to (facts doc §5).

use crate::login_host::LoginHost;
use serde::{Deserialize, Serialize};

/// A Setup page we open for the admin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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
}

impl SetupPage {
    /// The page's path in Lightning.
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
        }
    }

    /// The page for this org. On the generic login hosts, Salesforce's `startURL` takes the
    /// admin there after signing in.
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

#[cfg(test)]
#[path = "tests/setup_pages.rs"]
mod tests;

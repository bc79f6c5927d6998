//! After the sign-in, sfconnect reads the app's policies in Salesforce Setup for the admin and
//! says whether the destination's own renewals (from its servers, with the refresh token
//! handed to it) will work, naming the one setting to change when they won't.
//!
//! Everything is read with the admin's own access through REST SOQL: an External Client App
//! (`ExternalClientApplication`), its OAuth policies (`ExtlClntAppOauthPlcyCnfg`, the record
//! behind the Metadata API's `ExtlClntAppOauthConfigurablePolicies`: IP relaxation, refresh
//! token policy, permitted users) and, when IP restrictions are enforced, the admin's
//! profile's Login IP Ranges (`LoginIpRange`). Salesforce lets a user read them with "View all
//! External Client Apps, view their settings, and edit their policies" (standard System
//! Administrators have it); without it the answer is "couldn't read", never a guess.
//! A Connected App's policies have no such record with the IP relaxation in it, so for one
//! the wizard keeps its notes and this says so.

use crate::http::Remote;
use crate::salesforce::{AppKind, REST_API_VERSION};
use crate::secret::AccessToken;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// What the app's policies mean for the destination's renewals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Renewals {
    /// They will work as long as the sign-in isn't revoked.
    Work,
    /// They work, but end after a fixed time: then the destination needs a new sign-in.
    Expire,
    /// They won't work: `fix` names the setting.
    Fail,
    /// sfconnect couldn't read the settings: `why` says why and what to check.
    Unknown,
}

/// What sfconnect read in Setup about the app, in plain words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct AppPolicies {
    /// The verdict.
    pub renewals: Renewals,
    /// The product whose renewals these are (CustomerOS, Airbyte, …).
    pub destination: String,
    /// The app the policies were read from, as named in Setup.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub app: Option<String>,
    /// What was read, one plain sentence each.
    #[serde(default)]
    pub read: Vec<String>,
    /// The one setting to change, and where (for `fail` and `expire`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub fix: Option<String>,
    /// Why it couldn't be told (for `unknown`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub why: Option<String>,
    /// This app's page in Setup (its Policies tab is there), when its id was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub page_url: Option<String>,
}

impl AppPolicies {
    fn unknown(app: Option<String>, why: String) -> Self {
        Self {
            renewals: Renewals::Unknown,
            destination: String::new(),
            app,
            read: Vec::new(),
            fix: None,
            why: Some(why),
            page_url: None,
        }
    }
}

/// The policy record's fields, as Salesforce names them.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct PolicyRecord {
    #[serde(default)]
    ip_relaxation_policy_type: Option<String>,
    #[serde(default)]
    refresh_token_policy_type: Option<String>,
    #[serde(default)]
    refresh_token_validity_period: Option<u64>,
    #[serde(default)]
    refresh_token_validity_unit: Option<String>,
    #[serde(default)]
    permitted_users_policy_type: Option<String>,
}

/// A query Salesforce refused, with its `errorCode`.
struct Refused(String);

/// Which app, for which product, signed in as whom.
#[derive(Debug, Clone, Copy)]
pub struct ForApp<'a> {
    /// The kind of app the admin made, when known.
    pub kind: Option<AppKind>,
    /// The name the wizard asked the admin to give the app (the destination's).
    pub app_name: &'a str,
    /// The product that will renew (CustomerOS, Airbyte, …).
    pub destination: &'a str,
    /// Who signed in.
    pub username: &'a str,
}

/// Reads the app's policies with the fresh sign-in's access token. Never fails: a problem is
/// an `unknown` answer.
pub async fn read(
    http: &reqwest::Client,
    instance_url: &str,
    token: &AccessToken,
    app: ForApp<'_>,
) -> AppPolicies {
    let soql = Soql {
        http,
        instance_url,
        token,
    };
    let mut policies = read_for(&soql, app).await;
    app.destination.clone_into(&mut policies.destination);
    policies
}

async fn read_for(soql: &Soql<'_>, for_app: ForApp<'_>) -> AppPolicies {
    let ForApp {
        kind,
        app_name,
        destination,
        username,
    } = for_app;
    if kind == Some(AppKind::ConnectedApp) {
        return AppPolicies::unknown(
            None,
            "sfconnect reads an External Client App's policies; a Connected App's IP \
             relaxation can't be read this way. Check them in Setup → Manage Connected Apps."
                .into(),
        );
    }
    // The profile's Login IP Ranges are asked alongside (two rounds of queries, not four),
    // and only counted when the app enforces IP restrictions.
    let (found, ranges) = tokio::join!(
        app_and_policy(soql, app_name),
        soql.login_ip_ranges(username)
    );
    let (label, page_url, policy) = match found {
        Ok(found) => found,
        Err(answer) => return answer,
    };
    let ranges = is_enforced(policy.ip_relaxation_policy_type.as_deref()).then_some(ranges);
    let mut verdict = judge(&policy, ranges, destination);
    verdict.app = label;
    verdict.page_url = Some(page_url);
    verdict
}

/// The app the admin made (its name, its page in Setup) and its OAuth policies; `Err` is the
/// answer to give when they can't be told.
async fn app_and_policy(
    soql: &Soql<'_>,
    app_name: &str,
) -> Result<(Option<String>, String, PolicyRecord), AppPolicies> {
    let instance_url = soql.instance_url;
    let apps = match soql
        .records("SELECT Id, DeveloperName, MasterLabel FROM ExternalClientApplication")
        .await
    {
        Ok(apps) => apps,
        Err(Refused(code)) => return Err(couldnt_read(None, &code)),
    };
    let named = |app: &&Value| {
        [&app["DeveloperName"], &app["MasterLabel"]]
            .iter()
            .any(|name| {
                name.as_str()
                    .is_some_and(|n| n.eq_ignore_ascii_case(app_name))
            })
    };
    let app = match (apps.len(), apps.iter().filter(named).count()) {
        (1, _) => &apps[0],
        (_, 1) => apps.iter().find(named).unwrap_or(&apps[0]),
        (0, _) => {
            return Err(AppPolicies::unknown(
                None,
                "Salesforce listed no External Client App this user can see. If the app is a \
                 Connected App, choose that tab on Create the app; otherwise check its Policies \
                 tab in Setup."
                    .into(),
            ));
        }
        (n, _) => {
            return Err(AppPolicies::unknown(
                None,
                format!(
                    "This org has {n} External Client Apps and none is named {app_name}, so \
                     sfconnect can't tell which one you made. Check its Policies tab in Setup."
                ),
            ));
        }
    };
    let label = app["MasterLabel"]
        .as_str()
        .or(app["DeveloperName"].as_str())
        .map(str::to_owned);
    let Some(id) = app["Id"].as_str().filter(|id| is_salesforce_id(id)) else {
        return Err(AppPolicies::unknown(
            label,
            "Salesforce's answer had no app id.".into(),
        ));
    };
    let page_url = format!(
        "{}/lightning/setup/ManageExternalClientApplication/{id}/detail",
        instance_url.trim_end_matches('/')
    );
    let policy = match soql
        .records(&format!(
            "SELECT IpRelaxationPolicyType, RefreshTokenPolicyType, RefreshTokenValidityPeriod, \
             RefreshTokenValidityUnit, PermittedUsersPolicyType FROM ExtlClntAppOauthPlcyCnfg \
             WHERE ExternalClientApplicationId = '{id}'"
        ))
        .await
    {
        Ok(records) => records
            .into_iter()
            .next()
            .and_then(|record| serde_json::from_value::<PolicyRecord>(record).ok()),
        Err(Refused(code)) => return Err(couldnt_read(label, &code)),
    };
    let Some(policy) = policy else {
        return Err(AppPolicies::unknown(
            label,
            "The app has no OAuth policies yet: open it in Setup and check that Enable OAuth \
             is on."
                .into(),
        ));
    };
    Ok((label, page_url, policy))
}

fn couldnt_read(app: Option<String>, code: &str) -> AppPolicies {
    AppPolicies::unknown(
        app,
        format!(
            "Salesforce didn't let this user read the app's settings ({code}): that needs \
             \"View all External Client Apps, view their settings, and edit their policies\". \
             Check the app's Policies tab in Setup yourself."
        ),
    )
}

/// Salesforce's own record ids: 15 or 18 letters and digits (so one can go into a query).
fn is_salesforce_id(id: &str) -> bool {
    matches!(id.len(), 15 | 18) && id.chars().all(|c| c.is_ascii_alphanumeric())
}

/// "Enforce IP restrictions" (also when Salesforce didn't say: that is its default).
fn is_enforced(ip_relaxation: Option<&str>) -> bool {
    ip_relaxation.is_none_or(|v| v.eq_ignore_ascii_case("Enforce"))
}

/// The verdict from what was read. `ranges`: how many Login IP Ranges the admin's profile has
/// (`Err` when that couldn't be read), asked only when IP restrictions are enforced.
fn judge(
    policy: &PolicyRecord,
    ranges: Option<Result<u64, String>>,
    destination: &str,
) -> AppPolicies {
    let mut read = Vec::new();
    let mut fail = None;
    let mut expire = None;
    let mut unknown = None;
    let refresh = policy.refresh_token_policy_type.as_deref().unwrap_or("");
    let validity = match (
        policy.refresh_token_validity_period,
        policy.refresh_token_validity_unit.as_deref(),
    ) {
        (Some(n), Some(unit)) => format!("{n} {}", unit.to_ascii_lowercase()),
        _ => "a set time".into(),
    };
    let refresh_fix = "On the app's Policies tab → Edit → OAuth Policies, set Refresh Token \
                       Policy to \"Refresh token is valid until revoked\", and Save.";
    match refresh.to_ascii_lowercase().as_str() {
        "zero" => {
            read.push("Refresh Token Policy: the refresh token expires immediately.".into());
            fail = Some((
                format!("{destination} could not renew its access even once."),
                refresh_fix.to_owned(),
            ));
        }
        "specificlifetime" => {
            read.push(format!(
                "Refresh Token Policy: the refresh token expires {validity} after the sign-in."
            ));
            expire = Some(refresh_fix.to_owned());
        }
        "specificinactivity" => read.push(format!(
            "Refresh Token Policy: the refresh token expires after {validity} unused \
             ({destination} uses it far more often)."
        )),
        _ => read.push("Refresh Token Policy: valid until revoked.".into()),
    }
    let relax_fix = "On the app's Policies tab → Edit → OAuth Policies, set IP Relaxation to \
                     \"Enforce IP restrictions, but relax for refresh tokens\", and Save.";
    match ranges {
        None => read.push("IP Relaxation: refresh tokens aren't held to IP restrictions.".into()),
        Some(Ok(0)) => read.push(
            "IP Relaxation: IP restrictions are enforced, and your profile has no Login IP \
             Ranges, so renewals from anywhere work."
                .into(),
        ),
        Some(Ok(n)) => {
            read.push(format!(
                "IP Relaxation: IP restrictions are enforced, and your profile allows sign-ins \
                 only from its {n} Login IP Range{}.",
                if n == 1 { "" } else { "s" }
            ));
            fail.get_or_insert((
                format!(
                    "Your profile allows sign-ins only from its Login IP Ranges, and \
                     {destination} renews from its own servers, outside them: Salesforce would \
                     refuse it."
                ),
                relax_fix.to_owned(),
            ));
        }
        Some(Err(code)) => {
            read.push("IP Relaxation: IP restrictions are enforced.".into());
            unknown = Some(format!(
                "Salesforce didn't let this user read the profile's Login IP Ranges ({code}). \
                 If your profile has any, {destination}'s renewals will be refused: {relax_fix}"
            ));
        }
    }
    if policy
        .permitted_users_policy_type
        .as_deref()
        .is_some_and(|v| v.eq_ignore_ascii_case("AdminApprovedPreAuthorized"))
    {
        read.push(
            "Permitted Users: admin-approved users only, and you are one (you just signed in)."
                .into(),
        );
    }
    let (renewals, fix, why) = match (fail, expire, unknown) {
        (Some((why, fix)), _, _) => (Renewals::Fail, Some(fix), Some(why)),
        (None, _, Some(why)) => (Renewals::Unknown, Some(relax_fix.to_owned()), Some(why)),
        (None, Some(fix), None) => (
            Renewals::Expire,
            Some(fix),
            Some(format!(
                "{destination} will need you to sign in again after {validity}."
            )),
        ),
        (None, None, None) => (Renewals::Work, None, None),
    };
    AppPolicies {
        renewals,
        destination: destination.to_owned(),
        app: None,
        read,
        fix,
        why,
        page_url: None,
    }
}

/// REST SOQL with the sign-in's access token.
struct Soql<'a> {
    http: &'a reqwest::Client,
    instance_url: &'a str,
    token: &'a AccessToken,
}

impl Soql<'_> {
    /// The records of one query; a refusal keeps Salesforce's `errorCode`.
    async fn records(&self, query: &str) -> Result<Vec<Value>, Refused> {
        let instance = self.instance_url.trim_end_matches('/');
        let response = self
            .http
            .get(format!("{instance}/services/data/{REST_API_VERSION}/query"))
            .query(&[("q", query)])
            .bearer_auth(self.token.expose())
            .send()
            .await
            .map_err(|_| Refused("no answer".into()))?;
        let status = response.status().as_u16();
        let body = crate::http::body(response, Remote::Salesforce, instance)
            .await
            .map_err(|_| Refused(format!("HTTP {status}")))?;
        let answer: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
        if status != 200 {
            let code = answer[0]["errorCode"]
                .as_str()
                .map_or_else(|| format!("HTTP {status}"), str::to_owned);
            return Err(Refused(code));
        }
        Ok(answer["records"].as_array().cloned().unwrap_or_default())
    }

    /// How many Login IP Ranges the signed-in user's profile has.
    async fn login_ip_ranges(&self, username: &str) -> Result<u64, String> {
        let quoted = username.replace('\\', "\\\\").replace('\'', "\\'");
        let users = self
            .records(&format!(
                "SELECT ProfileId FROM User WHERE Username = '{quoted}'"
            ))
            .await
            .map_err(|Refused(code)| code)?;
        let profile = users
            .first()
            .and_then(|user| user["ProfileId"].as_str())
            .filter(|id| is_salesforce_id(id))
            .ok_or_else(|| "its answer named no profile".to_owned())?
            .to_owned();
        let ranges = self
            .records(&format!(
                "SELECT Id FROM LoginIpRange WHERE ProfileId = '{profile}'"
            ))
            .await
            .map_err(|Refused(code)| code)?;
        Ok(ranges.len() as u64)
    }
}

#[cfg(test)]
#[path = "tests/app_policies.rs"]
mod tests;

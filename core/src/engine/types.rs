//! The results that cross into the front ends (and, through them, into the CLI's `--json`
//! and the wizard). What the front ends ask for is in `requests.rs`.

use crate::app_policies::AppPolicies;
use crate::destination::Destination;
use crate::destination::ProviderField;
use crate::error::BoundaryError;
use crate::salesforce::{Counts, Identity};
use crate::secret::RevealableSecret;
use crate::store::{DeliveryState, Settings};
use serde::Serialize;

use crate::oauth::Method;

/// Phase one's result: who signed in and what will sync.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Verified {
    /// Who and which org.
    pub identity: Identity,
    /// The org's instance URL.
    pub instance_url: String,
    /// Records per synced object.
    pub counts: Counts,
    /// What the app's policies in Setup mean for the destination's renewals (read for a sign-in
    /// with a refresh token).
    pub app_policies: Option<AppPolicies>,
    /// How the user signed in.
    pub method: Method,
    /// Whether the secrets are in the keyring.
    pub stored: bool,
}

/// A finished connection, as reported to the user and to `--json`
/// (`"status": "connected"` first).
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "status", rename = "connected")]
pub struct Connected {
    /// 18-character org id.
    pub org_id: String,
    /// Who signed in.
    pub username: String,
    /// Display name.
    #[serde(skip)]
    pub name: String,
    /// The org's instance URL.
    pub instance_url: String,
    /// How the user signed in.
    pub method: Method,
    /// Where the credentials went.
    pub destination: Destination,
    /// `ACTIVE` for CustomerOS, `WRITTEN` for Airbyte, `READY_TO_COPY` for Customerscore.
    pub destination_state: DeliveryState,
    /// Record counts per synced object.
    pub counts: Counts,
    /// Whether the secrets are in the keyring.
    pub stored: bool,
    /// Whether Salesforce rotates this app's refresh tokens (seen in the one refresh before
    /// the hand-off), for the human summary; `--json`'s contract keeps its keys (`status`
    /// and `check` report it).
    #[serde(skip)]
    pub rotates: Option<bool>,
    /// Customerscore's fields, in its page's order (secrets masked unless asked).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provider_fields: Option<Vec<ProviderField>>,
    /// Customerscore's authentication type to choose.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provider_mode: Option<&'static str>,
}

/// What the engine is doing, for a spinner, a step list or the wizard.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Progress {
    /// Something the user should know before going on (retirement notices, sandbox caveats).
    Notice {
        /// The text.
        message: String,
    },
    /// Salesforce doesn't know the app yet (new or just edited): checking again.
    WaitingForApp {
        /// How long sfconnect has been checking.
        waited_secs: u64,
        /// How long it will.
        limit_secs: u64,
    },
    /// The loopback listener is ready.
    Listening {
        /// The redirect URI it serves.
        redirect_uri: String,
    },
    /// The sign-in page: opened in a browser, or to be opened by the user.
    BrowserSignIn {
        /// The authorize URL (holds no secret).
        url: String,
        /// False when no browser could be opened: show the link.
        opened: bool,
    },
    /// Waiting for the browser to come back.
    WaitingForBrowser {
        /// The limit.
        timeout_secs: u64,
    },
    /// A callback from another or older attempt was turned away.
    WrongStateIgnored,
    /// A pasted address could not be used; paste again.
    PasteRejected {
        /// Why, and what to paste.
        error: BoundaryError,
    },
    /// Talking to Salesforce's token endpoint (or SOAP login).
    SigningIn,
    /// Reading who signed in and counting records.
    Verifying,
    /// The org is verified.
    Verified {
        /// Who and which org.
        identity: Identity,
        /// Records CustomerOS will sync.
        counts: Counts,
    },
    /// The app's policies were read in Setup: whether the destination's renewals will work.
    AppPoliciesRead {
        /// What was read, and the verdict.
        policies: AppPolicies,
    },
    /// Secrets are in the keyring.
    Stored,
    /// Secrets were not stored, and why.
    NotStored {
        /// The reason.
        reason: String,
    },
    /// Sending the credentials to the destination.
    HandingOff {
        /// CustomerOS, `Airbyte`, …
        destination: String,
    },
    /// Done.
    Finished,
}

/// A successful retried hand-off (`"status": "connected"` first).
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "status", rename = "connected")]
pub struct HandedOff {
    /// The org.
    pub org_id: String,
    /// Who signed in.
    pub username: String,
    /// Always CustomerOS.
    pub destination: Destination,
    /// `ACTIVE`.
    pub destination_state: DeliveryState,
}

/// What Salesforce said about the kept sign-in when asked by introspection (nothing is
/// refreshed, so a destination's copy is never touched).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum SalesforceSays {
    /// Salesforce says the sign-in is active.
    Active,
    /// Salesforce says sfconnect's copy is no longer active, and that is expected: with
    /// Refresh Token Rotation on, the destination's own renewals replace it. Whether the
    /// destination's newer copy works only the destination can tell.
    Replaced,
}

/// A live check: what Salesforce and (where it can be asked) the destination said just now
/// (`"status": "connected"` first).
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(tag = "status", rename = "connected")]
#[ts(rename = "Checked")]
pub struct Checked {
    /// The org the sign-in belongs to (recorded when it was verified).
    pub org_id: String,
    /// Who is signed in: Salesforce's answer just now, else as recorded at the sign-in.
    pub username: String,
    /// What Salesforce said about the kept sign-in.
    pub salesforce: SalesforceSays,
    /// Whether Salesforce rotates this app's refresh tokens (seen before the hand-off).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rotates: Option<bool>,
    /// Where the connection goes.
    pub destination: Destination,
    /// CustomerOS's own answer (`ACTIVE`), or, for a file or pasted values that can't be asked,
    /// what was recorded when they were delivered.
    pub destination_state: Option<DeliveryState>,
    /// Whether the destination itself was asked (CustomerOS), not only remembered.
    pub destination_checked: bool,
    /// When the check ran (seconds since the Unix epoch).
    pub checked_at: u64,
}

/// What Salesforce said when the connection's current sign-in was revoked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum RevokeOutcome {
    /// Salesforce confirmed it revoked the sign-in just now.
    Revoked,
    /// Salesforce says the token was already invalid (revoked, expired, or replaced by
    /// rotation) — not a revocation by sfconnect.
    AlreadyInvalid,
    /// No sign-in was kept on this computer.
    NothingKept,
}

/// What `disconnect` did (`"status": "disconnected"` first).
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(tag = "status", rename = "disconnected")]
#[ts(rename = "Disconnected")]
pub struct Disconnected {
    /// Every sign-in this connection kept is dead at Salesforce (revoked now or already
    /// invalid), earlier ones included, and no newer copy of it can be alive.
    pub revoked: bool,
    /// What Salesforce said about the current sign-in.
    pub salesforce: RevokeOutcome,
    /// Earlier sign-ins of this connection revoked now.
    pub earlier_revoked: u32,
    /// Salesforce said sfconnect's copy was already invalid, and with Refresh Token Rotation
    /// that can mean the destination renewed it: the destination's newer copy may still work
    /// (revoke it in Salesforce Setup → OAuth Usage). `revoked` is then false.
    pub newer_copy_may_live: bool,
    /// The integration was deleted at CustomerOS.
    pub removed_from_destination: bool,
    /// The destination's part is left for later (it was unreachable and the admin chose to
    /// revoke at Salesforce anyway): the next Disconnect finishes it.
    pub destination_pending: bool,
    /// The keyring entries were removed (the CustomerOS API key stays while its part is
    /// pending).
    pub secrets_removed: bool,
}

/// What is stored, never the secrets themselves.
#[derive(Debug, Clone, Serialize)]
pub struct Status {
    /// The settings file's path.
    pub settings_file: String,
    /// The non-secret settings.
    pub settings: Settings,
    /// Which secrets the keyring holds (`null` when the keyring can't be read).
    pub secrets: Option<SecretsPresent>,
}

/// Which secrets are present.
#[derive(Debug, Clone, Serialize)]
pub struct SecretsPresent {
    /// Consumer Secret.
    pub client_secret: bool,
    /// Refresh token.
    pub refresh_token: bool,
    /// CustomerOS API key.
    pub customeros_api_key: bool,
}

/// Customerscore's Providers page for the wizard: each secret field names the kept secret
/// its Show and Copy buttons ask for.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ProviderView {
    /// The authentication type to choose on that page.
    pub mode: &'static str,
    /// The fields, in the page's order.
    pub fields: Vec<ProviderFieldView>,
}

/// One field of [`ProviderView`].
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ProviderFieldView {
    /// The field's label on Customerscore's page.
    pub label: &'static str,
    /// The value, or the mask for a secret.
    pub value: String,
    /// The kept secret behind a masked value.
    pub secret: Option<RevealableSecret>,
}

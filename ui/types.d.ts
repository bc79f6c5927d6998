// Generated from the Rust types by src-tauri/tests/ui_types.rs: do not edit by hand.
// Regenerate: SFCONNECT_WRITE_UI_TYPES=1 cargo test -p sfconnect-app --test ui_types

export type WizardView = { demo: DemoValues | null, 
/**
 * The saved, non-secret settings.
 */
settings: Settings, 
/**
 * The screen to show first.
 */
resume_at: Screen, 
/**
 * The Consumer Secret is kept.
 */
has_client_secret: boolean, 
/**
 * The CustomerOS API key is kept.
 */
has_api_key: boolean, 
/**
 * A signed-in connection is kept (a refresh token and who issued it): the wizard opens on
 * its home screen, and Disconnect can always end it.
 */
has_connection: boolean, 
/**
 * The Callback URLs to register, first one preferred.
 */
callback_urls: Array<string>, 
/**
 * Where the Airbyte file goes unless the admin chooses otherwise.
 */
default_airbyte_path: string, 
/**
 * The objects that sync, in display order.
 */
synced_objects: [string, string, string, string], 
/**
 * What stands in for a hidden secret.
 */
mask: string, 
/**
 * sfconnect's version.
 */
version: string, 
/**
 * The destinations, in the order offered (the first is the default), each with what
 * differs: its name, methods, whether it can be checked.
 */
destinations: Array<DestinationInfo>, 
/**
 * The screens each sign-in method goes through, in order.
 */
screens: { [key in Method]?: Array<Screen> }, 
/**
 * What to say today about each of Salesforce's dated changes.
 */
dated: Array<DatedText>, };

export type Settings = { 
/**
 * Sign-in method.
 */
method: Method | null, 
/**
 * Normalised login host.
 */
login_url: string | null, 
/**
 * Consumer Key (not secret: it appears in authorize URLs).
 */
client_id: string | null, 
/**
 * Loopback ports in order of preference.
 */
ports: Array<number>, 
/**
 * Destination product.
 */
destination: Destination | null, 
/**
 * CustomerOS base URL.
 */
customeros_url: string | null, 
/**
 * CustomerOS user email.
 */
customeros_username: string | null, 
/**
 * Which header carries the CustomerOS API key.
 */
api_key_header: ApiKeyHeader | null, 
/**
 * The CustomerOS address the kept API key was entered for: it is only ever sent there.
 */
api_key_for?: string, 
/**
 * Salesforce username (password method).
 */
username: string | null, 
/**
 * Who signed in, once verified.
 */
identity: Identity | null, 
/**
 * The org's instance URL.
 */
instance_url: string | null, 
/**
 * Record counts at the last check.
 */
counts: { [key in string]: number | null } | null, 
/**
 * What the app's policies in Setup meant for the destination's renewals, at the last
 * sign-in.
 */
app_policies?: AppPolicies, 
/**
 * The destination's last reported state.
 */
destination_state: DeliveryState | null, 
/**
 * True while a refresh token waits to be handed off.
 */
handoff_pending: boolean, 
/**
 * Whether the secrets are in the keyring.
 */
stored: boolean, 
/**
 * Who issued the kept refresh token, to refresh and revoke it there even after a later
 * sign-in (to another org or app) changed `login_url` or `client_id`.
 */
token_issuer: TokenIssuer | null, 
/**
 * Whether Salesforce rotates this app's refresh tokens, as seen when sfconnect refreshed
 * the sign-in once before handing it over (`None` until then). After the hand-off the
 * destination holds the token, and sfconnect never refreshes it again.
 */
rotates?: boolean, 
/**
 * Where the kept sign-in was handed (`customeros <address>`, `airbyte`, …), once it was:
 * an earlier sign-in is revoked after a new hand-off only where that replaced it.
 */
handed_to?: string, 
/**
 * How many earlier sign-ins of this connection sfconnect still keeps to revoke (their
 * refresh tokens are in the keyring, not here).
 */
earlier_sign_ins?: number, 
/**
 * Disconnect revoked the sign-in at Salesforce but couldn't remove the connection at the
 * destination yet: the next Disconnect finishes that part.
 */
destination_removal_pending?: boolean, 
/**
 * Seconds since the Unix epoch of the last successful connection.
 */
connected_at: number | null, 
/**
 * Seconds since the Unix epoch of the last live check both sides confirmed.
 */
checked_at?: number, 
/**
 * The last few failures, newest last, for the support report (kept secrets redacted).
 */
recent_errors?: Array<RecordedError>, 
/**
 * The last finished step, to resume after it.
 */
last_step: Step | null, 
/**
 * The kind of app the admin made (the Create-the-app tab they followed).
 */
app_kind?: AppKind, 
/**
 * Seconds since the Unix epoch when this Consumer Key was first saved (a Connected App
 * saved more than 10 minutes ago is no longer "still setting up").
 */
client_id_saved_at?: number, };

export type Verified = { 
/**
 * Who and which org.
 */
identity: Identity, 
/**
 * The org's instance URL.
 */
instance_url: string, 
/**
 * Records per synced object.
 */
counts: { [key in string]: number | null }, 
/**
 * What the app's policies in Setup mean for the destination's renewals (read for a sign-in
 * with a refresh token).
 */
app_policies: AppPolicies | null, 
/**
 * How the user signed in.
 */
method: Method, 
/**
 * Whether the secrets are in the keyring.
 */
stored: boolean, };

export type Checked = { "status": "Checked", 
/**
 * The org the sign-in belongs to (recorded when it was verified).
 */
org_id: string, 
/**
 * Who is signed in: Salesforce's answer just now, else as recorded at the sign-in.
 */
username: string, 
/**
 * What Salesforce said about the kept sign-in.
 */
salesforce: SalesforceSays, 
/**
 * Whether Salesforce rotates this app's refresh tokens (seen before the hand-off).
 */
rotates?: boolean, 
/**
 * Where the connection goes.
 */
destination: Destination, 
/**
 * CustomerOS's own answer (`ACTIVE`), or, for a file or pasted values that can't be asked,
 * what was recorded when they were delivered.
 */
destination_state: DeliveryState | null, 
/**
 * Whether the destination itself was asked (CustomerOS), not only remembered.
 */
destination_checked: boolean, 
/**
 * When the check ran (seconds since the Unix epoch).
 */
checked_at: number, };

export type Disconnected = { "status": "Disconnected", 
/**
 * Every sign-in this connection kept is dead at Salesforce (revoked now or already
 * invalid), earlier ones included, and no newer copy of it can be alive.
 */
revoked: boolean, 
/**
 * What Salesforce said about the current sign-in.
 */
salesforce: RevokeOutcome, 
/**
 * Earlier sign-ins of this connection revoked now.
 */
earlier_revoked: number, 
/**
 * Salesforce said sfconnect's copy was already invalid, and with Refresh Token Rotation
 * that can mean the destination renewed it: the destination's newer copy may still work
 * (revoke it in Salesforce Setup → OAuth Usage). `revoked` is then false.
 */
newer_copy_may_live: boolean, 
/**
 * The integration was deleted at CustomerOS.
 */
removed_from_destination: boolean, 
/**
 * The destination's part is left for later (it was unreachable and the admin chose to
 * revoke at Salesforce anyway): the next Disconnect finishes it.
 */
destination_pending: boolean, 
/**
 * The keyring entries were removed (the CustomerOS API key stays while its part is
 * pending).
 */
secrets_removed: boolean, };

export type SalesforceSays = "active" | "replaced";

export type RevokeOutcome = "revoked" | "already_invalid" | "nothing_kept";

export type DatedText = { 
/**
 * Which change.
 */
change: Change, 
/**
 * What to say about it today.
 */
text: string, };

export type Change = "password_flow_ends" | "soap_login_ends" | "use_any_api_auth_everywhere" | "connected_apps_end_of_support";

export type ProviderView = { 
/**
 * The authentication type to choose on that page.
 */
mode: string, 
/**
 * The fields, in the page's order.
 */
fields: Array<ProviderFieldView>, };

export type ProviderFieldView = { 
/**
 * The field's label on Customerscore's page.
 */
label: string, 
/**
 * The value, or the mask for a secret.
 */
value: string, 
/**
 * The kept secret behind a masked value.
 */
secret: RevealableSecret | null, };

export type LoginCheck = { 
/**
 * Where the sign-in happens.
 */
origin: string, 
/**
 * A sandbox org.
 */
sandbox: boolean, 
/**
 * The org's own (My Domain) address rather than a generic login host.
 */
my_domain: boolean, 
/**
 * The Setup pages the wizard links to, by page.
 */
links: { [key in SetupPage]?: string }, };

export type ConnectionsView = { current: string, connections: Array<ConnectionSummary>, };

export type ConnectionSummary = { 
/**
 * The profile's name (the CLI's `--profile`).
 */
profile: string, 
/**
 * What the admin recognises: the org's name and address, else the address, else nothing
 * yet.
 */
label: string, 
/**
 * Signed in to a sandbox (`test.salesforce.com`, `….sandbox.my.salesforce.com`).
 */
sandbox: boolean, 
/**
 * Handed to the destination when last run (saved, not checked live).
 */
handed_off: boolean, 
/**
 * The destination's name (CustomerOS, Airbyte, …), once chosen.
 */
destination?: string, 
/**
 * Nothing of it holds a Salesforce sign-in, here or at a destination: it can be removed
 * without revoking anything (else Disconnect does that first).
 */
removable: boolean, };

export type UpdateCheck = { "state": "off", 
/**
 * Who turned them off.
 */
by: TurnedOffBy, } | { "state": "not_due" } | { "state": "current", 
/**
 * The running version.
 */
version: string, } | { "state": "available", 
/**
 * Its version.
 */
version: string, 
/**
 * What is new, as the release says.
 */
notes: string, };

export type UpdateSetting = { 
/**
 * The daily look is on.
 */
daily: boolean, 
/**
 * `SFCONNECT_UPDATES=off`: no look at all, whatever the preference says.
 */
off_by_company: boolean, };

export type TurnedOffBy = "company" | "preference";

export type DemoValues = { 
/**
 * The simulated org's address.
 */
login_url: string, 
/**
 * The simulated app's Consumer Key.
 */
client_id: string, 
/**
 * The simulated CustomerOS.
 */
customeros_url: string, 
/**
 * Its user.
 */
customeros_username: string, };

export type Choices = { 
/**
 * Destination product.
 */
destination: Destination | null, 
/**
 * Sign-in method.
 */
method: Method | null, 
/**
 * Login address as typed (normalised before saving).
 */
login_url: string | null, 
/**
 * Salesforce username (password method).
 */
username: string | null, 
/**
 * CustomerOS address.
 */
customeros_url: string | null, 
/**
 * CustomerOS user email.
 */
customeros_username: string | null, 
/**
 * The step the admin just finished.
 */
last_step: Step | null, 
/**
 * The kind of app the admin is making.
 */
app_kind: AppKind | null, };

export type Progress = { "kind": "notice", 
/**
 * The text.
 */
message: string, } | { "kind": "waiting_for_app", 
/**
 * How long sfconnect has been checking.
 */
waited_secs: number, 
/**
 * How long it will.
 */
limit_secs: number, } | { "kind": "listening", 
/**
 * The redirect URI it serves.
 */
redirect_uri: string, } | { "kind": "browser_sign_in", 
/**
 * The authorize URL (holds no secret).
 */
url: string, 
/**
 * False when no browser could be opened: show the link.
 */
opened: boolean, } | { "kind": "waiting_for_browser", 
/**
 * The limit.
 */
timeout_secs: number, } | { "kind": "wrong_state_ignored" } | { "kind": "paste_rejected", 
/**
 * Why, and what to paste.
 */
error: BoundaryError, } | { "kind": "signing_in" } | { "kind": "verifying" } | { "kind": "verified", 
/**
 * Who and which org.
 */
identity: Identity, 
/**
 * Records CustomerOS will sync.
 */
counts: { [key in string]: number | null }, } | { "kind": "app_policies_read", 
/**
 * What was read, and the verdict.
 */
policies: AppPolicies, } | { "kind": "stored" } | { "kind": "not_stored", 
/**
 * The reason.
 */
reason: string, } | { "kind": "handing_off", 
/**
 * CustomerOS, `Airbyte`, …
 */
destination: string, } | { "kind": "finished" };

export type BoundaryError = { 
/**
 * Stable code.
 */
code: Code, 
/**
 * Plain-language message saying what to do.
 */
message: string, 
/**
 * The service's own words, if any.
 */
detail?: string, };

export type Identity = { 
/**
 * 18-character org id.
 */
org_id: string, 
/**
 * The user's username.
 */
username: string, 
/**
 * The user's display name.
 */
name: string, 
/**
 * The user's email.
 */
email: string, 
/**
 * The org's name (Setup → Company Information), when this user may read it.
 */
org_name?: string | null, };

export type AppKind = "external_client_app" | "connected_app";

export type AppPolicies = { 
/**
 * The verdict.
 */
renewals: Renewals, 
/**
 * The product whose renewals these are (CustomerOS, Airbyte, …).
 */
destination: string, 
/**
 * The app the policies were read from, as named in Setup.
 */
app?: string, 
/**
 * What was read, one plain sentence each.
 */
read: Array<string>, 
/**
 * The one setting to change, and where (for `fail` and `expire`).
 */
fix?: string, 
/**
 * Why it couldn't be told (for `unknown`).
 */
why?: string, 
/**
 * This app's page in Setup (its Policies tab is there), when its id was read.
 */
page_url?: string, };

export type Renewals = "work" | "expire" | "fail" | "unknown";

export type RecordedError = { 
/**
 * Seconds since the Unix epoch.
 */
at: number, 
/**
 * The stable code.
 */
code: string, 
/**
 * The message shown.
 */
message: string, 
/**
 * The other side's own words, if any.
 */
detail?: string, };

export type TokenIssuer = { 
/**
 * The login host's origin.
 */
login_url: string, 
/**
 * The app's Consumer Key.
 */
client_id: string, };

export type ApiKeyHeader = "tenant" | "app";

export type ProviderField = { 
/**
 * The field's label on that page.
 */
label: string, 
/**
 * What to enter (a secret only when `secret` is false or the caller asked to show it).
 */
value: string, 
/**
 * Whether the value is secret (masked unless shown).
 */
secret: boolean, };

export type DestinationInfo = { 
/**
 * Which one.
 */
id: Destination, 
/**
 * Its name as users know it.
 */
name: string, 
/**
 * The sign-in methods it takes, the preferred one first (more than one: the admin
 * chooses).
 */
methods: Array<Method>, 
/**
 * It holds a refresh token, so the connection can be checked live at Salesforce.
 */
checkable: boolean, 
/**
 * It can itself be asked, live, whether it holds Salesforce.
 */
asked_live: boolean, 
/**
 * What Disconnect stops there, in plain words, said before it acts.
 */
disconnect_stops: string, 
/**
 * Who renews the sign-in once it is handed over, and what sfconnect can see of it.
 */
holder_note: string, };

export type Code = "invalid_login_url" | "invalid_client_id" | "invalid_client_secret" | "invalid_port" | "invalid_redirect_url" | "invalid_customeros_url" | "invalid_email" | "invalid_api_key" | "invalid_username" | "invalid_password" | "invalid_output_file" | "method_not_for_destination" | "invalid_connection_name" | "port_in_use" | "timed_out" | "cancelled" | "keyring_unavailable" | "not_connected" | "file_error" | "no_port_left" | "refresh_token_not_shown" | "terminal_unreadable" | "demo_running" | "sign_in_waiting" | "connection_holds_sign_in" | "browser_unavailable" | "clipboard_unavailable" | "demo_unavailable" | "network_setup_failed" | "internal" | "salesforce_unreachable" | "salesforce_unavailable" | "salesforce_error" | "salesforce_redirected" | "access_denied" | "unknown_client_id" | "wrong_client_secret" | "callback_url_mismatch" | "pkce_required" | "pkce_mismatch" | "code_expired" | "code_invalid" | "refresh_token_revoked" | "run_as_user_missing" | "ip_restricted" | "not_admin_approved" | "login_failed" | "password_flow_blocked" | "client_credentials_disabled" | "inactive_user" | "inactive_org" | "rate_limited" | "invalid_scope" | "app_blocked" | "my_domain_required" | "no_refresh_token" | "session_rejected" | "security_token_required" | "password_expired" | "api_disabled" | "soap_login_unavailable" | "revoke_failed" | "app_not_installed" | "app_not_in_org" | "insufficient_access" | "api_disabled_for_org" | "api_limit_reached" | "customeros_unreachable" | "customeros_unavailable" | "customeros_error" | "customeros_unknown_user" | "customeros_api_key_missing" | "customeros_api_key_invalid" | "customeros_not_active" | "customeros_connects_itself" | "update_unavailable" | "update_rejected" | "update_install_failed";

export type Field = "login_url" | "client_id" | "client_secret" | "port" | "redirect_url" | "customer_os_url" | "email" | "api_key" | "username" | "password" | "output_file" | "method" | "connection_name";

export type Step = "welcome" | "org" | "app" | "keys" | "inputs" | "verified" | "done";

export type Screen = "welcome" | "org" | "app" | "keys" | "signin" | "check" | "connect" | "done";

export type Method = "web" | "client-credentials" | "password";

export type Destination = "customeros" | "customerscore" | "airbyte";

export type DeliveryState = "ACTIVE" | "WRITTEN" | "READY_TO_COPY";

export type SecretName = "client_secret" | "refresh_token" | "customer_os_api_key" | "password" | "security_token" | "earlier_sign_ins";

export type RevealableSecret = "client_secret" | "password" | "security_token" | "refresh_token";

export type SetupPage = "app_manager" | "external_client_app_manager" | "new_connected_app" | "oauth_settings" | "connected_apps_usage" | "reset_security_token" | "external_client_app_settings" | "manage_connected_apps";

/** The `kind` of a progress event. */
export type ProgressKind = Progress["kind"];

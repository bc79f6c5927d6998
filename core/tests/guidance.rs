//! The wizard's and the README's Salesforce instructions against the outside truth reviews
//! (`../shared/reviews/salesforce-truth.md`, and `salesforce-truth-2.md` as `2:` rows): each row
//! they marked wrong, outdated or incomplete has the corrected wording here, and the old
//! wording may not come back. Also: every
//! "Open in Salesforce" button names a Setup page the engine knows.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use sfconnect_core::setup_pages::SetupPage;
use std::path::Path;

fn read(path: &str) -> String {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap();
    // Compare words, not line breaks.
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// (review row, what must be said, where).
const MUST_SAY: &[(&str, &str, &str)] = &[
    (
        "4",
        "from <b>Available OAuth Scopes</b> to <b>Selected OAuth Scopes</b>",
        "ui",
    ),
    ("5", "<b>Require secret for Web Server Flow</b>", "ui"),
    ("5", "<b>Require secret for Refresh Token Flow</b>", "ui"),
    // Row 5/F3's "leave rotation unticked" is superseded by the second review's N11/N12.
    (
        "2:N11",
        "<b>Enable Refresh Token Rotation</b> can stay as you like: Salesforce recommends it, and \
         sfconnect works with it.",
        "ui",
    ),
    (
        "2:N12",
        "sfconnect hands over the newest one and never renews it afterwards",
        "ui",
    ),
    (
        "6/F5",
        "<b>Policies</b> tab → <b>Edit</b> → <b>OAuth Policies</b>",
        "ui",
    ),
    ("6/F5", "<b>API Only</b>", "ui"),
    (
        "8/19",
        "verify your identity with one of your registered methods",
        "ui",
    ),
    ("12/F4", "<i>Refresh token is valid until revoked</i>", "ui"),
    (
        "12/F4",
        "<i>Enforce IP restrictions, but relax for refresh tokens</i>",
        "ui",
    ),
    (
        "13/14",
        "unless Salesforce Support turns creation back on",
        "ui",
    ),
    ("14", "<b>Allow creation of connected apps</b>", "ui"),
    // Row 14's "greyed out or missing" (in App Manager) is superseded by 2:N20.
    ("14", "If it is missing there, creation isn't enabled", "ui"),
    ("14/F12", "<b>Migrate to External Client App</b>", "ui"),
    ("18", "Choose <b>View</b>, not <b>Manage</b>", "ui"),
    ("18", "<b>Connected App Detail</b>", "ui"),
    ("26", "data-page=\"external_client_app_settings\"", "ui"),
    ("26", "data-page=\"manage_connected_apps\"", "ui"),
    ("F1", "a sandbox refresh doesn't copy it", "ui"),
    // F6: the wording now follows the date (2:N3, `data-dated`).
    ("F7", "needs an existing Connected App", "ui"),
    ("F7", "<b>Login History</b>", "ui"),
    ("F10/53", "your profile has Login IP Ranges", "ui"),
    (
        "F15",
        "turn off sign-in at <code>login.salesforce.com</code>",
        "ui",
    ),
    ("41/F2", "OAUTH_EC_APP_NOT_FOUND", "ui"),
    (
        "52",
        "External Client App (or existing Connected App)",
        "ui",
    ),
    (
        "old guide",
        "<code>https://login.salesforce.com/</code>",
        "ui",
    ),
    ("8", "one of your registered methods", "readme"),
    (
        "13/14",
        "unless Salesforce Support turns creation back on",
        "readme",
    ),
    ("14", "**Allow creation of connected apps**", "readme"),
    ("18", "**View** (not **Manage**", "readme"),
    ("F1", "a sandbox refresh doesn't copy it", "readme"),
    (
        "2:N11",
        "**Enable Refresh Token Rotation** can stay on (Salesforce recommends it)",
        "readme",
    ),
    ("2:N40", "checks use introspection", "readme"),
    (
        "2:N13",
        "leave <b>IP Relaxation</b> at <i>Enforce IP restrictions</i>",
        "ui",
    ),
    ("2:N13", "leave **IP Relaxation** at *Enforce IP", "readme"),
    (
        "2:N20",
        "On the same <b>External Client Apps → Settings</b> page, click <b>New Connected App</b>",
        "ui",
    ),
    (
        "2:N20",
        "**Setup → External Client Apps → Settings → New Connected App**",
        "readme",
    ),
    (
        "2:N18",
        "<span data-dated=\"connected_apps_end_of_support\"></span>",
        "ui",
    ),
    ("2:N18", "prefer migrating one you have", "readme"),
    (
        "2:N3",
        "<span data-dated=\"use_any_api_auth_everywhere\"></span>",
        "ui",
    ),
    (
        "2:N4",
        "<span data-dated=\"password_flow_ends\"></span>",
        "ui",
    ),
    ("2:N4", "**20 February 2027** (KB 005461976", "readme"),
    ("2:N3", "user in every org (since Winter '27)", "readme"),
    (
        "2:N22",
        "lacks the <b>Approve Uninstalled Connected Apps</b>",
        "ui",
    ),
    (
        "2:N39",
        "Airbyte's web app takes them in its form, not as a file",
        "ui",
    ),
    ("2:N38", "\"auth_type\":\"ClientManual\"", "readme"),
    (
        "2:N39",
        "without a Start Date the connector reads the last two years",
        "readme",
    ),
    (
        "2:R1-7",
        "An External Client App's settings apply at once",
        "ui",
    ),
    ("2:N15", "(Salesforce requires API Only)", "ui"),
    (
        "2:N35",
        "This CustomerOS (its cloud) connects Salesforce with its own sign-in, in its own settings",
        "ui",
    ),
    (
        "2:N35",
        "has had no Settings → Integrations page since",
        "readme",
    ),
    ("2:N32", "and also writes to Salesforce", "ui"),
    (
        "2:N32",
        "also writes Leads and Opportunities to Salesforce",
        "readme",
    ),
    (
        "2:N34",
        "<b>Settings → API</b> shows your workspace's API key",
        "ui",
    ),
    ("F6", "**Use Any API Auth**", "readme"),
    ("F7", "needs an existing Connected App", "readme"),
];

/// (review row, wording it found wrong, where). `2:` rows are the second review's
/// (`salesforce-truth-2.md`).
const MUST_NOT_SAY: &[(&str, &str, &str)] = &[
    ("2:N11", "Refresh Token Rotation</b> unticked", "ui"),
    ("2:N35", "open <b>Settings</b> → <b>Integrations</b>", "ui"),
    ("2:N32", "CustomerOS collects your Salesforce data", "ui"),
    ("2:N34", "API keys are made in CustomerOS's settings", "ui"),
    (
        "2:N13",
        "set <b>IP Relaxation</b> to <i>Relax IP restrictions</i>",
        "ui",
    ),
    (
        "2:N13",
        "<b>IP Relaxation</b> to <i>Relax IP restrictions</i>",
        "ui",
    ),
    (
        "2:N13",
        "set **IP Relaxation** to *Relax IP restrictions*",
        "readme",
    ),
    (
        "2:N20",
        "Open <b>App Manager</b> and click <b>New Connected App</b>",
        "ui",
    ),
    ("2:N3", "since Summer '26, the user also needs", "ui"),
    ("2:N3", "in new orgs since Summer '26", "readme"),
    ("2:N4", "is being deprecated", "readme"),
    ("2:N39", "with the configuration file sfconnect saves", "ui"),
    (
        "2:R1-7",
        "Salesforce can take up to 10 minutes before a new app accepts sign-ins",
        "ui",
    ),
    (
        "2:N22",
        "OAUTH_APPROVAL_ERROR_GENERIC</button> You signed in to a different org",
        "ui",
    ),
    (
        "2:N15",
        "with access to Accounts and Contacts is best",
        "ui",
    ),
    ("2:N11", "Token Rotation** unticked", "readme"),
    ("2:N12", "so only one copy can stay in use", "ui"),
    (
        "2:N40",
        "it keeps the new token), asks who is signed in",
        "readme",
    ),
    (
        "2:N41",
        "revokes sfconnect's access at Salesforce and forgets the secrets",
        "ui",
    ),
    ("8/19", "emails you a verification code", "ui"),
    ("8/19", "enter the code Salesforce emails", "ui"),
    ("14", "your org only allows External Client Apps", "ui"),
    ("18", "<b>Manage App</b> screen", "ui"),
    (
        "37",
        "may self-authorize</i> for External Client Apps",
        "ui",
    ),
    (
        "52",
        "<b>Connected App</b> — OAuth 2.0 client credentials",
        "ui",
    ),
    (
        "13",
        "can only be created after Salesforce Support turns that on",
        "readme",
    ),
];

#[test]
fn the_guidance_says_what_salesforce_does_today() {
    let ui = read("../ui/index.html");
    let readme = read("../README.md");
    let source = |place: &str| match place {
        "ui" => &ui,
        "readme" => &readme,
        other => panic!("unknown place {other}"),
    };
    let mut missing = Vec::new();
    for (row, text, place) in MUST_SAY {
        if !source(place).contains(text) {
            missing.push(format!("row {row} ({place}): {text}"));
        }
    }
    for (row, text, place) in MUST_NOT_SAY {
        if source(place).contains(text) {
            missing.push(format!("row {row} ({place}) still says: {text}"));
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

#[test]
fn every_open_in_salesforce_button_names_a_known_page() {
    let html = read("../ui/index.html");
    let known: Vec<String> = SetupPage::LINKED
        .iter()
        .map(|page| {
            serde_json::to_value(page)
                .unwrap()
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    let mut seen = 0;
    for piece in html.split("data-page=\"").skip(1) {
        let page = piece.split('"').next().unwrap();
        assert!(known.iter().any(|k| k == page), "unknown Setup page {page}");
        seen += 1;
    }
    assert!(seen >= 6, "only {seen} Open in Salesforce buttons");
}

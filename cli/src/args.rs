//! The command line. Scripts and support staff depend on it: keep it stable.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Connect a Salesforce org to CustomerOS, Customerscore or Airbyte.
#[derive(Debug, Parser)]
#[command(name = "sfconnect", version, about, long_about = None, after_help = EXAMPLES)]
pub(crate) struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
    /// Keep separate connections under different names (a sandbox and production): letters,
    /// digits, - and _. `sfconnect connections` lists them.
    #[arg(
        long,
        global = true,
        env = "SFCONNECT_PROFILE",
        default_value = "default",
        hide_env = true
    )]
    pub profile: String,
    /// Log what happens (never secrets) to stderr; repeat for more detail.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
}

const EXAMPLES: &str = "Examples:
  sfconnect connect --demo
  SFCONNECT_CLIENT_SECRET=… CUSTOMEROS_API_KEY=… sfconnect connect --method web \\
      --login-url acme.my.salesforce.com --client-id 3MVG9… \\
      --destination customeros --customeros-url https://app.customeros.ai \\
      --customeros-username ana@acme.com
  sfconnect status
  sfconnect --profile sandbox connect …   # a second connection, e.g. a sandbox
  sfconnect connections                   # the connections kept on this computer
  sfconnect handoff      # retry a hand-off that failed, without signing in again
  sfconnect disconnect   # remove from CustomerOS, revoke at Salesforce, forget the secrets

Secrets come from SFCONNECT_CLIENT_SECRET, SFCONNECT_PASSWORD, SFCONNECT_SECURITY_TOKEN and
CUSTOMEROS_API_KEY, or a hidden prompt on a terminal; never from the command line.";

/// The subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Sign in to Salesforce, verify the org, and hand the credentials to the destination.
    Connect(Box<ConnectArgs>),
    /// Retry handing the stored sign-in to CustomerOS (after a failed hand-off).
    Handoff(HandoffArgs),
    /// Remove the connection at CustomerOS, revoke every sign-in it kept at Salesforce, forget
    /// the secrets. Says first what will stop.
    Disconnect(DisconnectArgs),
    /// Show what is stored (never the secrets).
    Status(JsonArg),
    /// Check the connection live: ask Salesforce whether the kept sign-in is active (without
    /// renewing it, so the destination's copy is never disturbed) and ask CustomerOS whether it
    /// still lists Salesforce. Exit 0 only if every part answered.
    Check(JsonArg),
    /// A support report: versions, the step reached, settings, which secrets are kept (never
    /// their values), recent errors and log lines.
    Report(ReportArgs),
    /// List the connections kept on this computer (open one with `--profile NAME`).
    Connections(JsonArg),
}

/// `--json`.
#[derive(Debug, Args)]
pub(crate) struct JsonArg {
    /// Print one JSON object on stdout.
    #[arg(long)]
    pub json: bool,
}

/// `sfconnect disconnect`.
#[derive(Debug, Args)]
pub(crate) struct DisconnectArgs {
    /// Print one JSON object on stdout.
    #[arg(long)]
    pub(crate) json: bool,
    /// Revoke at Salesforce even though CustomerOS can't be reached now; removing the
    /// connection from CustomerOS is left for a later `sfconnect disconnect`.
    #[arg(long)]
    pub(crate) leave_destination: bool,
}

/// `sfconnect report`.
#[derive(Debug, Args)]
pub(crate) struct ReportArgs {
    /// Write the report to this file (readable only by you) instead of printing it.
    #[arg(long, value_name = "FILE")]
    pub(crate) output: Option<std::path::PathBuf>,
}

/// `sfconnect handoff`.
#[derive(Debug, Args)]
pub(crate) struct HandoffArgs {
    /// Print one JSON object on stdout.
    #[arg(long)]
    pub(crate) json: bool,
}

/// Sign-in methods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MethodArg {
    /// Browser sign-in (authorization code + PKCE); gives a refresh token.
    Web,
    /// Client credentials (My Domain address and a Run As user).
    ClientCredentials,
    /// Username + password + security token (being retired by Salesforce).
    Password,
}

/// CustomerOS API key header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KeyHeaderArg {
    /// X-CUSTOMER-OS-API-KEY (tenant key).
    Tenant,
    /// X-Openline-API-KEY (app key).
    App,
}

/// `sfconnect connect`.
#[derive(Debug, Args)]
pub(crate) struct ConnectArgs {
    /// Run the whole flow against built-in simulators (no Salesforce org needed).
    #[arg(long)]
    pub demo: bool,
    /// How to sign in to Salesforce.
    #[arg(long, value_enum, default_value = "web")]
    pub method: MethodArg,
    /// Your Salesforce login address: login.salesforce.com, test.salesforce.com, your My
    /// Domain, or any address copied from your Salesforce tab.
    #[arg(long, value_name = "URL", required_unless_present = "demo")]
    pub login_url: Option<String>,
    /// The app's Consumer Key (not needed for --method password without an app).
    #[arg(long, value_name = "KEY")]
    pub client_id: Option<String>,
    /// Loopback port for the browser's return; repeat to list fallbacks (each must be a
    /// registered Callback URL).
    #[arg(long = "port", value_name = "P")]
    pub ports: Vec<u16>,
    /// Seconds to wait for the browser sign-in.
    #[arg(long, value_name = "SECS", default_value_t = 300, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub timeout: u64,
    /// Seconds to wait for Salesforce to accept a new or just-edited app before the browser
    /// opens (it can take up to 10 minutes); 0 = don't wait.
    #[arg(long, value_name = "SECS", default_value_t = 600, value_parser = clap::value_parser!(u64).range(0..=3600))]
    pub app_wait: u64,
    /// Don't open a browser; print the sign-in link to open anywhere.
    #[arg(long, conflicts_with = "paste")]
    pub no_browser: bool,
    /// The browser is on another machine: print the link, then read the address it ends on
    /// from stdin.
    #[arg(long)]
    pub paste: bool,
    /// OAuth scopes to request.
    #[arg(long, value_name = "S", default_value = sfconnect_core::oauth::authorize::DEFAULT_SCOPE)]
    pub scope: String,
    /// Salesforce username (for --method password).
    #[arg(long, value_name = "USER")]
    pub username: Option<String>,
    /// Where the credentials go.
    #[arg(long, value_enum, default_value_t)]
    pub destination: sfconnect_core::destination::Destination,
    /// Your CustomerOS address.
    #[arg(long, value_name = "URL")]
    pub customeros_url: Option<String>,
    /// The email you sign in to CustomerOS with.
    #[arg(long, value_name = "EMAIL")]
    pub customeros_username: Option<String>,
    /// Which header carries the CustomerOS API key.
    #[arg(long, value_enum, default_value = "tenant")]
    pub api_key_header: KeyHeaderArg,
    /// File for the Airbyte configuration (--destination airbyte).
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace the --output file if it exists (otherwise an existing file is left alone).
    #[arg(long, requires = "output")]
    pub overwrite: bool,
    /// Show secrets in the Customerscore field list instead of dots.
    #[arg(long)]
    pub show_secrets: bool,
    /// Print one JSON object on stdout.
    #[arg(long)]
    pub json: bool,
    /// Don't keep the secrets in the keyring.
    #[arg(long, conflicts_with = "require_store")]
    pub no_store: bool,
    /// Fail if the secrets can't be kept in the keyring.
    #[arg(long)]
    pub require_store: bool,
}

impl From<MethodArg> for sfconnect_core::Method {
    fn from(method: MethodArg) -> Self {
        match method {
            MethodArg::Web => Self::Web,
            MethodArg::ClientCredentials => Self::ClientCredentials,
            MethodArg::Password => Self::Password,
        }
    }
}

impl From<KeyHeaderArg> for sfconnect_core::destination::customeros::ApiKeyHeader {
    fn from(header: KeyHeaderArg) -> Self {
        match header {
            KeyHeaderArg::Tenant => Self::Tenant,
            KeyHeaderArg::App => Self::App,
        }
    }
}

impl ConnectArgs {
    /// The keyring policy `--no-store` / `--require-store` ask for.
    pub(crate) fn store_policy(&self) -> sfconnect_core::StorePolicy {
        if self.no_store {
            sfconnect_core::StorePolicy::Skip
        } else if self.require_store {
            sfconnect_core::StorePolicy::Require
        } else {
            sfconnect_core::StorePolicy::Store
        }
    }
}

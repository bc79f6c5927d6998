//! The subcommands: build the engine, gather inputs, run, report.

use crate::args::{Cli, Command, ConnectArgs, DestinationArg, KeyHeaderArg, MethodArg};
use crate::{demo, output, secrets};
use sfconnect_core::destination::customeros::{ApiKeyHeader, CustomerOs};
use sfconnect_core::flow::{
    ConnectRequest, DestinationRequest, SignInInputs, SignInRequest, StorePolicy, SystemClock,
};
use sfconnect_core::secret::{ApiKey, ClientSecret, Password, SecurityToken};
use sfconnect_core::store::settings::SettingsFile;
use sfconnect_core::store::{KeyringStore, MemoryStore, SecretStore};
use sfconnect_core::{Engine, Error, Field, LoginHost, Method};
use std::io::{BufRead, IsTerminal};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;
use tokio_util::sync::CancellationToken;

/// Runs the parsed command line.
pub async fn run(cli: Cli) -> ExitCode {
    tracing::debug!("started");
    let cancel = CancellationToken::new();
    let on_interrupt = cancel.clone();
    tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            on_interrupt.cancel();
        }
    });
    let (json, result) = match cli.command {
        Command::Connect(args) => (args.json, connect(*args, &cli.profile, &cancel).await),
        Command::Handoff(a) => (a.json, handoff(&cli.profile, a.json, &cancel).await),
        Command::Disconnect(a) => (a.json, disconnect(&cli.profile, a.json, &cancel).await),
        Command::Status(a) => (a.json, status(&cli.profile, a.json)),
    };
    tracing::debug!("finished");
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            output::failed(&error, json);
            if matches!(error, Error::Cancelled) {
                ExitCode::from(130)
            } else {
                ExitCode::FAILURE
            }
        }
    }
}

fn engine(
    profile: &str,
    store: Arc<dyn SecretStore>,
    browser: Arc<dyn sfconnect_core::browser::BrowserOpener>,
) -> Result<Engine, Error> {
    Ok(Engine::new(
        sfconnect_core::http::Http::new(),
        browser,
        store,
        SettingsFile::for_profile(profile)?,
        Arc::new(SystemClock),
    ))
}

async fn connect(
    mut args: ConnectArgs,
    profile: &str,
    cancel: &CancellationToken,
) -> Result<(), Error> {
    let reporter = output::Reporter::new(args.demo);
    let mut demo_sims = None;
    let mut demo_settings = None;
    if args.demo {
        let (sims, port) = demo::start(&args.ports).await?;
        eprintln!(
            "DEMO — simulated Salesforce and CustomerOS on this computer; no real org or account is used."
        );
        args.login_url = Some(sims.salesforce.my_domain_url().to_owned());
        args.client_id
            .get_or_insert_with(|| sfconnect_sim::creds::CLIENT_ID.to_owned());
        args.ports = vec![port];
        args.customeros_url = Some(sims.customeros.url().to_owned());
        args.customeros_username
            .get_or_insert_with(|| sfconnect_sim::creds::CUSTOMEROS_USER.to_owned());
        if args.method == MethodArg::Password {
            args.username
                .get_or_insert_with(|| sfconnect_sim::creds::USERNAME.to_owned());
        }
        let dir = std::env::temp_dir().join(format!("sfconnect-demo-{}", std::process::id()));
        demo_settings = Some(dir);
        demo_sims = Some(sims);
    }
    let demo = demo_sims.is_some();
    let secret_from =
        |var: &str, prompt: &str, demo_value: &str| -> Result<Option<String>, Error> {
            if demo {
                Ok(Some(demo_value.to_owned()))
            } else {
                secrets::read(var, prompt)
            }
        };
    use sfconnect_sim::creds;

    let login = LoginHost::parse(args.login_url.as_deref().unwrap_or_default())?;
    let method = match args.method {
        MethodArg::Web => Method::Web,
        MethodArg::ClientCredentials => Method::ClientCredentials,
        MethodArg::Password => Method::Password,
    };
    let client_id = args.client_id.clone().unwrap_or_default();
    if client_id.trim().is_empty() && method != Method::Password {
        return Err(Error::input(
            Field::ClientId,
            "Give the app's Consumer Key with --client-id.",
        ));
    }
    let client_secret = if client_id.trim().is_empty() {
        None
    } else {
        secret_from(
            "SFCONNECT_CLIENT_SECRET",
            "Consumer Secret",
            creds::CLIENT_SECRET,
        )?
        .map(ClientSecret::new)
    };
    let (password, security_token) = if method == Method::Password {
        (
            secret_from("SFCONNECT_PASSWORD", "Salesforce password", creds::PASSWORD)?
                .map(Password::new),
            secret_from(
                "SFCONNECT_SECURITY_TOKEN",
                "Security token (leave empty if none)",
                creds::SECURITY_TOKEN,
            )?
            .map(SecurityToken::new),
        )
    } else {
        (None, None)
    };
    let destination = match args.destination {
        DestinationArg::Customeros => {
            let url = args.customeros_url.clone().ok_or_else(|| {
                Error::input(
                    Field::CustomerOsUrl,
                    "Give your CustomerOS address with --customeros-url.",
                )
            })?;
            let user = args.customeros_username.clone().ok_or_else(|| {
                Error::input(
                    Field::Email,
                    "Give the email you sign in to CustomerOS with, with --customeros-username.",
                )
            })?;
            let key = if demo {
                creds::CUSTOMEROS_API_KEY.to_owned()
            } else {
                secrets::require("CUSTOMEROS_API_KEY", "CustomerOS API key", Field::ApiKey)?
            };
            let header = match args.api_key_header {
                KeyHeaderArg::Tenant => ApiKeyHeader::Tenant,
                KeyHeaderArg::App => ApiKeyHeader::App,
            };
            DestinationRequest::CustomerOs(CustomerOs::new(&url, &user, ApiKey::new(key), header)?)
        }
        DestinationArg::Customerscore => DestinationRequest::Customerscore {
            show_secrets: args.show_secrets,
        },
        DestinationArg::Airbyte => DestinationRequest::Airbyte {
            path: args.output.clone().ok_or_else(|| {
                Error::input(
                    Field::OutputFile,
                    "Give a file for the Airbyte configuration with --output FILE.",
                )
            })?,
        },
    };
    sfconnect_core::oauth::loopback::check_ports(&args.ports)?;
    let paste = args.paste.then(spawn_paste_reader);
    let request = ConnectRequest {
        sign_in: SignInRequest {
            method,
            login,
            client_id,
            client_secret,
            username: args.username.clone(),
            password,
            security_token,
            sign_in: SignInInputs {
                ports: if args.ports.is_empty() {
                    vec![sfconnect_core::oauth::loopback::DEFAULT_PORT]
                } else {
                    args.ports.clone()
                },
                timeout: Duration::from_secs(args.timeout),
                scope: args.scope.clone(),
                open_browser: !args.no_browser && !args.paste,
                paste,
            },
            destination: destination.kind(),
            store: if args.no_store {
                StorePolicy::Skip
            } else if args.require_store {
                StorePolicy::Require
            } else {
                StorePolicy::Store
            },
        },
        deliver: destination,
    };
    let engine = match &demo_settings {
        Some(dir) => Engine::new(
            sfconnect_core::http::Http::new(),
            Arc::new(demo::SimulatedBrowser),
            Arc::new(MemoryStore::default()),
            SettingsFile::at(dir.join("demo.json")),
            Arc::new(SystemClock),
        ),
        None => engine(
            profile,
            Arc::new(KeyringStore::new(profile)),
            Arc::new(sfconnect_core::browser::SystemBrowser),
        )?,
    };
    reporter.spawn_ticker();
    let events = {
        let reporter = reporter.clone();
        move |p| reporter.event(p)
    };
    let result = engine.connect(request, &events, cancel).await;
    if let Some(dir) = demo_settings {
        let _ = std::fs::remove_dir_all(dir);
    }
    let connected = result?;
    output::connected(&connected, args.json, demo, args.output.as_deref());
    Ok(())
}

/// Reads pasted addresses from stdin on a thread: line by line on a terminal (asking again
/// after a bad one), or everything until end of input from a pipe.
fn spawn_paste_reader() -> tokio::sync::mpsc::Receiver<String> {
    let (sender, receiver) = tokio::sync::mpsc::channel(4);
    let terminal = std::io::stdin().is_terminal();
    std::thread::spawn(move || {
        if terminal {
            eprintln!(
                "After choosing Allow, copy the whole address from the browser's address bar and paste it here:"
            );
        }
        for line in std::io::stdin().lock().lines() {
            let Ok(line) = line else { break };
            if line.trim().is_empty() {
                continue;
            }
            if sender.blocking_send(line).is_err() {
                break;
            }
        }
    });
    receiver
}

fn stored_engine(profile: &str) -> Result<Engine, Error> {
    engine(
        profile,
        Arc::new(KeyringStore::new(profile)),
        Arc::new(sfconnect_core::browser::NoBrowser),
    )
}

fn api_key_override() -> Option<ApiKey> {
    std::env::var("CUSTOMEROS_API_KEY")
        .ok()
        .filter(|k| !k.trim().is_empty())
        .map(ApiKey::new)
}

async fn handoff(profile: &str, json: bool, cancel: &CancellationToken) -> Result<(), Error> {
    let engine = stored_engine(profile)?;
    let reporter = output::Reporter::new(false);
    let events = move |p| reporter.event(p);
    let done = engine.handoff(api_key_override(), &events, cancel).await?;
    if json {
        output::print_json(&done);
    } else {
        println!(
            "Connected. CustomerOS shows Salesforce as {} for org {} ({}).",
            done.destination_state, done.org_id, done.username
        );
    }
    Ok(())
}

async fn disconnect(profile: &str, json: bool, cancel: &CancellationToken) -> Result<(), Error> {
    let engine = stored_engine(profile)?;
    let done = engine.disconnect(api_key_override(), cancel).await?;
    if json {
        output::print_json(&done);
    } else {
        println!("Disconnected.");
        if done.removed_from_destination {
            println!("  Removed the Salesforce connection from CustomerOS.");
        }
        if done.revoked {
            println!("  Revoked sfconnect's access at Salesforce.");
        }
        println!("  Forgot the secrets on this computer.");
    }
    Ok(())
}

fn status(profile: &str, json: bool) -> Result<(), Error> {
    let engine = stored_engine(profile)?;
    let status = engine.status()?;
    if json {
        output::print_json(&status);
        return Ok(());
    }
    let s = &status.settings;
    let or_dash = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".into());
    match (&s.identity, &s.destination_state) {
        (Some(id), Some(state)) => println!(
            "Connected: {} in org {} → {} is {}",
            id.username,
            id.org_id,
            s.destination.map_or("destination", |d| d.display_name()),
            state
        ),
        (Some(id), None) if s.handoff_pending => println!(
            "Signed in as {} (org {}), but the hand-off hasn't succeeded yet: run `sfconnect handoff`.",
            id.username, id.org_id
        ),
        _ => println!("Not connected."),
    }
    println!("  Login address     {}", or_dash(&s.login_url));
    println!("  Consumer Key      {}", or_dash(&s.client_id));
    println!("  Method            {}", or_dash(&s.method));
    println!(
        "  CustomerOS        {} as {}",
        or_dash(&s.customeros_url),
        or_dash(&s.customeros_username)
    );
    if let Some(counts) = &s.counts {
        println!("  Will sync         {}", output::counts_line(counts));
    }
    match &status.secrets {
        Some(p) => println!(
            "  In the keyring    Consumer Secret: {}, refresh token: {}, CustomerOS API key: {}",
            yes_no(p.client_secret),
            yes_no(p.refresh_token),
            yes_no(p.customeros_api_key)
        ),
        None => println!("  In the keyring    (the system keyring isn't available)"),
    }
    println!("  Settings file     {}", status.settings_file);
    Ok(())
}

fn yes_no(present: bool) -> &'static str {
    if present { "stored" } else { "not stored" }
}

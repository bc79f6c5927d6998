//! `sfconnect connect`: gather the inputs (demo values, environment, prompts), build the
//! request, run both phases, report.

use crate::args::{ConnectArgs, MethodArg};
use crate::output::Failure;
use crate::{output, secrets};
use sfconnect_core::browser::SystemBrowser;
use sfconnect_core::destination::Destination;
use sfconnect_core::destination::customeros::CustomerOs;
use sfconnect_core::engine::{
    ConnectRequest, DestinationRequest, SignInFields, SignInInputs, SignInRequest,
};
use sfconnect_core::oauth::ports::{check_ports, ports_or_default};
use sfconnect_core::secret::{ApiKey, ClientSecret, Password, SecurityToken};
use sfconnect_core::{Error, Field, LoginHost, Method};
use sfconnect_demo::{Demo, creds};
use std::io::{BufRead, IsTerminal};
use std::time::Duration;
use tokio_util::sync::CancellationToken;

/// `sfconnect connect`: both phases in one run.
pub(crate) async fn run(
    args: ConnectArgs,
    profile: &str,
    cancel: &CancellationToken,
) -> Result<(), Failure> {
    let reporter = output::Reporter::new(args.demo);
    let (args, demo) = if args.demo {
        let demo = Demo::start(&args.ports).await?;
        eprintln!(
            "DEMO — simulated Salesforce and CustomerOS on this computer; no real org or account is used."
        );
        (fill_in_demo(args, &demo), Some(demo))
    } else {
        (args, None)
    };
    // Checked in this order, so the first problem reported is the first one in the command.
    let login = LoginHost::parse(args.login_url.as_deref().unwrap_or_default())?;
    let has_app = args
        .client_id
        .as_deref()
        .is_some_and(|c| !c.trim().is_empty());
    if !has_app && args.method != MethodArg::Password {
        return Err(Error::input(
            Field::ClientId,
            "Give the app's Consumer Key with --client-id.",
        )
        .into());
    }
    let secrets = match &demo {
        Some(_) => Secrets::demo(),
        None => Secrets::gather(&args, has_app)?,
    };
    let deliver = destination_request(&args, secrets.api_key)?;
    check_ports(&args.ports)?;
    let request = ConnectRequest {
        sign_in: sign_in_request(&args, login, secrets.sign_in, deliver.kind())?,
        deliver,
    };
    let engine = match &demo {
        Some(demo) => demo.engine(demo.browser()),
        None => crate::engine::engine(profile, SystemBrowser)?,
    };
    reporter.spawn_ticker();
    let events = {
        let reporter = reporter.clone();
        move |p| reporter.event(p)
    };
    let connected = engine
        .connect(request, &events, cancel)
        .await
        .map_err(|error| crate::engine::failed_in(error, &engine))?;
    output::connected(
        &connected,
        args.json,
        demo.is_some(),
        args.output.as_deref(),
    );
    Ok(())
}

/// Points the arguments at the demo's simulators, keeping what the user gave.
fn fill_in_demo(mut args: ConnectArgs, demo: &Demo) -> ConnectArgs {
    let values = demo.values();
    args.login_url = Some(values.login_url);
    args.client_id.get_or_insert(values.client_id);
    args.ports = vec![demo.port()];
    args.customeros_url = Some(values.customeros_url);
    args.customeros_username
        .get_or_insert(values.customeros_username);
    if args.method == MethodArg::Password {
        args.username
            .get_or_insert_with(|| creds::USERNAME.to_owned());
    }
    args
}

/// The secrets a run needs, from the environment or a hidden prompt (never argv).
struct Secrets {
    sign_in: SignInSecrets,
    api_key: Option<ApiKey>,
}

#[derive(Default)]
struct SignInSecrets {
    client_secret: Option<ClientSecret>,
    password: Option<Password>,
    security_token: Option<SecurityToken>,
}

impl Secrets {
    /// The simulated org's public test values.
    fn demo() -> Self {
        Self {
            sign_in: SignInSecrets {
                client_secret: Some(ClientSecret::new(creds::CLIENT_SECRET)),
                password: Some(Password::new(creds::PASSWORD)),
                security_token: Some(SecurityToken::new(creds::SECURITY_TOKEN)),
            },
            api_key: Some(ApiKey::new(creds::CUSTOMEROS_API_KEY)),
        }
    }

    fn gather(args: &ConnectArgs, has_app: bool) -> Result<Self, Error> {
        let method = Method::from(args.method);
        let mut sign_in = SignInSecrets::default();
        if has_app {
            sign_in.client_secret =
                secrets::read("SFCONNECT_CLIENT_SECRET", "Consumer Secret")?.map(ClientSecret::new);
        }
        if method == Method::Password {
            sign_in.password =
                secrets::read("SFCONNECT_PASSWORD", "Salesforce password")?.map(Password::new);
            sign_in.security_token = secrets::read(
                "SFCONNECT_SECURITY_TOKEN",
                "Security token (leave empty if none)",
            )?
            .map(SecurityToken::new);
        }
        // The API key is asked for once the CustomerOS address and email are known good.
        Ok(Self {
            sign_in,
            api_key: None,
        })
    }
}

fn destination_request(
    args: &ConnectArgs,
    api_key: Option<ApiKey>,
) -> Result<DestinationRequest, Error> {
    Ok(match args.destination {
        Destination::Customeros => {
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
            let key = match api_key {
                Some(key) => key,
                None => ApiKey::new(secrets::require(
                    "CUSTOMEROS_API_KEY",
                    "CustomerOS API key",
                    Field::ApiKey,
                )?),
            };
            DestinationRequest::CustomerOs(CustomerOs::new(
                &url,
                &user,
                key,
                args.api_key_header.into(),
            )?)
        }
        Destination::Customerscore => DestinationRequest::Customerscore {
            show_secrets: args.show_secrets,
        },
        Destination::Airbyte => DestinationRequest::Airbyte {
            path: args.output.clone().ok_or_else(|| {
                Error::input(
                    Field::OutputFile,
                    "Give a file for the Airbyte configuration with --output FILE.",
                )
            })?,
            replace: args.overwrite,
        },
    })
}

fn sign_in_request(
    args: &ConnectArgs,
    login: LoginHost,
    secrets: SignInSecrets,
    destination: Destination,
) -> Result<SignInRequest, Error> {
    let fields = SignInFields {
        method: args.method.into(),
        client_id: args.client_id.clone().unwrap_or_default(),
        client_secret: secrets.client_secret,
        username: args.username.clone(),
        password: secrets.password,
        security_token: secrets.security_token,
        browser: SignInInputs {
            ports: ports_or_default(&args.ports),
            timeout: Duration::from_secs(args.timeout),
            scope: args.scope.clone(),
            open_browser: !args.no_browser && !args.paste,
            paste: args.paste.then(spawn_paste_reader),
            app_wait: Duration::from_secs(args.app_wait),
        },
    };
    SignInRequest::new(login, fields, destination, args.store_policy())
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

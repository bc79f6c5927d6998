//! The subcommands: build the engine, gather inputs, run, report.

use crate::args::{Cli, Command, DisconnectArgs, HandoffArgs};
use crate::engine::{api_key_override, failed_in, stored_engine};
use crate::output::Failure;
use crate::{connect, output};
use sfconnect_core::destination::DeliveryState;
use sfconnect_core::engine::{ReportContext, RevokeOutcome, SalesforceSays};
use sfconnect_core::store::{config_dir, profiles};
use sfconnect_core::{Code, Error};
use std::process::ExitCode;
use tokio_util::sync::CancellationToken;

/// Runs the parsed command line.
pub(crate) async fn run(cli: Cli) -> ExitCode {
    tracing::debug!("started");
    let cancel = CancellationToken::new();
    let on_interrupt = cancel.clone();
    tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            on_interrupt.cancel();
        }
    });
    let demo = matches!(&cli.command, Command::Connect(args) if args.demo);
    if let Err(error) = profiles::check_name(&cli.profile) {
        output::failed(&error.into(), wants_json(&cli.command));
        return ExitCode::FAILURE;
    }
    let (json, result) = match cli.command {
        Command::Connect(args) => (args.json, connect::run(*args, &cli.profile, &cancel).await),
        Command::Handoff(a) => (a.json, handoff(&cli.profile, &a, &cancel).await),
        Command::Disconnect(a) => (
            a.json,
            disconnect(&cli.profile, &a, &cancel)
                .await
                .map_err(Into::into),
        ),
        Command::Status(a) => (a.json, status(&cli.profile, a.json).map_err(Into::into)),
        Command::Check(a) => (a.json, check(&cli.profile, a.json, &cancel).await),
        Command::Report(a) => (false, report(&cli.profile, &a).map_err(Into::into)),
        Command::Connections(a) => (
            a.json,
            connections(&cli.profile, a.json).map_err(Into::into),
        ),
    };
    tracing::debug!("finished");
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(mut failure) => {
            if !demo {
                failure.error = with_cli_retry(failure.error, &cli.profile);
            }
            // Kept (redacted) for `sfconnect report`; the demo's own failures stay in the demo.
            if !demo && !matches!(failure.error, Error::Cancelled) {
                let ran = failure
                    .engine
                    .take()
                    .map_or_else(|| stored_engine(&cli.profile), Ok);
                if let Ok(engine) = ran {
                    engine.record_failure(&failure.error);
                }
            }
            output::failed(&failure, json);
            if matches!(failure.error, Error::Cancelled) {
                ExitCode::from(130)
            } else {
                ExitCode::FAILURE
            }
        }
    }
}

/// On the command line, a failed hand-off whose sign-in is kept names the command that retries
/// it (the engine's own words stay free of CLI commands, for the wizard).
fn with_cli_retry(error: Error, profile: &str) -> Error {
    let pending = stored_engine(profile)
        .and_then(|engine| engine.status())
        .is_ok_and(|status| status.settings.handoff_pending);
    match error {
        Error::Destination {
            code: sfconnect_core::Code::CustomerosConnectsItself,
            ..
        } => error,
        Error::Destination { .. } | Error::Unreachable { .. } if pending => {
            error.with_note("Retry with `sfconnect handoff` (no new sign-in needed).")
        }
        other => other,
    }
}

async fn handoff(
    profile: &str,
    args: &HandoffArgs,
    cancel: &CancellationToken,
) -> Result<(), Failure> {
    let engine = stored_engine(profile)?;
    let reporter = output::Reporter::new(false);
    let events = move |p| reporter.event(p);
    let done = engine
        .handoff(api_key_override(), &events, cancel)
        .await
        .map_err(|error| failed_in(error, &engine))?;
    if args.json {
        output::print_json(&done);
    } else {
        say!(
            "Connected. CustomerOS shows Salesforce as {} for org {} ({}).",
            done.destination_state,
            done.org_id,
            done.username
        );
    }
    Ok(())
}

async fn check(profile: &str, json: bool, cancel: &CancellationToken) -> Result<(), Failure> {
    let engine = stored_engine(profile)?;
    let reporter = output::Reporter::new(false);
    let events = move |p| reporter.event(p);
    let checked = engine
        .check(api_key_override(), &events, cancel)
        .await
        .map_err(|error| failed_in(error, &engine))?;
    if json {
        output::print_json(&checked);
        return Ok(());
    }
    say!("Checked just now.");
    let who = format!("{} in org {}", checked.username, checked.org_id);
    match checked.salesforce {
        SalesforceSays::Active => say!("  ✓ Salesforce       says this sign-in ({who}) is active"),
        SalesforceSays::Replaced => say!(
            "  · Salesforce       says sfconnect's copy of the sign-in ({who}) was replaced: with Refresh Token Rotation on, that is what {}'s own renewals do",
            checked.destination.display_name()
        ),
    }
    let destination = checked.destination.display_name();
    match (checked.destination_checked, checked.destination_state) {
        (true, Some(state)) => say!("  ✓ {destination:<16} says Salesforce is {state}"),
        (_, Some(state)) => say!(
            "  · {destination:<16} {state} when delivered ({destination} can't be asked; check it there)"
        ),
        (_, None) => say!("  · {destination:<16} not delivered yet"),
    }
    say!("  {}", checked.destination.holder_note());
    Ok(())
}

fn report(profile: &str, args: &crate::args::ReportArgs) -> Result<(), Error> {
    let engine = stored_engine(profile)?;
    let context = ReportContext {
        program: "sfconnect (command line)".into(),
        webkitgtk: None,
        log: sfconnect_core::engine::wizard_log(),
    };
    let text = engine.report(&context)?;
    match &args.output {
        Some(path) => {
            engine.write_report(path, &text)?;
            eprintln!(
                "Wrote the support report to {} (readable only by you).",
                path.display()
            );
        }
        None => print!("{}", output::printable(&text)),
    }
    Ok(())
}

async fn disconnect(
    profile: &str,
    args: &DisconnectArgs,
    cancel: &CancellationToken,
) -> Result<(), Error> {
    let engine = stored_engine(profile)?;
    let settings = engine.status()?.settings;
    if let Some(destination) = settings.destination {
        // Before acting: what will stop (stderr, so `--json` stays one object).
        eprintln!("{}", destination.disconnect_stops());
    }
    let done = engine
        .disconnect(api_key_override(), args.leave_destination, cancel)
        .await
        .map_err(|error| match error {
            Error::Unreachable { .. } => {
                error.with_note("(`sfconnect disconnect --leave-destination` does that.)")
            }
            other => other,
        })?;
    if args.json {
        output::print_json(&done);
        return Ok(());
    }
    say!("Disconnected.");
    if done.removed_from_destination {
        say!("  Removed the Salesforce connection from CustomerOS (CustomerOS confirmed).");
    }
    if done.destination_pending {
        say!(
            "  Not removed from CustomerOS yet (it couldn't be reached): run `sfconnect disconnect` again later to finish."
        );
    }
    match done.salesforce {
        RevokeOutcome::Revoked => {
            say!("  Revoked the sign-in at Salesforce (Salesforce confirmed).");
        }
        RevokeOutcome::AlreadyInvalid => say!(
            "  The sign-in was already invalid at Salesforce (Salesforce said so; nothing left to revoke)."
        ),
        RevokeOutcome::NothingKept => say!("  No Salesforce sign-in was kept on this computer."),
    }
    if done.newer_copy_may_live {
        say!(
            "  With Refresh Token Rotation on, the destination may hold a newer copy that still works: revoke it in Salesforce (Setup → External Client App OAuth Usage, or Connected Apps OAuth Usage)."
        );
    }
    if done.earlier_revoked > 0 {
        say!(
            "  Revoked {} earlier sign-in(s) of this connection at Salesforce.",
            done.earlier_revoked
        );
    }
    say!("  Forgot the secrets on this computer.");
    Ok(())
}

/// Whether the command was asked for JSON (to report a bad `--profile` the way it expects).
fn wants_json(command: &Command) -> bool {
    match command {
        Command::Connect(a) => a.json,
        Command::Handoff(a) => a.json,
        Command::Disconnect(a) => a.json,
        Command::Status(a) | Command::Check(a) => a.json,
        Command::Connections(a) => a.json,
        Command::Report(_) => false,
    }
}

/// `sfconnect connections`: every profile with a settings file, the one in use marked.
fn connections(current: &str, json: bool) -> Result<(), Error> {
    let list = profiles::list(&config_dir()?)?;
    if json {
        output::print_json(
            &serde_json::json!({ "status": "ok", "current": current, "connections": list }),
        );
        return Ok(());
    }
    if list.is_empty() {
        say!("No connections yet: `sfconnect connect` sets one up.");
    }
    for c in &list {
        let mark = if c.profile == current { "*" } else { " " };
        let state = if c.handed_off {
            "set up"
        } else {
            "not finished"
        };
        let sandbox = if c.sandbox { ", sandbox" } else { "" };
        say!("{mark} {:<16} {} ({state}{sandbox})", c.profile, c.label);
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
        // What this computer remembers, not a live answer: `check` asks both sides now.
        (Some(id), Some(state)) => {
            let (then, live) = match state {
                DeliveryState::Active => (
                    "at the hand-off, CustomerOS showed Salesforce as ACTIVE",
                    "Salesforce and CustomerOS",
                ),
                DeliveryState::Written => {
                    ("the Airbyte configuration file was written", "Salesforce")
                }
                DeliveryState::ReadyToCopy => {
                    ("the values for Customerscore were checked", "Salesforce")
                }
            };
            say!("Set up: {} in org {}; {then}.", id.username, id.org_id);
            say!("  That is what this computer remembers; `sfconnect check` asks {live} now.");
        }
        // Walkthrough 2, M8: the next step named here is the one `handoff` and `check` agree on.
        (Some(id), None) if s.handoff_pending => {
            let revoked = s
                .recent_errors
                .last()
                .is_some_and(|e| e.code == Code::RefreshTokenRevoked.as_str());
            let next = if revoked {
                format!(
                    "the last check found this sign-in revoked or expired at Salesforce: sign in again (`sfconnect{} connect`)",
                    profile_flag(profile)
                )
            } else if s.customeros_url.is_none() {
                "no CustomerOS address was given yet: finish it in the wizard, or with `sfconnect connect --customeros-url URL`".to_owned()
            } else {
                format!(
                    "`sfconnect{} handoff` finishes it (it first asks Salesforce whether the sign-in still works)",
                    profile_flag(profile)
                )
            };
            say!(
                "Signed in as {} (org {}), but the hand-off hasn't succeeded yet; {next}.",
                id.username,
                id.org_id
            );
        }
        _ if s.destination_removal_pending => say!(
            "Disconnected at Salesforce, but CustomerOS still has the connection: run `sfconnect disconnect` again to remove it there."
        ),
        _ => say!("Not set up on this computer."),
    }
    if s.earlier_sign_ins > 0 {
        say!(
            "  {} earlier sign-in(s) of this connection are still live at Salesforce (a destination may use one); `sfconnect disconnect` revokes them.",
            s.earlier_sign_ins
        );
    }
    say!("  Login address     {}", or_dash(&s.login_url));
    say!("  Consumer Key      {}", or_dash(&s.client_id));
    say!(
        "  Method            {}",
        s.method.map_or("—", |m| m.as_str())
    );
    say!(
        "  CustomerOS        {} as {}",
        or_dash(&s.customeros_url),
        or_dash(&s.customeros_username)
    );
    if let Some(counts) = &s.counts {
        say!("  Will sync         {}", output::counts_line(counts));
    }
    match &status.secrets {
        Some(p) => say!(
            "  In the keyring    Consumer Secret: {}, refresh token: {}, CustomerOS API key: {}",
            yes_no(p.client_secret),
            yes_no(p.refresh_token),
            yes_no(p.customeros_api_key)
        ),
        None => say!("  In the keyring    (the system keyring isn't available)"),
    }
    say!("  Settings file     {}", status.settings_file);
    Ok(())
}

fn yes_no(present: bool) -> &'static str {
    if present { "stored" } else { "not stored" }
}

/// ` --profile NAME` for a command line that names this connection (nothing for the default).
fn profile_flag(profile: &str) -> String {
    if profile == sfconnect_core::store::DEFAULT_PROFILE {
        String::new()
    } else {
        format!(" --profile {profile}")
    }
}

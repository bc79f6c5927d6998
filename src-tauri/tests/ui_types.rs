//! `ui/types.d.ts` is generated from the Rust types that cross into the wizard, all of them:
//! every object the UI reads or sends and every closed list (codes, steps, screens, methods,
//! destinations, secret names, progress kinds) comes from its `#[derive(ts_rs::TS)]`. This test
//! fails when the file is out of date; `SFCONNECT_WRITE_UI_TYPES=1 cargo test -p sfconnect-app
//! --test ui_types` rewrites it. `tsc` (in `scripts/test`) then refuses UI code that reads a
//! field, or names a value, Rust doesn't have.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use sfconnect_app::state::{ConnectionsView, WizardView};
use sfconnect_app::updates::{TurnedOffBy, UpdateCheck, UpdateSetting};
use sfconnect_core::app_policies::{AppPolicies, Renewals};
use sfconnect_core::dated::{Change, DatedText};
use sfconnect_core::destination::customeros::ApiKeyHeader;
use sfconnect_core::destination::{DeliveryState, Destination, DestinationInfo, ProviderField};
use sfconnect_core::engine::{
    Checked, Choices, Disconnected, ProviderFieldView, ProviderView, RevokeOutcome, SalesforceSays,
    Screen, Verified,
};
use sfconnect_core::salesforce::{AppKind, Identity};
use sfconnect_core::secret::{RevealableSecret, SecretName};
use sfconnect_core::setup_pages::{LoginCheck, SetupPage};
use sfconnect_core::store::profiles::ConnectionSummary;
use sfconnect_core::store::{RecordedError, Settings, Step, TokenIssuer};
use sfconnect_core::{BoundaryError, Code, Field, Method, Progress};
use sfconnect_demo::DemoValues;
use std::collections::BTreeSet;
use ts_rs::{Config, TS};

/// One exported declaration, and the names it refers to.
struct Declared {
    name: String,
    text: String,
    needs: Vec<String>,
}

fn declared<T: TS + ?Sized + 'static>(cfg: &Config) -> Declared {
    Declared {
        name: T::name(cfg),
        text: format!("export {}", T::decl(cfg)),
        needs: T::dependencies(cfg)
            .into_iter()
            .map(|d| d.ts_name)
            .collect(),
    }
}

/// Every type the UI sees, each once: the objects the commands answer or take, then what they
/// are made of.
fn every_type(cfg: &Config) -> Vec<Declared> {
    vec![
        // What the commands answer.
        declared::<WizardView>(cfg),
        declared::<Settings>(cfg),
        declared::<Verified>(cfg),
        declared::<Checked>(cfg),
        declared::<Disconnected>(cfg),
        declared::<SalesforceSays>(cfg),
        declared::<RevokeOutcome>(cfg),
        declared::<DatedText>(cfg),
        declared::<Change>(cfg),
        declared::<ProviderView>(cfg),
        declared::<ProviderFieldView>(cfg),
        declared::<LoginCheck>(cfg),
        declared::<ConnectionsView>(cfg),
        declared::<ConnectionSummary>(cfg),
        declared::<UpdateCheck>(cfg),
        declared::<UpdateSetting>(cfg),
        declared::<TurnedOffBy>(cfg),
        declared::<DemoValues>(cfg),
        // What the commands take.
        declared::<Choices>(cfg),
        // Events and errors.
        declared::<Progress>(cfg),
        declared::<BoundaryError>(cfg),
        // The parts.
        declared::<Identity>(cfg),
        declared::<AppKind>(cfg),
        declared::<AppPolicies>(cfg),
        declared::<Renewals>(cfg),
        declared::<RecordedError>(cfg),
        declared::<TokenIssuer>(cfg),
        declared::<ApiKeyHeader>(cfg),
        declared::<ProviderField>(cfg),
        declared::<DestinationInfo>(cfg),
        // The closed lists.
        declared::<Code>(cfg),
        declared::<Field>(cfg),
        declared::<Step>(cfg),
        declared::<Screen>(cfg),
        declared::<Method>(cfg),
        declared::<Destination>(cfg),
        declared::<DeliveryState>(cfg),
        declared::<SecretName>(cfg),
        declared::<RevealableSecret>(cfg),
        declared::<SetupPage>(cfg),
    ]
}

fn generated() -> String {
    // serde_json writes integers as JSON numbers: so does the UI read them.
    let cfg = Config::new().with_large_int("number");
    let types = every_type(&cfg);
    let names: BTreeSet<&str> = types.iter().map(|t| t.name.as_str()).collect();
    for t in &types {
        for need in &t.needs {
            assert!(
                names.contains(need.as_str()),
                "{} refers to {need}: add {need} to every_type() in src-tauri/tests/ui_types.rs",
                t.name
            );
        }
    }
    let mut out = String::from(
        "// Generated from the Rust types by src-tauri/tests/ui_types.rs: do not edit by hand.\n\
         // Regenerate: SFCONNECT_WRITE_UI_TYPES=1 cargo test -p sfconnect-app --test ui_types\n\n",
    );
    for t in &types {
        out.push_str(&t.text);
        out.push_str("\n\n");
    }
    out.push_str(
        "/** The `kind` of a progress event. */\nexport type ProgressKind = Progress[\"kind\"];\n",
    );
    out
}

#[test]
fn ui_types_are_generated_from_rust() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/types.d.ts");
    let expected = generated();
    if std::env::var_os("SFCONNECT_WRITE_UI_TYPES").is_some() {
        std::fs::write(&path, &expected).unwrap();
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "ui/types.d.ts is out of date: run SFCONNECT_WRITE_UI_TYPES=1 cargo test -p sfconnect-app --test ui_types"
    );
}

//! The engine in-process against the simulators: the journal's steps, the vault's store
//! policy, retry notes and the injected clock — what the end-to-end tests only see through a
//! spawned binary.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use sfconnect_core::browser::BrowserOpener;
use sfconnect_core::destination::DeliveryState;
use sfconnect_core::destination::customeros::{ApiKeyHeader, CustomerOs};
use sfconnect_core::engine::{
    Clock, Screen, SignInFields, SignInInputs, SignInRequest, StorePolicy,
};
use sfconnect_core::secret::{ApiKey, ClientSecret, SecretName};
use sfconnect_core::store::{MemoryStore, SecretStore, SettingsFile, Step};
use sfconnect_core::{Engine, Error, LoginHost, Method, Progress};
use sfconnect_sim::{Sims, creds};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio_util::sync::CancellationToken;

/// Plays the admin choosing Allow.
struct Allow;

impl BrowserOpener for Allow {
    fn open(&self, url: &str) -> Result<(), String> {
        let url = url.to_owned();
        tokio::spawn(async move { sfconnect_sim::follow_like_a_browser(&url).await });
        Ok(())
    }
}

/// A keyring that is locked.
struct LockedKeyring;

impl SecretStore for LockedKeyring {
    fn put(&self, _: SecretName, _: &str) -> sfconnect_core::Result<()> {
        Err(Error::Keyring {
            message: "locked".into(),
        })
    }
    fn get(&self, _: SecretName) -> sfconnect_core::Result<Option<zeroize::Zeroizing<String>>> {
        Ok(None)
    }
    fn delete(&self, _: SecretName) -> sfconnect_core::Result<()> {
        Ok(())
    }
}

/// A keyring the test can look into.
#[derive(Clone, Default)]
struct SharedKeyring(Arc<MemoryStore>);

impl SecretStore for SharedKeyring {
    fn put(&self, name: SecretName, value: &str) -> sfconnect_core::Result<()> {
        self.0.put(name, value)
    }
    fn get(&self, name: SecretName) -> sfconnect_core::Result<Option<zeroize::Zeroizing<String>>> {
        self.0.get(name)
    }
    fn delete(&self, name: SecretName) -> sfconnect_core::Result<()> {
        self.0.delete(name)
    }
}

struct FixedClock;

impl Clock for FixedClock {
    fn now_unix(&self) -> u64 {
        1_790_000_000
    }
}

struct Setup {
    sims: Sims,
    /// The registered callback ports; the listener of a finished sign-in lingers on the
    /// first for a few seconds, so a second sign-in falls back to the next.
    ports: Vec<u16>,
    _dir: tempfile::TempDir,
    settings: SettingsFile,
}

fn free_port() -> u16 {
    std::net::TcpListener::bind(("127.0.0.1", 0))
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

async fn setup() -> Setup {
    let (port, fallback) = (free_port(), free_port());
    let sims = sfconnect_sim::start(&[port, fallback]).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let settings = SettingsFile::at(dir.path().join("engine.json"));
    Setup {
        sims,
        ports: vec![port, fallback],
        _dir: dir,
        settings,
    }
}

impl Setup {
    fn request(&self, store: StorePolicy) -> SignInRequest {
        self.request_with(store, |_| {})
    }

    /// [`Self::request`] with the browser inputs changed by `change`.
    fn request_with(
        &self,
        store: StorePolicy,
        change: impl FnOnce(&mut SignInInputs),
    ) -> SignInRequest {
        let mut browser = SignInInputs {
            ports: self.ports.clone(),
            timeout: Duration::from_secs(20),
            scope: "api refresh_token web".into(),
            open_browser: true,
            paste: None,
            app_wait: Duration::ZERO,
        };
        change(&mut browser);
        let fields = SignInFields {
            method: Method::Web,
            client_id: creds::CLIENT_ID.into(),
            client_secret: Some(ClientSecret::new(creds::CLIENT_SECRET)),
            browser,
            ..SignInFields::default()
        };
        SignInRequest::new(
            LoginHost::parse(self.sims.salesforce.my_domain_url()).unwrap(),
            fields,
            sfconnect_core::destination::Destination::Customeros,
            store,
        )
        .unwrap()
    }

    fn customeros(&self, key: &str) -> CustomerOs {
        CustomerOs::new(
            self.sims.customeros.url(),
            creds::CUSTOMEROS_USER,
            ApiKey::new(key),
            ApiKeyHeader::Tenant,
        )
        .unwrap()
    }
}

fn collect() -> (Arc<Mutex<Vec<Progress>>>, impl Fn(Progress) + Send + Sync) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = seen.clone();
    (seen, move |p| sink.lock().unwrap().push(p))
}

#[tokio::test]
async fn the_journal_resumes_at_each_step_and_stamps_the_delivery_with_the_clock() {
    let s = setup().await;
    let keyring = SharedKeyring::default();
    let engine = Engine::builder(s.settings.clone())
        .store(keyring.clone())
        .browser(Allow)
        .clock(FixedClock)
        .build();
    assert_eq!(engine.wizard_state().unwrap().resume_at, Screen::Welcome);
    let (_, events) = collect();
    let cancel = CancellationToken::new();
    let verified = engine
        .sign_in_and_verify(s.request(StorePolicy::Store), &events, &cancel)
        .await
        .unwrap();
    assert!(verified.stored);
    let state = engine.wizard_state().unwrap();
    assert_eq!(state.settings.last_step, Some(Step::Verified));
    assert_eq!(state.resume_at, Screen::Check);
    assert!(state.settings.handoff_pending);
    assert!(keyring.get(SecretName::RefreshToken).unwrap().is_some());

    let delivered = engine
        .deliver_customeros(&s.customeros(creds::CUSTOMEROS_API_KEY), &cancel)
        .await
        .unwrap();
    assert_eq!(delivered, DeliveryState::Active);
    let settings = s.settings.load().unwrap();
    assert_eq!(settings.connected_at, Some(1_790_000_000));
    assert_eq!(settings.last_step, Some(Step::Done));
    assert!(!settings.handoff_pending);
    assert_eq!(
        Screen::resume_after(settings.last_step, settings.method),
        Screen::Done
    );
    // The API key went to the keyring too, because the sign-in is stored there.
    assert!(keyring.get(SecretName::CustomerOsApiKey).unwrap().is_some());
}

#[tokio::test]
async fn skip_keeps_nothing_in_the_keyring_but_delivery_still_works() {
    let s = setup().await;
    let keyring = SharedKeyring::default();
    let engine = Engine::builder(s.settings.clone())
        .store(keyring.clone())
        .browser(Allow)
        .build();
    let (seen, events) = collect();
    let cancel = CancellationToken::new();
    let verified = engine
        .sign_in_and_verify(s.request(StorePolicy::Skip), &events, &cancel)
        .await
        .unwrap();
    assert!(!verified.stored);
    for name in SecretName::SESSION {
        assert!(
            keyring.get(name).unwrap().is_none(),
            "{name:?} in the keyring"
        );
    }
    assert!(
        !seen
            .lock()
            .unwrap()
            .iter()
            .any(|p| matches!(p, Progress::Stored | Progress::NotStored { .. }))
    );
    engine
        .deliver_customeros(&s.customeros(creds::CUSTOMEROS_API_KEY), &cancel)
        .await
        .unwrap();
    assert!(keyring.get(SecretName::CustomerOsApiKey).unwrap().is_none());
}

#[tokio::test]
async fn a_locked_keyring_fails_require_and_is_reported_under_store() {
    let s = setup().await;
    let engine = Engine::builder(s.settings.clone())
        .store(LockedKeyring)
        .browser(Allow)
        .build();
    let (_, events) = collect();
    let cancel = CancellationToken::new();
    let refused = engine
        .sign_in_and_verify(s.request(StorePolicy::Require), &events, &cancel)
        .await
        .unwrap_err();
    assert_eq!(refused.code(), "keyring_unavailable");

    let (seen, events) = collect();
    let verified = engine
        .sign_in_and_verify(s.request(StorePolicy::Store), &events, &cancel)
        .await
        .unwrap();
    assert!(!verified.stored);
    assert!(
        seen.lock()
            .unwrap()
            .iter()
            .any(|p| matches!(p, Progress::NotStored { reason } if reason.contains("can't retry")))
    );
    // A failed hand-off (the wizard's) says the sign-in lives only as long as this session.
    let failed = engine
        .connect_customeros(
            s.sims.customeros.url(),
            creds::CUSTOMEROS_USER,
            Some(ApiKey::new("wrong-key")),
            &cancel,
        )
        .await
        .unwrap_err();
    assert_eq!(failed.code(), "customeros_api_key_invalid");
    assert!(
        failed
            .to_string()
            .contains("Retry works while this window stays open"),
        "{failed}"
    );
    assert_eq!(
        s.settings.load().unwrap().last_step,
        Some(Step::Verified),
        "a failed hand-off is not recorded as done"
    );
}

#[tokio::test]
async fn unchanged_settings_are_not_written_again() {
    let s = setup().await;
    let engine = Engine::builder(s.settings.clone()).build();
    engine.update(|st| st.client_id = Some("k".into())).unwrap();
    // The same settings, spelled shorter than the engine writes them: a rewrite would show.
    let short = br#"{"client_id":"k"}"#;
    std::fs::write(s.settings.path(), short).unwrap();
    engine.update(|st| st.client_id = Some("k".into())).unwrap();
    assert_eq!(std::fs::read(s.settings.path()).unwrap(), short);
    engine
        .update(|st| st.client_id = Some("k2".into()))
        .unwrap();
    assert_ne!(std::fs::read(s.settings.path()).unwrap(), short);
}

/// Counts the times a browser was opened.
#[derive(Clone, Default)]
struct CountingBrowser(Arc<Mutex<usize>>);

impl BrowserOpener for CountingBrowser {
    fn open(&self, _: &str) -> Result<(), String> {
        *self.0.lock().unwrap() += 1;
        Ok(())
    }
}

/// The wizard always offers a paste box; a busy port must still stop the sign-in before any
/// browser opens (the browser would otherwise go to whoever holds the port), naming the port.
/// Only an explicit paste from a browser elsewhere (none opened here) goes on without a listener.
#[tokio::test]
async fn a_busy_port_stops_the_wizard_sign_in_before_the_browser_opens() {
    let s = setup().await;
    let holders: Vec<_> = s
        .ports
        .iter()
        .map(|&port| std::net::TcpListener::bind(("127.0.0.1", port)).unwrap())
        .collect();
    let browser = CountingBrowser::default();
    let engine = Engine::builder(s.settings.clone())
        .store(SharedKeyring::default())
        .browser(browser.clone())
        .build();
    let cancel = CancellationToken::new();
    let (_paste, pasted) = tokio::sync::mpsc::channel(1);
    let request = s.request_with(StorePolicy::Skip, |b| b.paste = Some(pasted));
    let error = engine
        .sign_in_and_verify(request, &|_| {}, &cancel)
        .await
        .expect_err("a busy port is an error");
    assert_eq!(error.code().as_str(), "port_in_use");
    assert!(
        error.to_string().contains(&s.ports[0].to_string()),
        "{error}"
    );
    assert_eq!(*browser.0.lock().unwrap(), 0, "no browser opened");

    // Paste from a browser elsewhere: no browser here, so no listener is needed.
    let (paste, pasted) = tokio::sync::mpsc::channel(1);
    let request = s.request_with(StorePolicy::Skip, |b| {
        b.paste = Some(pasted);
        b.open_browser = false;
        b.timeout = Duration::from_secs(1);
    });
    drop(paste);
    let error = engine
        .sign_in_and_verify(request, &|_| {}, &cancel)
        .await
        .expect_err("nothing was pasted");
    assert_ne!(error.code().as_str(), "port_in_use", "{error}");
    drop(holders);

    // The wizard's "Use another port": the next one is added after the registered ones.
    let before = engine.wizard_state().unwrap().callback_urls;
    let next = engine.use_next_port().unwrap();
    assert_eq!(Some(&next), s.ports.iter().max().map(|p| p + 1).as_ref());
    let after = engine.wizard_state().unwrap().callback_urls;
    assert_eq!(
        after[..before.len()],
        before[..],
        "the registered ports are still tried first"
    );
    assert_eq!(
        after.last().unwrap(),
        &format!("http://localhost:{next}/callback")
    );
}

/// Walkthrough 2, L3: a report of a session that uses no keyring (the demo) doesn't claim one.
#[test]
fn the_report_says_where_the_secrets_really_are() {
    let dir = tempfile::tempdir().unwrap();
    let engine = Engine::builder(SettingsFile::at(dir.path().join("s.json")))
        .store(MemoryStore::default())
        .build();
    let report = engine.report(&Default::default()).unwrap();
    assert!(
        report.contains(
            "Kept in memory only, for this session (no keyring is used): Consumer Secret no"
        ),
        "{report}"
    );
    assert!(!report.contains("keyring:"), "{report}");
    assert!(report.contains("Last success: none yet"), "{report}");
}

/// Walkthrough 2, M6: a connection that holds no sign-in can be removed (its settings file and
/// its secrets go); one that keeps a sign-in can't, so its grant is never left unrevoked.
#[test]
fn only_a_connection_that_holds_no_sign_in_is_removed() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("connection-2.json");
    let keyring = SharedKeyring::default();
    let engine = Engine::builder(SettingsFile::at(file.clone()))
        .store(keyring.clone())
        .build();
    engine
        .save_app_keys(creds::CLIENT_ID, &ClientSecret::new(creds::CLIENT_SECRET))
        .unwrap();
    assert!(file.exists());
    assert!(keyring.get(SecretName::ClientSecret).unwrap().is_some());
    engine.remove_connection().unwrap();
    assert!(!file.exists(), "its settings file is gone");
    assert!(
        keyring.get(SecretName::ClientSecret).unwrap().is_none(),
        "its Consumer Secret is gone from the keyring"
    );

    // A kept sign-in (as a sign-in leaves it): refused, and nothing is forgotten.
    engine
        .save_app_keys(creds::CLIENT_ID, &ClientSecret::new(creds::CLIENT_SECRET))
        .unwrap();
    let settings = SettingsFile::at(file.clone());
    let mut kept = settings.load().unwrap();
    kept.handoff_pending = true;
    settings.save(&kept).unwrap();
    let refused = engine.remove_connection().unwrap_err();
    assert_eq!(refused.code().as_str(), "connection_holds_sign_in");
    assert!(refused.to_string().contains("Disconnect"), "{refused}");
    assert!(file.exists());
    assert!(keyring.get(SecretName::ClientSecret).unwrap().is_some());
}

//! Helpers for driving the real `sfconnect` binary against the simulators.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, missing_docs)]

pub(crate) mod gui;
pub(crate) mod webdriver;

use serde_json::Value;
use sfconnect_sim::{Sims, creds};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use tokio::io::AsyncWriteExt;

/// `target/debug` (or wherever this test binary was built).
pub(crate) fn bin_dir() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    exe.parent().and_then(Path::parent).unwrap().to_path_buf()
}

/// The tests' Windows leg (`scripts/test-windows` sets `SFCONNECT_TEST_WINDOWS`): a folder with
/// `sfconnect` and `test_helper`, wrappers that run the Windows builds under Wine, and
/// `sim-browser.exe`. These tests stay Linux programs; what they drive is Windows code.
pub(crate) fn windows_leg() -> Option<PathBuf> {
    std::env::var_os("SFCONNECT_TEST_WINDOWS").map(PathBuf::from)
}

/// Says so on stderr and returns true when a test checks something only Linux has (the Secret
/// Service over D-Bus, …) and this is the Windows leg: the caller returns.
pub(crate) fn linux_only(what: &str) -> bool {
    let skip = windows_leg().is_some();
    if skip {
        eprintln!("not in the Windows leg: {what} is Linux's only");
    }
    skip
}

/// Runs the Windows leg's `test_helper` (see `core/examples/test_helper.rs`); its stdout.
fn windows_helper(leg: &Path, args: &[&str]) -> Result<String, String> {
    let out = std::process::Command::new(leg.join("test_helper"))
        .args(args)
        .output()
        .map_err(|e| e.to_string())?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

/// The file at `path` is its owner's alone: mode 0600 on Linux. In the Windows leg, its access
/// list as Windows reports it lets in no Everyone, Users or Authenticated Users (Wine keeps no
/// access lists on Linux folders, it derives them from the mode; the list a file is created
/// with is checked by core's `fs` unit test under Wine).
pub(crate) fn assert_owner_only(path: &Path) {
    if let Some(leg) = windows_leg() {
        let answer = windows_helper(&leg, &["acl", path.to_str().unwrap()]).unwrap();
        let acl = answer.lines().next().unwrap();
        for others in ["WD", "BU", "AU"] {
            assert!(
                !acl.contains(&format!(";;;{others})")),
                "{}: {acl}",
                path.display()
            );
        }
        return;
    }
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "{}", path.display());
}

/// Where this world's `sfconnect` reads the wizard's log from, and the variables that point it
/// there: on Linux a folder of the world's own (`XDG_DATA_HOME`); in the Windows leg the Wine
/// user's `%LOCALAPPDATA%`, where the Windows wizard writes it.
pub(crate) fn wizard_log_dir(world: &World) -> (PathBuf, Vec<(&'static str, PathBuf)>) {
    let tail = Path::new("com.sfconnect.wizard").join("logs");
    if windows_leg().is_some() {
        let prefix = PathBuf::from(std::env::var_os("WINEPREFIX").unwrap());
        let user = std::env::var("USER").unwrap_or_else(|_| "root".into());
        let local = prefix
            .join("drive_c/users")
            .join(user)
            .join("AppData/Local");
        return (local.join(tail), Vec::new());
    }
    let data = world.dir.path().join("data");
    (data.join(tail), vec![("XDG_DATA_HOME", data)])
}

pub(crate) fn bin(name: &str) -> PathBuf {
    if let (Some(leg), "sfconnect") = (windows_leg(), name) {
        return leg.join("sfconnect");
    }
    let path = bin_dir().join(name);
    assert!(
        path.exists(),
        "{} is missing: run `cargo build --workspace --bins` first (scripts/test does)",
        path.display()
    );
    path
}

/// The `BROWSER` the CLI starts: the simulators' browser, in the Windows leg its Windows build.
pub(crate) fn browser() -> PathBuf {
    match windows_leg() {
        Some(leg) => leg.join("sim-browser.exe"),
        None => bin("sim-browser"),
    }
}

/// A child's stderr, line by line.
pub(crate) type StderrLines = tokio::io::Lines<tokio::io::BufReader<tokio::process::ChildStderr>>;

/// Takes the child's stderr to read it line by line (keep it alive while the child runs).
pub(crate) fn stderr_lines(child: &mut tokio::process::Child) -> StderrLines {
    use tokio::io::AsyncBufReadExt;
    tokio::io::BufReader::new(child.stderr.take().unwrap()).lines()
}

/// Reads until a line contains `needle`; returns that line, trimmed.
pub(crate) async fn read_until(lines: &mut StderrLines, needle: &str) -> String {
    while let Some(line) = lines.next_line().await.unwrap() {
        if line.contains(needle) {
            return line.trim().to_owned();
        }
    }
    panic!("stderr ended without a line containing {needle:?}")
}

/// The refresh token the CLI kept in this world's keyring profile (in the Windows leg, in the
/// Windows credential store, read by `test_helper` under Wine). The test's own read is
/// retried: the keyring daemon can refuse briefly under load.
pub(crate) fn kept_refresh_token(world: &World) -> Option<String> {
    use sfconnect_core::secret::SecretName;
    use sfconnect_core::store::{KeyringStore, SecretStore};
    if let Some(leg) = windows_leg() {
        let token = windows_helper(&leg, &["get", &world.profile, "refresh_token"])
            .unwrap_or_else(|e| panic!("the Windows credential store refused the read: {e}"));
        return Some(token).filter(|t| !t.is_empty());
    }
    let store = KeyringStore::new(&world.profile);
    for _ in 0..10 {
        match store.get(SecretName::RefreshToken) {
            Ok(token) => return token.map(|t| t.as_str().to_owned()),
            Err(error) => eprintln!("keyring read retried: {error}"),
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    panic!("the keyring refused every read")
}

/// Sends a request and reads its JSON answer.
pub(crate) async fn json_answer(request: reqwest::RequestBuilder) -> Value {
    request.send().await.unwrap().json().await.unwrap()
}

/// Arguments as owned strings.
pub(crate) fn words(list: &[&str]) -> Vec<String> {
    list.iter().map(std::string::ToString::to_string).collect()
}

/// A free loopback port below the kernel's ephemeral range (32768–60999 on Linux). A port the
/// kernel handed out for `bind(0)` and that was then closed can be taken again, between this
/// pick and its use, as the source port of any outgoing connection (the tests make hundreds),
/// which made a test's callback port "in use" now and then. Each pick in this process is a new
/// port, starting at an offset of the process id, ten apart: a test's next ports (the GUI's
/// "Use another port" takes the callback port + 1) are never another pick's.
pub(crate) fn free_port() -> u16 {
    use std::sync::atomic::{AtomicU32, Ordering};
    const FIRST: u32 = 20_000;
    const COUNT: u32 = 12_000;
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let offset = std::process::id() % COUNT;
    for _ in 0..COUNT / 10 {
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let port = u16::try_from(FIRST + (offset + n * 10) % COUNT).unwrap();
        let free_v4 = std::net::TcpListener::bind(("127.0.0.1", port)).is_ok();
        // (a machine without IPv6 has no ::1 to take)
        let free_v6 = std::net::TcpListener::bind(("::1", port))
            .map_or_else(|e| e.kind() != std::io::ErrorKind::AddrInUse, |_| true);
        if free_v4 && free_v6 {
            return port;
        }
    }
    panic!("no free port between {FIRST} and {}", FIRST + COUNT);
}

/// One isolated world: simulators, a settings dir, a keyring profile of its own.
pub(crate) struct World {
    pub sims: Sims,
    pub port: u16,
    pub dir: tempfile::TempDir,
    pub profile: String,
    pub outputs: std::sync::Mutex<Vec<String>>,
}

pub(crate) struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub(crate) fn json(&self) -> Value {
        serde_json::from_str(self.stdout.trim()).unwrap_or_else(|e| {
            panic!(
                "stdout is not one JSON object ({e}):\n{}\nstderr:\n{}",
                self.stdout, self.stderr
            )
        })
    }

    pub(crate) fn error_code(&self) -> String {
        let json = self.json();
        assert_eq!(json["status"], "error", "{json}");
        assert_ne!(self.code, 0);
        json["code"].as_str().unwrap().to_owned()
    }
}

impl World {
    pub(crate) async fn new() -> Self {
        Self::with_ports(&[]).await
    }

    /// Extra callback ports registered besides the main one.
    pub(crate) async fn with_ports(extra: &[u16]) -> Self {
        let port = free_port();
        let mut ports = vec![port];
        ports.extend_from_slice(extra);
        let sims = sfconnect_sim::start(&ports).await.unwrap();
        let dir = tempfile::tempdir().unwrap();
        let profile = format!("test-{}-{}", std::process::id(), port);
        Self {
            sims,
            port,
            dir,
            profile,
            outputs: Default::default(),
        }
    }

    pub(crate) fn settings_path(&self) -> PathBuf {
        self.dir.path().join(format!("{}.json", self.profile))
    }

    /// `sfconnect` with this world's settings folder, keyring profile, browser and secrets.
    pub(crate) fn command(&self) -> tokio::process::Command {
        let mut cmd = tokio::process::Command::new(bin("sfconnect"));
        for var in [
            "SFCONNECT_CLIENT_SECRET",
            "SFCONNECT_PASSWORD",
            "SFCONNECT_SECURITY_TOKEN",
            "CUSTOMEROS_API_KEY",
            "SFCONNECT_LOG",
        ] {
            cmd.env_remove(var);
        }
        cmd.env("SFCONNECT_CONFIG_DIR", self.dir.path())
            .env("SFCONNECT_PROFILE", &self.profile)
            .env("BROWSER", browser())
            .env("SFCONNECT_CLIENT_SECRET", creds::CLIENT_SECRET)
            .env("CUSTOMEROS_API_KEY", creds::CUSTOMEROS_API_KEY)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true);
        cmd
    }

    /// The standard web → CustomerOS arguments, plus `extra`.
    pub(crate) fn web_args(&self, extra: &[&str]) -> Vec<String> {
        let mut args: Vec<String> = [
            "connect",
            "--json",
            "--method",
            "web",
            "--login-url",
            self.sims.salesforce.my_domain_url(),
            "--client-id",
            creds::CLIENT_ID,
            "--port",
            &self.port.to_string(),
            "--timeout",
            "20",
            "--destination",
            "customeros",
            "--customeros-url",
            self.sims.customeros.url(),
            "--customeros-username",
            creds::CUSTOMEROS_USER,
        ]
        .iter()
        .map(std::string::ToString::to_string)
        .collect();
        args.extend(extra.iter().map(std::string::ToString::to_string));
        args
    }

    pub(crate) async fn run(&self, args: &[String]) -> Run {
        self.run_with(self.command(), args, None).await
    }

    pub(crate) async fn run_with(
        &self,
        mut cmd: tokio::process::Command,
        args: &[String],
        stdin: Option<&str>,
    ) -> Run {
        cmd.args(args);
        if stdin.is_some() {
            cmd.stdin(Stdio::piped());
        }
        let mut child = cmd.spawn().unwrap();
        if let Some(input) = stdin {
            let mut pipe = child.stdin.take().unwrap();
            pipe.write_all(input.as_bytes()).await.unwrap();
            drop(pipe);
        }
        let out =
            tokio::time::timeout(std::time::Duration::from_secs(60), child.wait_with_output())
                .await
                .expect("sfconnect did not finish within 60 s")
                .unwrap();
        let run = Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        };
        self.outputs
            .lock()
            .unwrap()
            .push(format!("{}\n{}", run.stdout, run.stderr));
        run
    }

    /// Every secret this world knows of.
    pub(crate) fn secrets(&self) -> Vec<String> {
        let mut secrets: Vec<String> = [
            creds::CLIENT_SECRET,
            creds::PASSWORD,
            creds::SECURITY_TOKEN,
            creds::CUSTOMEROS_API_KEY,
            creds::CUSTOMEROS_APP_KEY,
        ]
        .iter()
        .map(std::string::ToString::to_string)
        .collect();
        secrets.extend(self.sims.salesforce.issued_tokens());
        secrets
    }

    /// Nothing secret in any output so far, the settings file, or any URL the simulators saw.
    pub(crate) fn assert_no_leaks(&self) {
        let mut haystacks = self.outputs.lock().unwrap().clone();
        if let Ok(settings) = std::fs::read_to_string(self.settings_path()) {
            haystacks.push(settings);
        }
        for seen in self.sims.salesforce.seen() {
            haystacks.push(seen.uri);
        }
        for seen in self.sims.customeros.seen() {
            haystacks.push(seen.uri);
        }
        for secret in self.secrets() {
            for hay in &haystacks {
                assert!(
                    !hay.contains(&secret),
                    "secret {}… leaked into:\n{hay}",
                    &secret[..6.min(secret.len())]
                );
            }
        }
    }
}

impl Drop for World {
    fn drop(&mut self) {
        // Leave no keyring entries behind.
        use sfconnect_core::store::{KeyringStore, SecretName, SecretStore};
        if let Some(leg) = windows_leg() {
            let _ = windows_helper(&leg, &["delete", &self.profile]);
            return;
        }
        let store = KeyringStore::new(&self.profile);
        for name in SecretName::KEYRING {
            let _ = store.delete(name);
        }
    }
}

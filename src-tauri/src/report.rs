//! What the support report needs from the shell: the program, the webview's version (Linux:
//! WebKitGTK, from the package manager that installed it) and the wizard's log.

use sfconnect_core::engine::{ReportContext, wizard_log};

/// The shell's part of the support report.
#[must_use]
pub(crate) fn context() -> ReportContext {
    ReportContext {
        program: "sfconnect wizard".into(),
        webkitgtk: webkitgtk_version(),
        log: wizard_log(),
    }
}

/// The installed WebKitGTK package's version: Debian and derivatives (dpkg), then Fedora and
/// RHEL (rpm). Other systems ship their own webview, so there is none to name.
#[cfg(target_os = "linux")]
fn webkitgtk_version() -> Option<String> {
    let asks: [(&str, &[&str]); 2] = [
        (
            "dpkg-query",
            &["-W", "-f=${Version}", "libwebkit2gtk-4.1-0"],
        ),
        (
            "rpm",
            &["-q", "--qf", "%{VERSION}-%{RELEASE}", "webkit2gtk4.1"],
        ),
    ];
    asks.iter().find_map(|(program, args)| {
        let output = std::process::Command::new(program)
            .args(*args)
            .output()
            .ok()?;
        let version = String::from_utf8_lossy(&output.stdout).trim().to_owned();
        (output.status.success() && !version.is_empty()).then_some(version)
    })
}

#[cfg(not(target_os = "linux"))]
fn webkitgtk_version() -> Option<String> {
    None
}

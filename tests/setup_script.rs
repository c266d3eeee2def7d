//! `scripts/setup.sh` run natively against stub tools: it installs python3 (test.sh, demo.sh and
//! npm/test/run.sh need it) and its venv module (tests/calls/run.py makes aiortc's virtualenv), nats-server (the two-browser call tests start it) and coturn (the
//! TURN tests start its `turnserver`) and nginx-light + openssl (the identity tests' IdPs over
//! HTTPS) from Debian when they are missing, and skips each when present.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::os::unix::fs::{symlink, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

static RUNS: AtomicUsize = AtomicUsize::new(0);

/// Where `tool` is on this machine's PATH.
fn real(tool: &str) -> PathBuf {
    std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
        .map(|dir| dir.join(tool))
        .find(|path| path.is_file())
        .unwrap_or_else(|| panic!("{tool} on PATH"))
}

fn stub(bin: &Path, name: &str, body: &str) {
    let path = bin.join(name);
    fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).unwrap();
}

/// Runs setup.sh with a PATH of stubs (plus a stub of each tool in `present`) and returns every
/// `apt-get` command line it ran.
fn apt_get_calls(present: &[&str]) -> String {
    apt_get_calls_with(present, &[])
}

/// [`apt_get_calls`], with some tools' stubs given their own script body.
fn apt_get_calls_with(present: &[&str], own: &[(&str, &str)]) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = std::env::temp_dir().join(format!(
        "wasm-rtc-setup-{}-{}",
        std::process::id(),
        // A directory per run: the tests run at once and may ask for the same tools.
        RUNS.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = fs::remove_dir_all(&dir);
    let bin = dir.join("bin");
    fs::create_dir_all(&bin).unwrap();
    for tool in ["awk", "grep", "dirname", "head", "id", "cat"] {
        symlink(real(tool), bin.join(tool)).unwrap();
    }
    let lock = fs::read_to_string(root.join("Cargo.lock")).unwrap();
    let wasm_bindgen = lock
        .split("name = \"wasm-bindgen\"\nversion = \"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("wasm-bindgen in Cargo.lock");
    let log = dir.join("apt-get.log");
    stub(
        &bin,
        "rustup",
        "[ \"$1\" = target ] && echo wasm32-unknown-unknown",
    );
    stub(
        &bin,
        "wasm-bindgen",
        &format!("echo wasm-bindgen {wasm_bindgen}"),
    );
    for tool in [
        "wasm-pack",
        "geckodriver",
        "chromium",
        "firefox-esr",
        "cargo",
        "npm",
    ] {
        stub(&bin, tool, &format!("echo {tool} 1.0"));
    }
    stub(&bin, "sudo", "exec \"$@\"");
    stub(
        &bin,
        "apt-get",
        &format!("echo \"$*\" >> {}", log.display()),
    );
    for tool in present {
        stub(&bin, tool, &format!("echo {tool} 1.0"));
    }
    for (tool, body) in own {
        stub(&bin, tool, body);
    }
    let run = Command::new(real("bash"))
        .arg(root.join("scripts/setup.sh"))
        .env_clear()
        .env("PATH", &bin)
        .env("HOME", &dir)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "setup.sh failed: {}\n{}{}",
        run.status,
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    let calls = fs::read_to_string(&log).unwrap_or_default();
    let _ = fs::remove_dir_all(&dir);
    calls
}

/// Whether `calls` ran `apt-get install -y … tool`.
fn installs(calls: &str, tool: &str) -> bool {
    calls
        .lines()
        .any(|l| l.starts_with("install -y") && l.split(' ').any(|w| w == tool))
}

#[test]
fn setup_installs_python3_only_when_missing() {
    let calls = apt_get_calls(&["nats-server", "turnserver", "nginx", "openssl"]);
    assert!(
        installs(&calls, "python3"),
        "python3 missing: apt-get install -y … python3; got {calls:?}"
    );
    assert!(calls.lines().any(|l| l.starts_with("update")), "{calls:?}");
    let calls = apt_get_calls(&["python3", "nats-server", "turnserver", "nginx", "openssl"]);
    assert!(
        !calls.split([' ', '\n']).any(|w| w == "python3"),
        "python3 present: not installed again; got {calls:?}"
    );
}

#[test]
fn setup_installs_python3_venv_only_when_missing() {
    // Debian's python3 without python3-venv: `import ensurepip` fails.
    let no_venv = r#"case "$*" in *ensurepip*) exit 1 ;; *) echo Python 3.11 ;; esac"#;
    let calls = apt_get_calls_with(
        &["nats-server", "turnserver", "nginx", "openssl"],
        &[("python3", no_venv)],
    );
    assert!(
        installs(&calls, "python3-venv") && !installs(&calls, "python3"),
        "python3 without venv: apt-get install -y … python3-venv (not python3); got {calls:?}"
    );
    let calls = apt_get_calls(&["python3", "nats-server", "turnserver", "nginx", "openssl"]);
    assert!(
        !installs(&calls, "python3-venv"),
        "python3 with venv: python3-venv not installed; got {calls:?}"
    );
}

#[test]
fn setup_installs_nats_server_only_when_missing() {
    let calls = apt_get_calls(&["python3", "turnserver", "nginx", "openssl"]);
    assert!(
        installs(&calls, "nats-server"),
        "nats-server missing: apt-get install -y … nats-server; got {calls:?}"
    );
    assert!(!installs(&calls, "python3"), "{calls:?}");
    let calls = apt_get_calls(&["python3", "nats-server", "turnserver", "nginx", "openssl"]);
    assert!(
        calls.is_empty(),
        "everything present: apt-get not run; got {calls:?}"
    );
}

#[test]
fn setup_installs_coturn_only_when_missing() {
    let calls = apt_get_calls(&["python3", "nats-server", "nginx", "openssl"]);
    assert!(
        installs(&calls, "coturn"),
        "turnserver missing: apt-get install -y … coturn; got {calls:?}"
    );
    assert!(!installs(&calls, "nats-server"), "{calls:?}");
    let calls = apt_get_calls(&["python3", "nats-server", "turnserver", "nginx", "openssl"]);
    assert!(
        calls.is_empty(),
        "everything present: apt-get not run; got {calls:?}"
    );
}

#[test]
fn setup_installs_nginx_and_openssl_only_when_missing() {
    let calls = apt_get_calls(&["python3", "nats-server", "turnserver"]);
    assert!(
        installs(&calls, "nginx-light") && installs(&calls, "openssl"),
        "nginx and openssl missing: apt-get install -y … nginx-light openssl; got {calls:?}"
    );
    let calls = apt_get_calls(&["python3", "nats-server", "turnserver", "nginx", "openssl"]);
    assert!(
        calls.is_empty(),
        "everything present: apt-get not run; got {calls:?}"
    );
}

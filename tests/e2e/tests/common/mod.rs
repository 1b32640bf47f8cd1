//! Drives the real app: Xvfb, tauri-driver (which starts WebKitWebDriver, which starts the
//! app) and a WebDriver session through fantoccini — the recipe in platform-notes.md. Every
//! launch gets its own display; an [`Env`] keeps the store and the export folder across
//! launches, so a test can quit, relaunch and look again.
// Locking, signalling and reading the app's processes are libc's; each call has its SAFETY.
#![allow(unsafe_code)]
#![allow(dead_code)]

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use std::io::{BufRead, BufReader};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The app binary under test: `$DOSSIER_APP`, else `dossier-studio` beside the test binary's
/// target directory (built by `cargo build -p dossier-studio`, as `.ci/test` does first).
pub fn app_binary() -> PathBuf {
    if let Some(p) = std::env::var_os("DOSSIER_APP") {
        return PathBuf::from(p);
    }
    let exe = std::env::current_exe().unwrap();
    let path = exe
        .parent()
        .unwrap()
        .parent()
        .unwrap()
        .join("dossier-studio");
    assert!(
        path.exists(),
        "the app is not built: run `cargo build -p dossier-studio` first (looked for {})",
        path.display()
    );
    path
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A store, an export folder and a home for one test, kept across launches. Holding an `Env`
/// holds a lock: tests that drive the app run one at a time (two WebKit instances starting
/// together on two cores time each other out).
pub struct Env {
    pub dir: tempfile::TempDir,
    /// A private D-Bus session bus for the app, when the test needs one (single instance).
    pub bus: Option<String>,
    _serial: std::fs::File,
}

/// A private D-Bus session bus, stopped when dropped.
pub struct Bus {
    child: Child,
    pub address: String,
}

impl Bus {
    pub fn start() -> Bus {
        let mut child = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--print-address=1"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("dbus-daemon (package dbus-daemon)");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        Bus {
            child,
            address: line.trim().to_string(),
        }
    }
}

impl Drop for Bus {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serial_lock() -> std::fs::File {
    use std::os::fd::AsRawFd;
    let path = std::env::temp_dir().join("dossier-e2e.lock");
    let file = std::fs::File::create(path).unwrap();
    // SAFETY: flock on a descriptor we own; released when the file is closed.
    let rc = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX) };
    assert_eq!(rc, 0, "lock for the end-to-end tests");
    file
}

impl Env {
    pub fn new() -> Env {
        let serial = serial_lock();
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("exports")).unwrap();
        std::fs::create_dir_all(dir.path().join("config")).unwrap();
        std::fs::create_dir_all(dir.path().join("data")).unwrap();
        Env {
            dir,
            bus: None,
            _serial: serial,
        }
    }

    pub fn store(&self) -> PathBuf {
        self.dir.path().join("dossiers.db")
    }

    pub fn exports(&self) -> PathBuf {
        self.dir.path().join("exports")
    }

    /// Starts the app and connects to it; returns once the start page is shown.
    pub async fn launch(&self) -> App {
        self.launch_with(&[]).await
    }

    /// [`Env::launch`] with command-line arguments for the app.
    pub async fn launch_with(&self, args: &[&str]) -> App {
        let t0 = Instant::now();
        let mut xvfb = Command::new("Xvfb")
            .args([
                "-displayfd",
                "1",
                "-screen",
                "0",
                "1280x800x24",
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb is missing: install the xvfb package (bash .ci/setup does)");
        let mut line = String::new();
        BufReader::new(xvfb.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let display = format!(":{}", line.trim());
        // Until the App owns them, a panic (no driver, no session) must not leave them running.
        let mut xvfb = KillOnDrop(Some(xvfb), false);
        // The session is tried again with a fresh driver when the first attempt's connection
        // is dropped before an answer (seen once on a loaded 2-core runner: the driver closed
        // the session request while its WebKitWebDriver was still starting).
        let mut attempt = 0;
        let (client, mut driver, connecting) = loop {
            attempt += 1;
            let port = free_port();
            let native_port = free_port();
            let child = Command::new(tauri_driver())
                .args([
                    "--port",
                    &port.to_string(),
                    "--native-port",
                    &native_port.to_string(),
                ])
                .env("DISPLAY", &display)
                .env("DOSSIER_STORE", self.store())
                .env("DOSSIER_EXPORT_DIR", self.exports())
                .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
                .env("XDG_DATA_HOME", self.dir.path().join("data"))
                .env("GSETTINGS_BACKEND", "memory")
                .env("WEBKIT_DISABLE_COMPOSITING_MODE", "1")
                .env_remove("DBUS_SESSION_BUS_ADDRESS")
                .env_remove("WAYLAND_DISPLAY")
                .envs(self.extra_env())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .process_group(0)
                .spawn()
                .expect(
                    "tauri-driver is missing: cargo install tauri-driver --locked --version '^2'",
                );
            let driver = KillOnDrop(Some(child), true);
            let deadline = Instant::now() + Duration::from_secs(20);
            while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
                assert!(Instant::now() < deadline, "tauri-driver did not start");
                std::thread::sleep(Duration::from_millis(50));
            }
            let mut caps = serde_json::Map::new();
            caps.insert("browserName".into(), "wry".into());
            caps.insert(
                "tauri:options".into(),
                serde_json::json!({ "application": app_binary(), "args": args }),
            );
            let connecting = Instant::now();
            match ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
                .capabilities(caps)
                .connect(&format!("http://127.0.0.1:{port}"))
                .await
            {
                Ok(client) => break (client, driver, connecting),
                Err(e) if attempt < 3 => {
                    eprintln!("WebDriver session attempt {attempt} failed ({e}); trying again");
                    drop(driver);
                }
                Err(e) => panic!("WebDriver session with the app: {e}"),
            }
        };
        let app = App {
            client,
            driver: driver.0.take(),
            xvfb: xvfb.0.take().unwrap(),
            display,
            store: self.store(),
            started: t0,
            connecting,
        };
        app.wait(".start, .workspace").await;
        app
    }

    fn extra_env(&self) -> Vec<(String, String)> {
        let mut vars = Vec::new();
        let pick = self.dir.path().join("pick");
        if pick.exists() {
            vars.push((
                "DOSSIER_PICK_FILE".into(),
                std::fs::read_to_string(pick).unwrap(),
            ));
        }
        if let Some(bus) = &self.bus {
            vars.push(("DBUS_SESSION_BUS_ADDRESS".into(), bus.clone()));
        }
        vars
    }

    /// The environment the app gets, for starting a second copy by hand.
    pub fn app_command(&self, display: &str) -> Command {
        let mut c = Command::new(app_binary());
        c.env("DISPLAY", display)
            .env("DOSSIER_STORE", self.store())
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .env("GSETTINGS_BACKEND", "memory")
            .env_remove("DBUS_SESSION_BUS_ADDRESS")
            .envs(self.extra_env())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        c
    }
}

/// Kills a child (its whole process group when `.1`) if dropped while still held.
struct KillOnDrop(Option<Child>, bool);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        if let Some(mut c) = self.0.take() {
            if self.1 {
                // SAFETY: signalling a process group we created.
                unsafe {
                    libc::kill(-(c.id() as i32), libc::SIGTERM);
                }
            } else {
                let _ = c.kill();
            }
            let _ = c.wait();
        }
    }
}

fn tauri_driver() -> PathBuf {
    let home = PathBuf::from(std::env::var_os("HOME").unwrap_or_default());
    let cargo_bin = home.join(".cargo/bin/tauri-driver");
    if cargo_bin.exists() {
        cargo_bin
    } else {
        PathBuf::from("tauri-driver")
    }
}

/// One running app and its WebDriver session.
pub struct App {
    pub client: Client,
    driver: Option<Child>,
    xvfb: Child,
    pub display: String,
    store: PathBuf,
    /// Before Xvfb and the driver started.
    pub started: Instant,
    /// When the session was asked for: the driver starts the app then.
    pub connecting: Instant,
}

impl App {
    /// The first element matching `css`, waiting up to 10 s for it.
    pub async fn wait(&self, css: &str) -> Element {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Ok(e) = self.client.find(Locator::Css(css)).await {
                return e;
            }
            assert!(Instant::now() < deadline, "no element matches {css}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits until `script` (a JS expression) is true; panics with `what` after 15 s. A script
    /// error (the element not there yet) counts as not yet.
    pub async fn until(&self, script: &str, what: &str) {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let v = self
                .client
                .execute(&format!("return !!({script});"), vec![])
                .await;
            if let Ok(serde_json::Value::Bool(true)) = v {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for: {what} (last answer: {v:?})"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub async fn js(&self, script: &str) -> serde_json::Value {
        self.client.execute(script, vec![]).await.unwrap()
    }

    pub async fn click(&self, css: &str) {
        self.wait(css).await.click().await.unwrap();
    }

    /// Types into an input or textarea the way a person does (key events, then `input`),
    /// after scrolling it to the middle of its frame, as a person would.
    pub async fn type_into(&self, css: &str, text: &str) {
        let e = self.wait(css).await;
        self.client
            .execute(
                "document.querySelector(arguments[0]).scrollIntoView({ block: 'center', inline: 'center' })",
                vec![css.into()],
            )
            .await
            .unwrap();
        e.click().await.unwrap();
        e.send_keys(text).await.unwrap();
    }

    /// Sets an input's value and fires `input`, for inputs keys cannot fill (date pickers).
    pub async fn set_value(&self, css: &str, value: &str) {
        self.wait(css).await;
        self.client
            .execute(
                "const e = document.querySelector(arguments[0]); e.value = arguments[1]; e.dispatchEvent(new Event('input', { bubbles: true }));",
                vec![css.into(), value.into()],
            )
            .await
            .unwrap();
    }

    pub async fn text(&self, css: &str) -> String {
        self.wait(css).await.text().await.unwrap()
    }

    /// An element's `textContent` (WebKitWebDriver's rendered text is empty for some elements).
    pub async fn text_content(&self, css: &str) -> String {
        self.wait(css).await;
        self.client
            .execute(
                "return document.querySelector(arguments[0]).textContent",
                vec![css.into()],
            )
            .await
            .unwrap()
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// Takes the focus from whatever has it (inputs reformat and flush on blur).
    pub async fn blur_all(&self) {
        self.js("document.activeElement && document.activeElement.blur()")
            .await;
    }

    /// Waits for the save indicator to say 已保存.
    pub async fn saved(&self) {
        self.until(
            "document.querySelector('[data-testid=save-status]').textContent.trim() === '已保存'",
            "the save indicator to say 已保存",
        )
        .await;
    }

    pub async fn screenshot(&self, name: &str) -> PathBuf {
        let png = self.client.screenshot().await.unwrap();
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("e2e");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, png).unwrap();
        path
    }

    /// The app's own process (started by WebKitWebDriver), found by its binary and store.
    pub fn app_pid(&self) -> Option<i32> {
        let exe = std::fs::canonicalize(app_binary()).ok()?;
        let needle = format!("DOSSIER_STORE={}", self.store.display());
        std::fs::read_dir("/proc").ok()?.flatten().find_map(|e| {
            let pid: i32 = e.file_name().to_str()?.parse().ok()?;
            let this_exe = std::fs::read_link(e.path().join("exe")).ok()?;
            let environ = std::fs::read(e.path().join("environ")).ok()?;
            let matches =
                this_exe == exe && environ.split(|b| *b == 0).any(|kv| kv == needle.as_bytes());
            matches.then_some(pid)
        })
    }

    /// Memory of the app and of the WebKit processes it started, in MB: per process
    /// `(name, resident, proportional)`. Proportional (PSS) shares pages mapped by several
    /// processes (libraries, fonts) among them, so its sum does not count them twice.
    pub fn memory_mb(&self) -> Vec<(String, f64, f64)> {
        let Some(pid) = self.app_pid() else {
            return Vec::new();
        };
        let field = |p: i32, file: &str, key: &str| -> f64 {
            std::fs::read_to_string(format!("/proc/{p}/{file}"))
                .ok()
                .and_then(|s| {
                    s.lines()
                        .find(|l| l.starts_with(key))
                        .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
                })
                .unwrap_or(0.0)
                / 1024.0
        };
        let children: Vec<i32> = std::fs::read_dir("/proc")
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| {
                let p: i32 = e.file_name().to_str()?.parse().ok()?;
                let stat = std::fs::read_to_string(e.path().join("stat")).ok()?;
                let ppid: i32 = stat
                    .rsplit(')')
                    .next()?
                    .split_whitespace()
                    .nth(1)?
                    .parse()
                    .ok()?;
                (ppid == pid).then_some(p)
            })
            .collect();
        std::iter::once(pid)
            .chain(children)
            .map(|p| {
                let name = std::fs::read_to_string(format!("/proc/{p}/comm"))
                    .unwrap_or_default()
                    .trim()
                    .to_string();
                (
                    name,
                    field(p, "status", "VmRSS:"),
                    field(p, "smaps_rollup", "Pss:"),
                )
            })
            .collect()
    }

    /// Kills the app with SIGKILL (no chance to save), then tears the session down.
    pub async fn kill_app(mut self) {
        let pid = self.app_pid().expect("the app's process");
        // SAFETY: sending a signal to a process id we just found; no memory is involved.
        unsafe {
            libc::kill(pid, libc::SIGKILL);
        }
        let _ = self.client.clone().close().await;
        self.stop();
    }

    /// Asks the app to end as the desktop does at logout or shutdown (SIGTERM), waits for its
    /// process to end, then tears the session down. (WebDriver's own close kills the app, which
    /// no user does.)
    pub async fn terminate(mut self) {
        let pid = self.app_pid().expect("the app's process");
        // SAFETY: sending a signal to a process id we just found; no memory is involved.
        unsafe {
            libc::kill(pid, libc::SIGTERM);
        }
        // Bounded by a count, not a clock reading: up to 600 looks, 50 ms apart.
        let mut looks = 0;
        while looks < 600 {
            let state = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
            // Gone, or a zombie (ended, not yet reaped by the driver).
            if state.is_empty()
                || state
                    .rsplit(')')
                    .next()
                    .is_some_and(|s| s.trim_start().starts_with('Z'))
            {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
            looks += 1;
        }
        assert!(looks < 600, "the app did not end when asked to");
        let _ = self.client.clone().close().await;
        self.stop();
    }

    /// Ends the session (which closes the app) and stops the driver and the display.
    pub async fn quit(mut self) {
        let _ = self.client.clone().close().await;
        self.stop();
    }

    fn stop(&mut self) {
        if let Some(mut d) = self.driver.take() {
            // SAFETY: signalling the process group we created; tauri-driver's children
            // (WebKitWebDriver) are in it too.
            unsafe {
                libc::kill(-(d.id() as i32), libc::SIGTERM);
            }
            let _ = d.wait();
        }
        let _ = self.xvfb.kill();
        let _ = self.xvfb.wait();
    }
}

impl Drop for App {
    fn drop(&mut self) {
        self.stop();
    }
}

//! Drives the real Ready20k window: starts `tauri-driver` (which starts WebKitWebDriver and the
//! app), opens a WebDriver session, and cleans up after itself.
//!
//! Needs: the shell built with `--features e2e-hooks` (`target/debug/ready20k`), `tauri-driver`
//! on PATH or in ~/.cargo/bin, `/usr/bin/WebKitWebDriver`, and a display (run under `xvfb-run`).
//! `make test` provides all of these.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use thirtyfour::prelude::*;

/// Adds a 1-pixel box whose almost transparent background animates, so the page repaints
/// while a screenshot is taken (see [`App::screenshot`]).
const REPAINT_ON: &str = "if (!document.getElementById('e2e-repaint')) { \
    const s = document.createElement('style'); s.id = 'e2e-repaint-style'; \
    s.textContent = '@keyframes e2e-repaint { from { background-color: rgba(0,0,0,0); } \
    to { background-color: rgba(0,0,0,0.01); } }'; document.head.append(s); \
    const d = document.createElement('div'); d.id = 'e2e-repaint'; \
    d.style.cssText = 'position:fixed;right:0;bottom:0;width:1px;height:1px;\
    pointer-events:none;animation:e2e-repaint 50ms linear infinite alternate'; \
    document.body.append(d); }";

/// Removes what [`REPAINT_ON`] added.
const REPAINT_OFF: &str = "document.getElementById('e2e-repaint')?.remove(); \
    document.getElementById('e2e-repaint-style')?.remove();";

/// One running app instance under WebDriver.
pub struct App {
    /// The WebDriver session.
    pub driver: WebDriver,
    tauri_driver: Child,
    /// Per-test temporary directory (app data dir and project files).
    pub dir: tempfile::TempDir,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"))
}

/// The app binary built for E2E (debug, `e2e-hooks`).
pub fn app_binary() -> PathBuf {
    let bin = target_dir().join("debug/ready20k");
    assert!(
        bin.exists(),
        "{} is missing: build it with `cargo build -p ready20k --features e2e-hooks` (make test does)",
        bin.display()
    );
    bin
}

fn tauri_driver_binary() -> PathBuf {
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_default();
    let in_cargo = home.join(".cargo/bin/tauri-driver");
    if in_cargo.exists() {
        in_cargo
    } else {
        PathBuf::from("tauri-driver")
    }
}

/// Settings for one app launch.
#[derive(Default)]
pub struct Launch {
    /// Extra environment variables for the app (e.g. `READY20K_E2E_SAVE_PATH`).
    pub env: Vec<(String, String)>,
    /// Reuse this directory as the app data dir instead of a fresh one (restart tests).
    pub dir: Option<tempfile::TempDir>,
}

impl App {
    /// Starts the app and waits until the WebDriver session is up.
    pub async fn start(launch: Launch) -> App {
        let dir = launch.dir.unwrap_or_else(|| tempfile::tempdir().unwrap());
        let port = free_port();
        let native_port = free_port();
        let mut cmd = Command::new(tauri_driver_binary());
        cmd.args([
            "--port",
            &port.to_string(),
            "--native-port",
            &native_port.to_string(),
        ])
        .args(["--native-driver", "/usr/bin/WebKitWebDriver"])
        .env("READY20K_DATA_DIR", dir.path().join("appdata"))
        .stdout(Stdio::null())
        .stderr(Stdio::null());
        for (k, v) in &launch.env {
            cmd.env(k, v);
        }
        let tauri_driver = cmd
            .spawn()
            .expect("tauri-driver not found: run `make test-deps`");
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "tauri-driver did not listen on {port}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let mut caps = Capabilities::new();
        caps.set("browserName", "wry").unwrap();
        caps.set(
            "tauri:options",
            serde_json::json!({ "application": app_binary().display().to_string() }),
        )
        .unwrap();
        // tauri-driver listens before WebKitWebDriver behind it is ready: the first session
        // request can be refused. Retry that for a few seconds; any other error fails at once.
        let url = format!("http://127.0.0.1:{port}");
        let mut attempt = 0;
        let driver = loop {
            match WebDriver::new(url.as_str(), caps.clone()).await {
                Ok(driver) => break driver,
                Err(e) if attempt < 50 && e.to_string().contains("error sending request") => {
                    attempt += 1;
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
                Err(e) => panic!("no WebDriver session after {attempt} retries: {e}"),
            }
        };
        App {
            driver,
            tauri_driver,
            dir,
        }
    }

    /// Waits for the element with `data-testid` = `id` to be displayed, and returns it.
    /// Waits until no backend call is in flight (the content area's `aria-busy`).
    pub async fn settle(&self) {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            if !self.exists("main.content[aria-busy='true']").await {
                tokio::time::sleep(Duration::from_millis(60)).await;
                return;
            }
            assert!(Instant::now() < deadline, "the app stayed busy");
            tokio::time::sleep(Duration::from_millis(40)).await;
        }
    }

    /// Whether an element matches `selector` now (no waiting).
    pub async fn exists(&self, selector: &str) -> bool {
        self.driver
            .query(By::Css(selector))
            .nowait()
            .exists()
            .await
            .unwrap_or(false)
    }

    /// Sends `keys` to whatever has focus (the screens' window handlers take them there).
    pub async fn keys(&self, keys: impl Into<TypingData>) {
        self.driver
            .active_element()
            .await
            .unwrap()
            .send_keys(keys)
            .await
            .unwrap();
    }

    /// The first element matching `selector`, waiting up to 15 s for one.
    pub async fn css(&self, selector: &str) -> WebElement {
        self.driver
            .query(By::Css(selector))
            .wait(Duration::from_secs(15), Duration::from_millis(50))
            .first()
            .await
            .unwrap_or_else(|e| panic!("no {selector} on screen: {e}"))
    }

    pub async fn by_test_id(&self, id: &str) -> WebElement {
        let selector = format!("[data-testid='{id}']");
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            if let Ok(found) = self.driver.find_all(By::Css(selector.as_str())).await {
                for el in found {
                    // WebKitWebDriver's "displayed" atom misjudges some visible elements
                    // (ellipsis boxes); a laid-out box with a size counts as visible too.
                    let sized = el
                        .rect()
                        .await
                        .is_ok_and(|r| r.width > 0.0 && r.height > 0.0);
                    if sized || el.is_displayed().await.unwrap_or(false) {
                        return el;
                    }
                }
            }
            if Instant::now() > deadline {
                self.screenshot(&format!("missing-{id}")).await;
                let ids = self
                    .driver
                    .execute("return [...document.querySelectorAll('[data-testid]')].map(e => e.dataset.testid).join(',')", vec![])
                    .await
                    .map(|r| r.json().to_string())
                    .unwrap_or_default();
                eprintln!("test ids on screen: {ids}");
                panic!("no visible [data-testid={id}] after 15 s");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Saves a screenshot to `$READY20K_SHOTS` (default `target/e2e-shots`) as `<name>.png`.
    ///
    /// WebKitWebDriver takes a screenshot after the page's next presentation update. A page
    /// at rest (nothing changed since the last paint) has none, and the command then waits
    /// until the WebDriver client gives up after 120 s (the dossier test spent 120 of its
    /// 126 s there). So a 1-pixel, practically transparent box in a corner keeps repainting
    /// while the screenshot is taken, and is removed afterwards.
    pub async fn screenshot(&self, name: &str) {
        let dir = std::env::var_os("READY20K_SHOTS")
            .map(PathBuf::from)
            .unwrap_or_else(|| target_dir().join("e2e-shots"));
        let _ = std::fs::create_dir_all(&dir);
        let _ = self.driver.execute(REPAINT_ON, vec![]).await;
        let _ = self
            .driver
            .screenshot(&dir.join(format!("{name}.png")))
            .await;
        let _ = self.driver.execute(REPAINT_OFF, vec![]).await;
    }

    /// Waits until the element with `data-testid` = `id` shows exactly `text`.
    pub async fn wait_text(&self, id: &str, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let el = self.by_test_id(id).await;
            // textContent, not WebDriver's rendered text: the latter drops text in boxes
            // WebKitWebDriver judges hidden (e.g. single-line ellipsis boxes).
            let got = el
                .prop("textContent")
                .await
                .ok()
                .flatten()
                .unwrap_or_default();
            if got.trim() == text {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "[data-testid={id}] shows {got:?}, want {text:?}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Starts the app with `file` as the (hooked) open dialog's answer and `env` besides,
    /// opens it from the start screen and waits for the project screen.
    pub async fn open_file(file: &Path, dir: tempfile::TempDir, env: Vec<(String, String)>) -> App {
        let mut all = vec![("READY20K_E2E_OPEN_PATH".into(), file.display().to_string())];
        all.extend(env);
        let app = App::start(Launch {
            env: all,
            dir: Some(dir),
        })
        .await;
        app.click("open-project").await;
        app.by_test_id("project-firm").await;
        app
    }

    /// Clicks the element with `data-testid` = `id` (once it is displayed).
    pub async fn click(&self, id: &str) {
        self.by_test_id(id).await.click().await.unwrap();
    }

    /// Creates a project named `firm` from the start screen's new-project form and waits for
    /// the setup wizard, where a new project starts (its legal name already `firm`).
    pub async fn create_project(&self, firm: &str) {
        self.by_test_id("firm-name")
            .await
            .send_keys(firm)
            .await
            .unwrap();
        self.click("create-project").await;
        self.wait_text("wizard-step-title", "Firm profile").await;
    }

    /// The `textContent` of the element with `data-testid` = `id` ("" when it has none).
    pub async fn text_of(&self, id: &str) -> String {
        self.by_test_id(id)
            .await
            .prop("textContent")
            .await
            .unwrap()
            .unwrap_or_default()
    }

    /// Ends the session and the driver; returns the temp dir for a restart.
    pub async fn quit(mut self) -> tempfile::TempDir {
        let _ = self.driver.clone().quit().await;
        let _ = Command::new("kill")
            .arg(self.tauri_driver.id().to_string())
            .status();
        let _ = self.tauri_driver.wait();
        self.dir
    }

    /// Opens `path` with the store once the app has let go of it (the app process may take a
    /// moment to exit after the session ends).
    pub async fn open_released(path: &Path) -> ready20k_store::Project {
        let clock = std::sync::Arc::new(ready20k_domain::clock::SystemClock);
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            match ready20k_store::Project::open(path, clock.clone()) {
                Ok(p) => return p,
                Err(e) if e.code() == "already_open" && Instant::now() < deadline => {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(e) => panic!("{} did not open after the app quit: {e}", path.display()),
            }
        }
    }
}

/// Creates the demo project as `demo.r20k` in `dir` (closed again) and returns its path.
pub fn demo_file(dir: &Path) -> PathBuf {
    let file = dir.join("demo.r20k");
    ready20k_store::demo::create_demo(
        &file,
        std::sync::Arc::new(ready20k_domain::clock::SystemClock),
    )
    .unwrap()
    .close()
    .unwrap();
    file
}

/// Waits up to 15 s until `probe` returns true; fails naming `what` otherwise.
pub async fn until<F, Fut>(what: &str, mut probe: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = Instant::now() + Duration::from_secs(15);
    while !probe().await {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

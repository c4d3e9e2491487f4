//! Build script: lets tauri-build generate the app context (config, icons, capabilities).
fn main() {
    tauri_build::build()
}

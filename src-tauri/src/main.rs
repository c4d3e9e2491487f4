//! Ready20k desktop entry point.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // A form-based UI needs no GPU compositing. Without it WebKitGTK's web process uses about
    // half the memory (measured idle on the start screen: 198 -> 99 MB PSS). A value the user
    // set wins.
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        #[allow(unsafe_code)]
        // SAFETY: first statement of main, before Tauri or anything else starts a thread.
        unsafe {
            std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1")
        };
    }
    ready20k_lib::run();
}

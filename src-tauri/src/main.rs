//! Ready20k desktop entry point.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    ready20k_lib::run();
}

//! The sfconnect desktop wizard.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    sfconnect_app::run();
}

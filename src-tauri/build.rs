//! Embeds the front end (ui/dist) and the app's configuration; keeps our bundled SQLite's
//! symbols private so WebKit never binds to them.

fn main() {
    println!("cargo:rustc-link-arg-bins=-Wl,--exclude-libs,ALL");
    tauri_build::build();
}

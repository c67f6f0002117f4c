//! The widget's entry point when Trunk builds the page.

fn main() {
    #[cfg(target_arch = "wasm32")]
    tidings_widget::start();
}

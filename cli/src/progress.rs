//! A progress bar on stderr for long runs, hidden when stderr is not a terminal or when
//! running under CI (`CI` set to anything but `false`/`0`).

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal as _;

/// True if a progress bar should be drawn.
fn visible() -> bool {
    let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
    std::io::stderr().is_terminal() && !ci
}

/// A progress bar over `total` steps (hidden if it should not be drawn).
pub fn bar(total: usize) -> ProgressBar {
    if !visible() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
    if let Ok(style) =
        ProgressStyle::with_template("{spinner} [{bar:32}] {pos}/{len} {msg} ({elapsed})")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

/// A callback for [`mamori_bench::Engine::run`] driving `bar`.
pub fn callback(bar: &ProgressBar) -> impl FnMut(usize, usize, &str) + '_ {
    move |done, total, label| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
        bar.set_message(label.to_owned());
    }
}

//! What machine a report was measured on.

/// The CPU model, from `/proc/cpuinfo` (Linux) when available.
#[must_use]
pub fn cpu_model() -> Option<String> {
    let info = std::fs::read_to_string("/proc/cpuinfo").ok()?;
    info.lines()
        .filter_map(|l| l.split_once(':'))
        .find(|(k, _)| {
            let k = k.trim();
            k == "model name" || k == "Model" || k == "Hardware"
        })
        .map(|(_, v)| v.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|v| !v.is_empty())
}

/// Logical CPUs available to this process.
#[must_use]
pub fn logical_cpus() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// `os/arch` of this build, e.g. `"linux/x86_64"`.
#[must_use]
pub fn platform() -> String {
    format!("{}/{}", std::env::consts::OS, std::env::consts::ARCH)
}

//! The last line of defence behind the time limit. regorus checks its timer
//! between evaluation steps, so a single step that never ends (an arithmetic
//! operator squaring ever larger numbers, which no builtin guard sees) is not
//! stopped by it. Each rule's evaluation arms a watchdog; one thread looks
//! every 100 ms, and when an evaluation has run twice the limit (and at
//! least a second past it), it says which rule on which file, runs the abort
//! hook (the command layer removes a pending `--output` file there) and ends
//! the process with exit 2. The thread starts with the first armed
//! evaluation, and only when a limit is set.

use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

/// The time limit, set once per process by [`set_limit`].
static LIMIT: OnceLock<Duration> = OnceLock::new();
/// Called before the process ends (set by the command layer).
static ON_ABORT: OnceLock<fn()> = OnceLock::new();
/// The evaluations running now.
static ARMED: Mutex<Vec<Armed>> = Mutex::new(Vec::new());

thread_local! {
    /// The file this thread is evaluating, for the message.
    static FILE: RefCell<String> = const { RefCell::new(String::new()) };
}

struct Armed {
    id: u64,
    deadline: Instant,
    rule: String,
    file: String,
}

fn armed() -> MutexGuard<'static, Vec<Armed>> {
    ARMED.lock().unwrap_or_else(|e| e.into_inner())
}

/// Sets the time limit the watchdog enforces (the first call wins).
pub fn set_limit(limit: Duration) {
    let _ = LIMIT.set(limit);
}

/// Sets what runs before the watchdog ends the process.
pub fn on_abort(hook: fn()) {
    let _ = ON_ABORT.set(hook);
}

/// Names the file this thread evaluates next.
pub fn set_file(display: &str) {
    FILE.with(|f| {
        let mut f = f.borrow_mut();
        f.clear();
        f.push_str(display);
    });
}

/// How long past its start an evaluation is stopped: twice the limit, and
/// at least one second more than the limit.
fn grace(limit: Duration) -> Duration {
    limit + limit.max(Duration::from_secs(1))
}

/// Disarms when dropped.
pub struct Guard(Option<u64>);

impl Drop for Guard {
    fn drop(&mut self) {
        if let Some(id) = self.0 {
            armed().retain(|a| a.id != id);
        }
    }
}

/// Arms the watchdog for one evaluation of `rule`; a no-op without a limit.
pub fn arm(rule: &str) -> Guard {
    let Some(&limit) = LIMIT.get() else {
        return Guard(None);
    };
    start();
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let id = NEXT.fetch_add(1, Ordering::Relaxed);
    let file = FILE.with(|f| f.borrow().clone());
    armed().push(Armed {
        id,
        deadline: Instant::now() + grace(limit),
        rule: rule.to_string(),
        file,
    });
    Guard(Some(id))
}

fn start() {
    static STARTED: std::sync::Once = std::sync::Once::new();
    STARTED.call_once(|| {
        let _ = std::thread::Builder::new()
            .name("mlint-watchdog".into())
            .spawn(|| {
                loop {
                    std::thread::sleep(Duration::from_millis(100));
                    if let Some(message) = overdue(Instant::now()) {
                        eprintln!("mlint: error: {message}");
                        if let Some(hook) = ON_ABORT.get() {
                            hook();
                        }
                        std::process::exit(2);
                    }
                }
            });
    });
}

/// The message for the first evaluation past its deadline at `now`.
fn overdue(now: Instant) -> Option<String> {
    let limit = *LIMIT.get()?;
    let armed = armed();
    let late = armed.iter().find(|a| a.deadline <= now)?;
    Some(format!(
        "rule `{}` on `{}` ran past the time limit of {} s (`limits.timeout_seconds`) inside one evaluation step that cannot be interrupted, such as arithmetic on ever larger numbers; the run was stopped",
        crate::escape::escape(&late.rule),
        crate::escape::escape(&late.file),
        limit.as_secs_f64()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_grace_is_twice_the_limit_and_at_least_a_second() {
        assert_eq!(grace(Duration::from_secs(10)), Duration::from_secs(20));
        assert_eq!(
            grace(Duration::from_millis(200)),
            Duration::from_millis(1200)
        );
    }
}

//! Fault injection for tests: make the write stage fail, or die, at its
//! N-th step, to prove DIR is left exactly as it was.
//!
//! Compiled only into unit tests (per thread, set with [`inject`]) and into
//! builds with the `fault-injection` cargo feature, where the environment
//! variable `SOVC_FAULT=fail:N` returns an I/O error at step N and
//! `SOVC_FAULT=crash:N` aborts the process there, like a `kill -9`.
//! A normal build contains none of it: [`point`] is an empty function.

/// The write stage calls this before each step that changes the disk.
#[cfg(not(any(test, feature = "fault-injection")))]
#[inline(always)]
pub fn point() -> std::io::Result<()> {
    Ok(())
}

/// Whether `e` is a simulated crash (the caller must not clean up).
#[cfg(not(any(test, feature = "fault-injection")))]
#[inline(always)]
pub fn is_crash(_e: &std::io::Error) -> bool {
    false
}

#[cfg(any(test, feature = "fault-injection"))]
pub use imp::*;

#[cfg(any(test, feature = "fault-injection"))]
mod imp {
    use std::cell::Cell;
    use std::io;

    /// What happens at the chosen step.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum Fault {
        /// An I/O error, as from a full disk.
        Fail,
        /// The process dies: no rollback runs.
        Crash,
    }

    thread_local! {
        static PLAN: Cell<Option<(Fault, usize)>> = const { Cell::new(None) };
        static STEP: Cell<usize> = const { Cell::new(0) };
    }

    /// Makes step `at` (counted from 0) of this thread's next writes fail.
    pub fn inject(fault: Fault, at: usize) {
        PLAN.with(|p| p.set(Some((fault, at))));
        STEP.with(|s| s.set(0));
    }

    /// Removes the injected fault; returns how many steps ran since `inject`.
    pub fn clear() -> usize {
        PLAN.with(|p| p.set(None));
        STEP.with(|s| s.replace(0))
    }

    #[derive(Debug)]
    struct Crash;

    impl std::fmt::Display for Crash {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("injected crash")
        }
    }

    impl std::error::Error for Crash {}

    pub fn is_crash(e: &io::Error) -> bool {
        e.get_ref().is_some_and(|e| e.is::<Crash>())
    }

    pub fn point() -> io::Result<()> {
        let step = STEP.with(|s| {
            let n = s.get();
            s.set(n + 1);
            n
        });
        let plan = PLAN.with(Cell::get).or_else(from_env);
        match plan {
            Some((Fault::Fail, at)) if at == step => Err(io::Error::other(format!("injected failure at step {step}"))),
            Some((Fault::Crash, at)) if at == step => {
                if cfg!(test) {
                    Err(io::Error::other(Crash))
                } else {
                    std::process::abort()
                }
            }
            _ => Ok(()),
        }
    }

    /// `SOVC_FAULT=fail:N|crash:N`, read only in `fault-injection` builds.
    fn from_env() -> Option<(Fault, usize)> {
        if cfg!(test) {
            return None;
        }
        let v = std::env::var("SOVC_FAULT").ok()?;
        let (kind, n) = v.split_once(':')?;
        let fault = match kind {
            "fail" => Fault::Fail,
            "crash" => Fault::Crash,
            _ => return None,
        };
        Some((fault, n.parse().ok()?))
    }
}

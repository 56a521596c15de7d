//! A count of the work extraction does, for the test that keeps it linear in the length of
//! the article (`tests::work_grows_linearly` in `lib.rs`) without timing anything: the loops
//! that once rescanned the article per sentence, cue, token or time expression add what
//! they visit here. Outside tests the count compiles to nothing.

/// Adds `n` visited items (bytes searched, tokens, spans) to this thread's count.
#[inline(always)]
pub(crate) fn step(n: usize) {
    imp::step(n);
}

#[cfg(test)]
pub(crate) use imp::take;

#[cfg(not(test))]
mod imp {
    #[inline(always)]
    pub(super) fn step(_: usize) {}
}

#[cfg(test)]
mod imp {
    use std::cell::Cell;

    thread_local! {
        static STEPS: Cell<u64> = const { Cell::new(0) };
    }

    pub(super) fn step(n: usize) {
        STEPS.with(|s| s.set(s.get().saturating_add(n as u64)));
    }

    /// The count so far on this thread, which is reset to zero.
    pub(crate) fn take() -> u64 {
        STEPS.with(|s| s.replace(0))
    }
}

//! [`Wakers`]: the tasks waiting for one thing to happen, each woken when it does.

use std::cell::RefCell;
use std::task::{Context, Waker};

/// The tasks waiting for something (an item, buffer space, a state): one waker per task, so
/// that clones of one handle may wait from several tasks at once and every one of them is woken.
#[derive(Default)]
pub(crate) struct Wakers(RefCell<Vec<Waker>>);

impl Wakers {
    /// Registers the task of `cx` to be woken, once per task.
    pub(crate) fn wait(&self, cx: &Context<'_>) {
        let mut wakers = self.0.borrow_mut();
        if !wakers.iter().any(|w| w.will_wake(cx.waker())) {
            wakers.push(cx.waker().clone());
        }
    }

    /// Wakes every registered task; a task that must go on waiting registers again when it
    /// polls.
    pub(crate) fn wake_all(&self) {
        // Taken out first: a woken task may poll, and register again, at once.
        let mut waiting = std::mem::take(&mut *self.0.borrow_mut());
        for waker in waiting.drain(..) {
            waker.wake();
        }
        // The emptied list goes back, allocation and all, unless a task registered meanwhile:
        // a stream read one message at a time registers again after every message, and would
        // otherwise allocate and free the list each time.
        let mut slot = self.0.borrow_mut();
        if slot.capacity() == 0 {
            *slot = waiting;
        }
    }
}

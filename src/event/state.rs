//! [`state_stream`]: an object's state as a stream a UI can bind — the current value first, each
//! change after, and the value it ends in.

use std::cell::RefCell;
use std::rc::Rc;

use web_sys::EventTarget;

use super::listen::{Emit, EventStream};

/// A stream of the state `read` returns: its value now, then its value after each of `events`
/// on `target` when it changed (never the same value twice in a row), and as the stream ends —
/// by the owner (a closed or dropped connection), by `until`, or by a value `is_final` accepts —
/// `end_value` if it is new: the object's closed state, which the spec's close steps set
/// without an event (and which a browser may not show yet when the stream learns of the
/// close). `None` for a state without a closed value.
pub(crate) fn state_stream<T: Clone + PartialEq + 'static>(
    target: &EventTarget,
    events: &[&'static str],
    read: impl Fn() -> T + 'static,
    is_final: fn(&T) -> bool,
    end_value: Option<T>,
) -> EventStream<T> {
    let read = Rc::new(read);
    let now = read();
    let last = Rc::new(RefCell::new(now.clone()));
    let stream = EventStream::new();
    stream.push(now.clone());
    if is_final(&now) {
        stream.end();
        return stream;
    }
    let mut stream = stream;
    for &event in events {
        let (read, last) = (read.clone(), last.clone());
        stream = stream.on(target, event, move |_| {
            let now = read();
            if *last.borrow() == now {
                return Emit::Skip;
            }
            *last.borrow_mut() = now.clone();
            if is_final(&now) {
                Emit::Last(now)
            } else {
                Emit::Item(now)
            }
        });
    }
    stream.ending_with(move || end_value.filter(|end| *last.borrow() != *end))
}

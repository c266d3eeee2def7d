//! [`Listener`] (an RAII event listener) and [`EventStream`] (a `Stream` over recurring events).
//!
//! Order matters on drop: a listener first removes its JavaScript handler from the target and only
//! then drops the Rust closure, so the browser can never call a closure that is gone. No closure
//! is ever leaked (forgotten); [`live_listeners`] counts what is attached right now.
//!
//! **Slow consumers.** An [`EventStream`] buffers events in memory, in order, until they are polled:
//! nothing is dropped and nothing is coalesced. A consumer that stops polling for a long time while
//! a busy channel keeps receiving grows that buffer; drop the stream (or the object it came from)
//! to stop listening.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::rc::{Rc, Weak};
use std::task::{Context, Poll};

use futures::Stream;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Event, EventTarget};

use super::Wakers;
use crate::{attribute, sys};

thread_local! {
    static LIVE: Cell<usize> = const { Cell::new(0) };
    static DISPATCHED: Cell<u64> = const { Cell::new(0) };
}

/// How many event listeners this crate has attached right now, across every object.
///
/// A diagnostic for leak tests: after every handle of every connection is dropped it returns to
/// what it was before they were created.
pub fn live_listeners() -> usize {
    LIVE.with(Cell::get)
}

/// How many events this crate's listeners have received since the page loaded.
///
/// A diagnostic: once every connection is dropped, this stops growing, because no listener of
/// ours is attached to anything any more.
pub fn dispatched_events() -> u64 {
    DISPATCHED.with(Cell::get)
}

/// An event listener that lives exactly as long as this value.
///
/// Dropping it removes the handler from the target, then drops the closure.
pub(crate) struct Listener {
    target: EventTarget,
    event: &'static str,
    closure: Closure<dyn FnMut(Event)>,
}

impl Listener {
    /// Attaches `handler` to `event` on `target`.
    pub(crate) fn new(
        target: &EventTarget,
        event: &'static str,
        mut handler: impl FnMut(Event) + 'static,
    ) -> Self {
        let closure = Closure::<dyn FnMut(Event)>::new(move |e: Event| {
            DISPATCHED.with(|d| d.set(d.get() + 1));
            handler(e)
        });
        // `addEventListener` only throws for a non-callable listener, which a Closure never is.
        let _ = attribute::with_name(event, |kind| {
            let target: &sys::EventTargetExt = target.unchecked_ref();
            target.add_listener(kind, closure.as_ref().unchecked_ref())
        });
        LIVE.with(|n| n.set(n.get() + 1));
        Listener {
            target: target.clone(),
            event,
            closure,
        }
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = attribute::with_name(self.event, |kind| {
            let target: &sys::EventTargetExt = self.target.unchecked_ref();
            target.remove_listener(kind, self.closure.as_ref().unchecked_ref())
        });
        LIVE.with(|n| n.set(n.get().saturating_sub(1)));
        // `self.closure` is dropped after this body, once the handler is detached.
    }
}

/// What a handler does with one event.
pub(crate) enum Emit<T> {
    /// Yield this item.
    Item(T),
    /// Ignore the event.
    Skip,
    /// Yield this item, then end the stream.
    Last(T),
    /// End the stream.
    End,
}

/// Something an owner can end early: used by connections to end every stream they handed out
/// when they close or are dropped.
pub(crate) trait End {
    /// Detaches the listeners and ends the stream after what is already buffered.
    fn end(&self);
}

/// What a stream ends with besides its events: the close of the connection it belongs to.
type Until = Pin<Box<dyn Future<Output = ()>>>;

/// What is done to each item as a consumer takes it (see [`EventStream::on_yield`]).
type OnYield<T> = Box<dyn FnMut(&mut T)>;

/// The last item a stream yields as it ends, if any (see [`EventStream::ending_with`]).
type OnEnd<T> = Box<dyn FnOnce() -> Option<T>>;

struct Channel<T> {
    queue: RefCell<VecDeque<T>>,
    /// Run on each item as it is yielded.
    on_yield: RefCell<Option<OnYield<T>>>,
    /// Ends the stream when it completes (see [`EventStream::until`]).
    until: RefCell<Option<Until>>,
    /// Gives the last item as the stream ends.
    on_end: RefCell<Option<OnEnd<T>>>,
    /// Every task waiting for an item (clones of a stream may be polled from several tasks at
    /// once): all are woken by an item or the end, and those that find the queue empty again
    /// wait again.
    wakers: Wakers,
    ended: Cell<bool>,
    listeners: RefCell<Vec<Listener>>,
}

impl<T> Channel<T> {
    fn push(&self, item: T) {
        self.queue.borrow_mut().push_back(item);
        self.wake();
    }

    fn wake(&self) {
        self.wakers.wake_all();
    }
}

impl<T> End for Channel<T> {
    fn end(&self) {
        if self.ended.get() {
            return;
        }
        let last = self.on_end.borrow_mut().take();
        if let Some(item) = last.and_then(|last| last()) {
            self.queue.borrow_mut().push_back(item);
        }
        self.ended.set(true);
        // Take the listeners out before dropping them: a handler may be running right now, and
        // wasm-bindgen defers freeing a closure that is dropped during its own call.
        let listeners = std::mem::take(&mut *self.listeners.borrow_mut());
        drop(listeners);
        self.wake();
    }
}

/// A `Stream` of values decoded from DOM events.
///
/// **Slow consumers.** Items are buffered in memory, in order, until they are polled: nothing is
/// dropped and nothing is coalesced. A consumer that stops polling for a long time while a busy
/// channel keeps receiving grows that buffer; drop the stream (or the object it came from) to
/// stop listening.
///
/// The stream ends when the object it listens to says it is finished (for example a channel's `close`, or
/// end-of-candidates) or when the connection that produced it is closed or dropped. Dropping the
/// stream detaches its listeners.
///
/// Clones share one buffer: each item goes to whichever clone polls first, and every task waiting
/// on a clone is woken when an item arrives or the stream ends, so clones may be polled from
/// several tasks at once.
pub struct EventStream<T> {
    channel: Rc<Channel<T>>,
}

impl<T> Clone for EventStream<T> {
    fn clone(&self) -> Self {
        EventStream {
            channel: self.channel.clone(),
        }
    }
}

impl<T: 'static> EventStream<T> {
    /// An empty stream with no listeners yet.
    pub(crate) fn new() -> Self {
        EventStream {
            channel: Rc::new(Channel {
                queue: RefCell::new(VecDeque::new()),
                on_yield: RefCell::new(None),
                until: RefCell::new(None),
                on_end: RefCell::new(None),
                wakers: Wakers::default(),
                ended: Cell::new(false),
                listeners: RefCell::new(Vec::new()),
            }),
        }
    }

    /// Adds a listener for `event` on `target`; `map` decides what each event becomes.
    pub(crate) fn on(
        self,
        target: &EventTarget,
        event: &'static str,
        mut map: impl FnMut(&Event) -> Emit<T> + 'static,
    ) -> Self {
        if self.channel.ended.get() {
            return self;
        }
        let weak = Rc::downgrade(&self.channel);
        let listener = Listener::new(target, event, move |e| {
            let Some(channel) = weak.upgrade() else {
                return;
            };
            if channel.ended.get() {
                return;
            }
            match map(&e) {
                Emit::Item(item) => channel.push(item),
                Emit::Skip => {}
                Emit::Last(item) => {
                    channel.push(item);
                    channel.end();
                }
                Emit::End => channel.end(),
            }
        });
        self.channel.listeners.borrow_mut().push(listener);
        self
    }

    /// Ends the stream (after what is buffered) once `signal` completes, whatever the events
    /// do: for objects whose events stop without an end when their connection closes (the spec's
    /// close steps fire none at transports).
    pub(crate) fn until(self, signal: impl Future<Output = ()> + 'static) -> Self {
        *self.channel.until.borrow_mut() = Some(Box::pin(signal));
        self
    }

    /// Runs `hook` on each item as a consumer takes it, not while it waits in the buffer: for
    /// items that must hold their owner only once handed out (a buffered one holding it would
    /// keep it alive through its own buffer).
    pub(crate) fn on_yield(self, hook: impl FnMut(&mut T) + 'static) -> Self {
        *self.channel.on_yield.borrow_mut() = Some(Box::new(hook));
        self
    }

    /// Runs `last` as the stream ends (however it ends: an event, its owner, `until`), and
    /// yields what it gives after everything buffered: the final value of a state stream.
    pub(crate) fn ending_with(self, last: impl FnOnce() -> Option<T> + 'static) -> Self {
        *self.channel.on_end.borrow_mut() = Some(Box::new(last));
        self
    }

    /// A weak handle the owner keeps to end this stream when it closes.
    pub(crate) fn ender(&self) -> Weak<dyn End> {
        let rc: Rc<dyn End> = self.channel.clone();
        Rc::downgrade(&rc)
    }

    /// Adds `item` as if an event had brought it (nothing once the stream has ended): for
    /// streams of what the crate itself reports, such as a negotiator's events.
    pub(crate) fn push(&self, item: T) {
        if !self.channel.ended.get() {
            self.channel.push(item);
        }
    }

    /// Whether anyone but this handle holds the stream (a clone given out and not yet dropped):
    /// an owner that pushes to the streams it handed out forgets those nobody reads.
    pub(crate) fn has_reader(&self) -> bool {
        Rc::strong_count(&self.channel) > 1
    }

    /// Ends the stream now: detaches its listeners; buffered items are still delivered.
    pub(crate) fn end(&self) {
        self.channel.end();
    }
}

impl<T: 'static> EventStream<T> {
    /// `poll_next` through a shared reference, for owners that keep the stream inside an `Rc`.
    pub(crate) fn poll_shared(&self, cx: &mut Context<'_>) -> Poll<Option<T>> {
        let next = self.channel.queue.borrow_mut().pop_front();
        if let Some(mut item) = next {
            if let Some(hook) = self.channel.on_yield.borrow_mut().as_mut() {
                hook(&mut item);
            }
            return Poll::Ready(Some(item));
        }
        if self.channel.ended.get() {
            return Poll::Ready(None);
        }
        let until = self
            .channel
            .until
            .borrow_mut()
            .as_mut()
            .map(|signal| signal.as_mut().poll(cx));
        if until == Some(Poll::Ready(())) {
            self.channel.until.borrow_mut().take();
            self.channel.end();
            // What the end added (`ending_with`), if anything, then the end.
            return self.poll_shared(cx);
        }
        self.channel.wakers.wait(cx);
        Poll::Pending
    }
}

impl<T: 'static> Stream for EventStream<T> {
    type Item = T;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
        self.poll_shared(cx)
    }
}

impl<T: 'static> futures::stream::FusedStream for EventStream<T> {
    fn is_terminated(&self) -> bool {
        self.channel.ended.get() && self.channel.queue.borrow().is_empty()
    }
}

/// What a connection has handed out that ends with it — its streams, its data channels — so it
/// can end all of them when it closes.
#[derive(Default)]
pub(crate) struct Owned {
    streams: RefCell<Vec<Weak<dyn End>>>,
}

impl Owned {
    /// Remembers `stream` and returns it.
    pub(crate) fn track<T: 'static>(&self, stream: EventStream<T>) -> EventStream<T> {
        self.track_end(stream.ender());
        stream
    }

    /// Remembers something to end (held weakly: what is gone needs no ending).
    pub(crate) fn track_end(&self, ender: Weak<dyn End>) {
        let mut streams = self.streams.borrow_mut();
        streams.retain(|w| w.strong_count() > 0);
        streams.push(ender);
    }

    /// Ends every stream still alive.
    pub(crate) fn end_all(&self) {
        let streams = std::mem::take(&mut *self.streams.borrow_mut());
        for s in streams.iter().filter_map(Weak::upgrade) {
            s.end();
        }
    }
}

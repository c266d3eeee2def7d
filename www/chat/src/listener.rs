//! DOM events as Rust values: [`EventListener`] (removed on drop, gloo-style) and [`DomEvents`], a
//! `Stream` of them. The only file of the demo that makes a `Closure`.

use std::pin::Pin;
use std::task::{Context, Poll};

use futures::channel::mpsc::{unbounded, UnboundedReceiver};
use futures::Stream;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Event, EventTarget};

/// An event listener that lives exactly as long as this value: no `Closure::forget`.
pub struct EventListener {
    target: EventTarget,
    kind: &'static str,
    closure: Closure<dyn FnMut(Event)>,
}

impl EventListener {
    /// `target.addEventListener(kind, handler)`.
    pub fn new(
        target: &EventTarget,
        kind: &'static str,
        handler: impl FnMut(Event) + 'static,
    ) -> Result<Self, wasm_rtc::Error> {
        let closure = Closure::<dyn FnMut(Event)>::new(handler);
        target.add_event_listener_with_callback(kind, closure.as_ref().unchecked_ref())?;
        Ok(EventListener {
            target: target.clone(),
            kind,
            closure,
        })
    }
}

impl Drop for EventListener {
    fn drop(&mut self) {
        // Detach first; the closure itself is dropped after this body, when the browser can no
        // longer call it.
        let _ = self
            .target
            .remove_event_listener_with_callback(self.kind, self.closure.as_ref().unchecked_ref());
    }
}

/// The events of one kind on one target, as a `Stream`; dropping it removes the listener.
pub struct DomEvents<T> {
    _listener: EventListener,
    events: UnboundedReceiver<T>,
}

impl<T: 'static> DomEvents<T> {
    /// Listens for `kind` on `target`. `on_event` runs inside the browser's dispatch (so it can
    /// call `preventDefault`) and its result is what the stream yields later.
    pub fn new(
        target: &EventTarget,
        kind: &'static str,
        mut on_event: impl FnMut(&Event) -> T + 'static,
    ) -> Result<Self, wasm_rtc::Error> {
        let (sender, events) = unbounded();
        let listener = EventListener::new(target, kind, move |event| {
            // Fails only once the stream is gone, and then nobody is listening anyway.
            let _ = sender.unbounded_send(on_event(&event));
        })?;
        Ok(DomEvents {
            _listener: listener,
            events,
        })
    }
}

impl<T> Stream for DomEvents<T> {
    type Item = T;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
        Pin::new(&mut self.events).poll_next(cx)
    }
}

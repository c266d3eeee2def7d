//! Leptos 0.8 signals from this crate's streams (feature `leptos`): a connection's states, a
//! data channel's state and messages, and stats samples, as `ReadSignal`s a view binds.
//!
//! **`!Send` handles.** Every handle of this crate (`PeerConnection`, `DataChannel`,
//! `MediaStream`, …) wraps JavaScript objects, which live on the page's one thread, so none is
//! `Send`. Leptos's default storage wants `Send + Sync` values; give it these handles through
//! its local storage instead — no `SendWrapper` needed:
//! - keep a handle in a component: `StoredValue::new_local(pc)`;
//! - a signal of a handle: `RwSignal::new_local(Some(channel))` or `signal_local(…)`;
//! - async work that holds a handle: `Action::new_local`, `LocalResource::new`, or
//!   `leptos::task::spawn_local`.
//!
//! The signals here are `ReadSignal<T, LocalStorage>`s, themselves `Copy` and usable in any view.
//! Each is fed by a task on the page's event loop that ends when its stream ends (the object
//! closed) or when the reactive owner that made it is cleaned up (the component unmounted), so
//! a component that goes away leaves no listener behind.
//!
//! ```no_run
//! use leptos::prelude::*;
//! use wasm_rtc::{leptos::connection_state, Configuration, PeerConnection};
//!
//! #[component]
//! fn CallState() -> impl IntoView {
//!     let pc = PeerConnection::new(&Configuration::new()).unwrap();
//!     let state = connection_state(&pc);
//!     // Keeps the connection open as long as the component lives.
//!     let _pc = StoredValue::new_local(pc);
//!     view! { <p>"Call: " {move || state.get().to_string()}</p> }
//! }
//! ```

use std::time::Duration;

use ::leptos::prelude::{on_cleanup, signal_local, LocalStorage, ReadSignal, Set, Update};
use futures::{Stream, StreamExt};

use crate::data_channel::{DataChannel, Message};
use crate::enums::{
    DataChannelState, IceConnectionState, IceGatheringState, PeerConnectionState, SignalingState,
};
use crate::error::Error;
use crate::peer::PeerConnection;
use crate::pump::pump;
use crate::stats::StatsSample;

/// Runs `stream` into `apply` (see [`pump`]) until the current reactive owner is cleaned up.
fn follow<T: 'static>(
    stream: impl Stream<Item = T> + 'static,
    apply: impl FnMut(T) -> bool + 'static,
) {
    let abort = pump(stream, apply);
    on_cleanup(move || abort.abort());
}

/// A signal that holds `initial`, then each item of `stream`: for any stream of this crate
/// (or another) a view should show. Its value stays the last item once the stream ends.
pub fn signal_from_stream<T: 'static>(
    initial: T,
    stream: impl Stream<Item = T> + 'static,
) -> ReadSignal<T, LocalStorage> {
    let (read, write) = signal_local(initial);
    follow(stream, move |item| write.try_set(item).is_none());
    read
}

/// `connectionState`, live: from
/// [`PeerConnection::connection_states`] (`closed` once the connection closes or drops).
pub fn connection_state(pc: &PeerConnection) -> ReadSignal<PeerConnectionState, LocalStorage> {
    signal_from_stream(pc.connection_state(), pc.connection_states())
}

/// `iceConnectionState`, live: from [`PeerConnection::ice_connection_states`].
pub fn ice_connection_state(pc: &PeerConnection) -> ReadSignal<IceConnectionState, LocalStorage> {
    signal_from_stream(pc.ice_connection_state(), pc.ice_connection_states())
}

/// `iceGatheringState`, live: from [`PeerConnection::ice_gathering_states`].
pub fn ice_gathering_state(pc: &PeerConnection) -> ReadSignal<IceGatheringState, LocalStorage> {
    signal_from_stream(pc.ice_gathering_state(), pc.ice_gathering_states())
}

/// `signalingState`, live: from [`PeerConnection::signaling_states`].
pub fn signaling_state(pc: &PeerConnection) -> ReadSignal<SignalingState, LocalStorage> {
    signal_from_stream(pc.signaling_state(), pc.signaling_states())
}

/// A data channel's `readyState`, live: from [`DataChannel::ready_states`].
pub fn ready_state(channel: &DataChannel) -> ReadSignal<DataChannelState, LocalStorage> {
    signal_from_stream(channel.ready_state(), channel.ready_states())
}

/// Every message the channel receives from now on, in order (and an error where the browser
/// hands over data the channel cannot read): a chat log. It grows until the channel closes or
/// the owner is cleaned up; its task reads the channel, so no other reader of it (or of a
/// clone) should also read.
pub fn messages(channel: &DataChannel) -> ReadSignal<Vec<Result<Message, Error>>, LocalStorage> {
    let (read, write) = signal_local(Vec::new());
    follow(channel.clone(), move |message| {
        write.try_update(|log| log.push(message)).is_some()
    });
    read
}

/// The latest sample of [`PeerConnection::stats_every`]`(period)`: `None` until the first,
/// then each sample (or the browser's error in its place) with the rates since the one before.
pub fn stats(
    pc: &PeerConnection,
    period: Duration,
) -> ReadSignal<Option<Result<StatsSample, Error>>, LocalStorage> {
    signal_from_stream(None, pc.stats_every(period).map(Some))
}

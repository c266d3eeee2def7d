//! Yew 0.23 hooks for this crate's handles and streams (feature `yew`): a connection made for a
//! component, its state, a data channel's state and messages, stats samples, and a stream shown
//! in a `<video>` or `<audio>`.
//!
//! The handles are `!Send` (they wrap the page's JavaScript objects), which Yew, single-threaded,
//! never asks of them: keep them in `use_state` or props (they compare equal when they are the
//! same browser object). Each hook that follows a stream runs a task on the page's event loop
//! that stops when the component unmounts or its argument changes, so nothing listens after.
//!
//! ```no_run
//! use yew::prelude::*;
//! use wasm_rtc::yew::{use_connection_state, use_peer_connection};
//! use wasm_rtc::Configuration;
//!
//! #[function_component]
//! fn CallState() -> Html {
//!     match use_peer_connection(&Configuration::new()) {
//!         Ok(pc) => html! { <State {pc} /> },
//!         Err(e) => html! { <p class="error">{ e.to_string() }</p> },
//!     }
//! }
//!
//! #[derive(Properties, PartialEq)]
//! struct StateProps { pc: wasm_rtc::PeerConnection }
//!
//! #[function_component]
//! fn State(props: &StateProps) -> Html {
//!     let state = use_connection_state(&props.pc);
//!     html! { <p>{ "Call: " }{ state.to_string() }</p> }
//! }
//! ```

use std::rc::Rc;
use std::time::Duration;

use ::yew::prelude::{
    hook, use_effect_with, use_node_ref, use_reducer, use_state, NodeRef, Reducible, UseStateHandle,
};
use futures::{Stream, StreamExt};

use crate::config::Configuration;
use crate::data_channel::{DataChannel, Message};
use crate::enums::{DataChannelState, PeerConnectionState};
use crate::error::Error;
use crate::media::MediaStream;
use crate::peer::PeerConnection;
use crate::pump::pump;
use crate::stats::StatsSample;

/// Feeds `state` from `stream` (see [`pump`]); the returned teardown stops it.
fn feed<T: 'static>(
    stream: impl Stream<Item = T> + 'static,
    state: UseStateHandle<T>,
) -> impl FnOnce() {
    let abort = pump(stream, move |item| {
        state.set(item);
        true
    });
    move || abort.abort()
}

/// A connection for this component: made with `configuration` on the first render (a later
/// configuration is not applied), the same handle on every render after, and closed when the
/// component unmounts (if nothing else holds it). The browser's refusal (a bad configuration,
/// too many connections) is the error.
#[hook]
pub fn use_peer_connection(configuration: &Configuration) -> Result<PeerConnection, Error> {
    let pc = use_state(|| PeerConnection::new(configuration));
    (*pc).clone()
}

/// `connectionState`, live: the value now, each change (a re-render), `closed` when the
/// connection closes (see [`PeerConnection::connection_states`]).
#[hook]
pub fn use_connection_state(pc: &PeerConnection) -> PeerConnectionState {
    let state = use_state(|| pc.connection_state());
    {
        let state = state.clone();
        use_effect_with(pc.clone(), move |pc| feed(pc.connection_states(), state));
    }
    (*state).clone()
}

/// What [`use_data_channel`] gives: the channel's state and the messages it received.
#[derive(Debug, Clone, PartialEq)]
pub struct DataChannelView {
    /// `readyState`, live (see [`DataChannel::ready_states`]).
    pub ready_state: DataChannelState,
    /// Every message received since the component's first render, in order (an error where
    /// the browser handed over data the channel cannot read).
    pub messages: Rc<Vec<Result<Message, Error>>>,
}

/// The messages of [`use_data_channel`], as a reducer (each new message is one action).
#[derive(Default, PartialEq)]
struct MessageLog(Rc<Vec<Result<Message, Error>>>);

impl Reducible for MessageLog {
    type Action = Result<Message, Error>;

    fn reduce(self: Rc<Self>, message: Self::Action) -> Rc<Self> {
        let mut log = self.0.clone();
        Rc::make_mut(&mut log).push(message);
        Rc::new(MessageLog(log))
    }
}

/// A data channel's state and received messages, live: a chat log. The hook reads the
/// channel, so nothing else (no clone of it) should.
#[hook]
pub fn use_data_channel(channel: &DataChannel) -> DataChannelView {
    let ready_state = use_state(|| channel.ready_state());
    let log = use_reducer(MessageLog::default);
    {
        let (ready_state, dispatch) = (ready_state.clone(), log.dispatcher());
        use_effect_with(channel.clone(), move |channel| {
            let stop_states = feed(channel.ready_states(), ready_state);
            let messages = pump(channel.clone(), move |message| {
                dispatch.dispatch(message);
                true
            });
            move || {
                stop_states();
                messages.abort();
            }
        });
    }
    DataChannelView {
        ready_state: *ready_state,
        messages: log.0.clone(),
    }
}

/// The latest sample of [`PeerConnection::stats_every`]`(period)`: `None` until the first,
/// then each sample (or the browser's error in its place) with the rates since the one before.
#[hook]
pub fn use_stats(pc: &PeerConnection, period: Duration) -> Option<Result<StatsSample, Error>> {
    let sample = use_state(|| None);
    {
        let sample = sample.clone();
        use_effect_with((pc.clone(), period), move |(pc, period)| {
            feed(pc.stats_every(*period).map(Some), sample)
        });
    }
    (*sample).clone()
}

/// A `NodeRef` for a `<video>` or `<audio>` that shows `stream` ([`MediaStream::attach`]):
/// attached after each render that changes the stream, detached when it changes again or the
/// component unmounts. `None` shows nothing.
///
/// ```no_run
/// # use yew::prelude::*;
/// # #[function_component]
/// # fn Remote() -> Html {
/// # let stream: Option<wasm_rtc::MediaStream> = None;
/// let video = wasm_rtc::yew::use_media_stream(stream.as_ref());
/// html! { <video ref={video} muted=true /> }
/// # }
/// ```
#[hook]
pub fn use_media_stream(stream: Option<&MediaStream>) -> NodeRef {
    let node = use_node_ref();
    use_effect_with(
        (node.clone(), stream.cloned()),
        |(node, stream): &(NodeRef, Option<MediaStream>)| {
            let shown = node.cast::<web_sys::HtmlMediaElement>().zip(stream.clone());
            if let Some((element, stream)) = &shown {
                stream.attach(element);
            }
            move || {
                if let Some((element, stream)) = shown {
                    stream.detach(&element);
                }
            }
        },
    );
    node
}

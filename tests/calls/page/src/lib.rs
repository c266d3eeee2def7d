//! One side of a call between two browser processes (tests/calls/run.py drives two of these):
//! it joins a room on a nats-server through `NatsSignaling`, lets the `Negotiator` connect the
//! call, sends a synthetic video track and data-channel messages, and reports everything it sees
//! on `window.callStatus`, a plain object the runner reads over WebDriver:
//!
//! - `transport` / `transportLog`: the signaling transport's state, now and every change;
//! - `connection` / `connectionLog`: the connection's state, now and every change;
//! - `negotiation`, `errors`: the negotiator's events, and the errors among them;
//! - `chatOpen`, `received`: the pre-negotiated `chat` channel, and every text it brought;
//! - `remoteFrame`, `remoteNonBlank`, `remoteSize`: the frame number read from the remote video
//!   (the pattern of `wasm_rtc::synthetic::video_pattern`), whether its pixels show a picture,
//!   and its size, sampled every half second;
//! - `channels`: the labels of channels the other side created (renegotiation);
//! - `remoteTracks`: the kind of every remote track, in the order they came.
//!
//! The runner calls the exported `send_messages`, `add_channel`, `inbound_packets` and
//! `hang_up` through `window.call`.

use std::cell::RefCell;
use std::time::Duration;

use futures::{SinkExt, StreamExt};
use js_sys::{Array, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::spawn_local;
use wasm_rtc::synthetic::{audio_tone, grab_frame, read_frame_number, video_pattern};
use wasm_rtc::{
    Configuration, DataChannel, DataChannelOptions, Error, IceServer, IceTransportPolicy, InboundRtpStreamStats,
    MediaStreamTrack, Message, NatsOptions, NatsSignaling, NatsState, NegotiationEvent, Negotiator, NegotiatorOptions,
    PeerConnection, ReconnectPolicy, TrackKind,
};

/// The call, while it lasts.
struct Call {
    pc: PeerConnection,
    /// Dropped to hang up: it says `bye`.
    negotiator: Negotiator,
    chat: DataChannel,
    /// Kept so the synthetic sources keep drawing and playing.
    _tracks: Vec<MediaStreamTrack>,
    /// Channels this side added (kept open).
    added: Vec<DataChannel>,
}

thread_local! {
    static CALL: RefCell<Option<Call>> = const { RefCell::new(None) };
}

fn status() -> JsValue {
    let window = web_sys::window().expect("a window");
    Reflect::get(&window, &"callStatus".into()).unwrap_or(JsValue::UNDEFINED)
}

fn set(key: &str, value: impl Into<JsValue>) {
    let _ = Reflect::set(&status(), &key.into(), &value.into());
}

/// Appends `value` to the array `key` (made on first use).
fn push(key: &str, value: impl Into<JsValue>) {
    let status = status();
    let list = match Reflect::get(&status, &key.into()) {
        Ok(list) if Array::is_array(&list) => list.unchecked_into::<Array>(),
        _ => {
            let list = Array::new();
            let _ = Reflect::set(&status, &key.into(), &list);
            list
        }
    };
    list.push(&value.into());
}

fn js(error: Error) -> JsValue {
    JsValue::from_str(&format!("{}: {}", error.name(), error.message()))
}

fn transport_name(state: &NatsState) -> String {
    match state {
        NatsState::Connected => "connected".into(),
        NatsState::Reconnecting { attempt, .. } => format!("reconnecting {attempt}"),
        NatsState::Closed => "closed".into(),
        _ => format!("{state:?}"),
    }
}

/// Joins `room` on the nats-server at `url` as `me` and starts the call, sending synthetic
/// video (and with `audio`, a 440 Hz tone); with `turn` (a `turn:` URL, its user and password),
/// relay only, through that TURN server.
#[wasm_bindgen]
#[allow(clippy::too_many_arguments)]
pub async fn start(
    url: String,
    token: String,
    room: String,
    me: String,
    polite: bool,
    audio: bool,
    turn: Option<String>,
    turn_user: Option<String>,
    turn_password: Option<String>,
) -> Result<(), JsValue> {
    set("me", me.as_str());
    let options = NatsOptions::new()
        .token(token)
        .reconnect_delay(Duration::from_millis(100), Duration::from_secs(1))
        // A stalled server is found within 3 s (the runner stops one with SIGSTOP).
        .ping_interval(Duration::from_secs(1))
        .connect_timeout(Duration::from_secs(2));
    let transport = NatsSignaling::connect(&url, &room, options).await.map_err(js)?;
    let mut states = transport.states();
    spawn_local(async move {
        while let Some(state) = states.next().await {
            let name = transport_name(&state);
            if let NatsState::Reconnecting { error, .. } = &state {
                push("transportErrors", error.to_string());
            }
            set("transport", name.as_str());
            push("transportLog", name);
        }
    });

    let configuration = match turn {
        Some(turn) => Configuration::new()
            .ice_server(
                IceServer::new(turn.as_str())
                    .credentials(turn_user.unwrap_or_default(), turn_password.unwrap_or_default()),
            )
            .ice_transport_policy(IceTransportPolicy::Relay),
        None => Configuration::new(),
    };
    let pc = PeerConnection::new(&configuration).map_err(js)?;
    let mut connection = pc.connection_state_changes();
    spawn_local(async move {
        while let Some(state) = connection.next().await {
            set("connection", state.as_str());
            push("connectionLog", state.as_str());
        }
    });
    // Reconnection sooner than the default, so the runner's broken path comes back quickly.
    let reconnect = ReconnectPolicy {
        disconnected_after: Duration::from_secs(1),
        first_delay: Duration::from_secs(2),
        max_delay: Duration::from_secs(4),
        max_attempts: 15,
        ..ReconnectPolicy::default()
    };
    let negotiator = Negotiator::start(
        &pc,
        transport,
        NegotiatorOptions::new(&me, &room, polite).reconnect(reconnect),
    );
    let mut call_states = negotiator.call_states();
    spawn_local(async move {
        while let Some(state) = call_states.next().await {
            let name = format!("{state:?}");
            set("callState", name.as_str());
            push("callStateLog", name);
        }
    });
    let mut events = negotiator.events();
    let weak = pc.downgrade();
    spawn_local(async move {
        while let Some(event) = events.next().await {
            push("negotiation", format!("{event:?}"));
            match event {
                NegotiationEvent::Error(error) => push("errors", error.to_string()),
                NegotiationEvent::PeerJoined(_) => set("joined", true),
                // The other side hung up: so does this one.
                NegotiationEvent::PeerLeft(_) => {
                    if let Some(pc) = weak.upgrade() {
                        pc.close();
                        set("connection", pc.connection_state().as_str());
                        push("connectionLog", pc.connection_state().as_str());
                    }
                    set("peerLeftAt", js_sys::Date::now());
                }
                _ => {}
            }
        }
    });

    let mut tracks = vec![video_pattern(320, 240, 15).map_err(js)?];
    if audio {
        tracks.push(audio_tone(440.0).map_err(js)?);
    }
    for track in &tracks {
        pc.add_track(track, &[]).map_err(js)?;
    }
    let chat = pc
        .create_data_channel("chat", &DataChannelOptions::new().negotiated(0))
        .map_err(js)?;
    watch_remote_video(&pc);
    watch_remote_channels(&pc);
    watch_chat(&chat);
    CALL.with(|call| {
        *call.borrow_mut() = Some(Call {
            pc,
            negotiator,
            chat,
            _tracks: tracks,
            added: Vec::new(),
        })
    });
    set("started", true);
    Ok(())
}

/// Samples each remote video track every half second: its frame number and whether it shows
/// a picture.
fn watch_remote_video(pc: &PeerConnection) {
    let mut tracks = pc.track_events();
    spawn_local(async move {
        while let Some(event) = tracks.next().await {
            push("remoteTracks", event.track.kind().as_str());
            if event.track.kind() != TrackKind::Video {
                continue;
            }
            let track = event.track;
            spawn_local(async move {
                while CALL.with(|call| call.borrow().is_some()) {
                    if let Ok(image) = grab_frame(&track, Duration::from_secs(3)).await {
                        let frame = read_frame_number(&image).map_or(-1.0, f64::from);
                        set("remoteFrame", frame);
                        set("remoteNonBlank", shows_a_picture(&image));
                        set("remoteSize", format!("{}x{}", image.width(), image.height()));
                        push("remoteFrames", frame);
                    }
                    gloo_timers::future::sleep(Duration::from_millis(500)).await;
                }
            });
        }
    });
}

/// Whether an image is more than one flat colour (a black or frozen-blank frame is not).
fn shows_a_picture(image: &web_sys::ImageData) -> bool {
    let data = image.data();
    let mut colours = std::collections::HashSet::new();
    for pixel in data.chunks_exact(4).step_by(7) {
        colours.insert((pixel[0] >> 4, pixel[1] >> 4, pixel[2] >> 4));
        if colours.len() > 3 {
            return true;
        }
    }
    false
}

fn watch_remote_channels(pc: &PeerConnection) {
    let mut channels = pc.data_channels();
    spawn_local(async move {
        while let Some(channel) = channels.next().await {
            push("channels", channel.label());
        }
    });
}

fn watch_chat(chat: &DataChannel) {
    let mut incoming = chat.clone();
    spawn_local(async move {
        if incoming.opened().await.is_ok() {
            set("chatOpen", true);
        }
        while let Some(message) = incoming.next().await {
            match message {
                Ok(Message::Text(text)) => push("received", text),
                Ok(other) => push("errors", format!("unexpected message {other:?}")),
                Err(error) => push("errors", error.to_string()),
            }
        }
        set("chatOpen", false);
    });
}

/// Sends `count` messages `{tag}-0` … on the chat channel, in order.
#[wasm_bindgen]
pub async fn send_messages(tag: String, count: u32) -> Result<(), JsValue> {
    let chat = CALL
        .with(|call| call.borrow().as_ref().map(|call| call.chat.clone()))
        .ok_or("no call")?;
    for i in 0..count {
        chat.send_now(&Message::Text(format!("{tag}-{i}"))).map_err(js)?;
    }
    Ok(())
}

/// Sends `count` messages `{tag}-0` … on the chat channel (reliable, ordered), one every
/// `interval_ms`, each waiting for room in the channel's buffer (the runner breaks the path
/// while they go).
#[wasm_bindgen]
pub async fn send_numbered(tag: String, count: u32, interval_ms: u32) -> Result<(), JsValue> {
    let mut chat = CALL
        .with(|call| call.borrow().as_ref().map(|call| call.chat.clone()))
        .ok_or("no call")?;
    for i in 0..count {
        chat.send(Message::Text(format!("{tag}-{i}"))).await.map_err(js)?;
        set("sentNumbered", i + 1);
        gloo_timers::future::sleep(Duration::from_millis(interval_ms.into())).await;
    }
    Ok(())
}

/// Adds a data channel `label` (not pre-negotiated): the call must be negotiated again, through
/// the signaling server.
#[wasm_bindgen]
pub fn add_channel(label: String) -> Result<(), JsValue> {
    CALL.with(|call| {
        let mut call = call.borrow_mut();
        let call = call.as_mut().ok_or("no call")?;
        let channel = call
            .pc
            .create_data_channel(&label, &DataChannelOptions::new())
            .map_err(js)?;
        call.added.push(channel);
        Ok(())
    })
}

/// The RTP packets received so far, by kind: `{audio, video}` (from `getStats`).
#[wasm_bindgen]
pub async fn inbound_packets() -> Result<JsValue, JsValue> {
    let pc = CALL
        .with(|call| call.borrow().as_ref().map(|call| call.pc.clone()))
        .ok_or("no call")?;
    let report = pc.get_stats().await.map_err(js)?;
    let counts = js_sys::Object::new();
    for kind in [TrackKind::Audio, TrackKind::Video] {
        let packets: u64 = report
            .of_type::<InboundRtpStreamStats>()
            .filter(|stream| stream.kind == Some(kind))
            .filter_map(|stream| stream.packets_received)
            .sum();
        Reflect::set(&counts, &kind.as_str().into(), &(packets as f64).into())?;
    }
    Ok(counts.into())
}

/// Hangs up: the negotiator says `bye`, and the connection closes.
#[wasm_bindgen]
pub fn hang_up() {
    if let Some(call) = CALL.with(|call| call.borrow_mut().take()) {
        drop(call.negotiator);
        call.pc.close();
        set("connection", call.pc.connection_state().as_str());
        push("connectionLog", "closed (hung up)");
    }
}

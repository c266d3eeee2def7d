//! A loopback video call in Leptos 0.8: Alice sends a synthetic video and both chat over a data
//! channel, with each side's connection state, a stats line (bitrate and frame rate of the
//! video Alice sends) and a hang-up button. Two connections of one page, so no server is
//! needed; over a network, a `Negotiator` and a signaling transport replace `loopback`.

use futures::StreamExt;
use leptos::prelude::*;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_rtc::leptos::{connection_state, messages, stats};
use wasm_rtc::synthetic::video_pattern;
use wasm_rtc::{loopback, Configuration, DataChannel, DataChannelOptions, DataChannelState, Error};
use wasm_rtc::{MediaStream, Message, PeerConnection, TrackKind};

/// Mounts the app on the page's body.
#[wasm_bindgen(start)]
pub fn main() {
    leptos::mount::mount_to_body(App);
}

/// The call's two connections and Alice's end of the chat, made before it is negotiated.
struct Call {
    alice: PeerConnection,
    bob: PeerConnection,
    to_bob: DataChannel,
}

impl Call {
    fn new() -> Result<Call, Error> {
        let config = Configuration::new();
        let (alice, bob) = (PeerConnection::new(&config)?, PeerConnection::new(&config)?);
        let camera = video_pattern(320, 240, 30)?;
        alice.add_track(&camera, &[&MediaStream::new(&[&camera])?])?;
        let to_bob = alice.create_data_channel("chat", &DataChannelOptions::new())?;
        Ok(Call { alice, bob, to_bob })
    }
}

#[component]
fn App() -> impl IntoView {
    view! {
        <h1>"wasm-rtc + Leptos: a loopback call"</h1>
        {match Call::new() {
            Ok(call) => view! { <CallView call /> }.into_any(),
            Err(e) => view! { <p class="error">{e.to_string()}</p> }.into_any(),
        }}
    }
}

#[component]
fn CallView(call: Call) -> impl IntoView {
    let Call { alice, bob, to_bob } = call;
    let (alice_state, bob_state) = (connection_state(&alice), connection_state(&bob));
    let samples = stats(&alice, std::time::Duration::from_secs(1));
    let sent = move || {
        let rates = samples.get()?.ok()?.rates?;
        let video = rates.outbound.into_iter().find(|s| s.kind == Some(TrackKind::Video))?;
        Some(format!(
            "video sent: {:.0} kbit/s, {:.0} frames/s",
            video.bits_per_second? / 1000.0,
            video.frames_per_second.unwrap_or(0.0)
        ))
    };
    // Bob's end of the chat arrives with the negotiation; the error of any step is shown.
    let to_alice = RwSignal::new_local(None::<DataChannel>);
    let error = RwSignal::new(None::<String>);
    let remote_video = NodeRef::<leptos::html::Video>::new();
    {
        let (alice, bob) = (alice.clone(), bob.clone());
        leptos::task::spawn_local(async move {
            let connected = async {
                loopback::connect(&alice, &bob).await?;
                let channel = bob.data_channels().next().await.ok_or(Error::Closed)?;
                to_alice.set(Some(channel));
                let track = bob.track_events().next().await.ok_or(Error::Closed)?;
                let remote = match track.streams.first() {
                    Some(stream) => stream.clone(),
                    None => MediaStream::new(&[&track.track])?,
                };
                if let Some(video) = remote_video.get_untracked() {
                    remote.attach(&video);
                }
                Ok::<_, Error>(())
            };
            if let Err(e) = connected.await {
                error.set(Some(e.to_string()));
            }
        });
    }
    // Both handles live as long as the view; hang-up closes both ends.
    let (alice, bob) = (StoredValue::new_local(alice), StoredValue::new_local(bob));
    let hang_up = move |_| {
        alice.with_value(PeerConnection::close);
        bob.with_value(PeerConnection::close);
    };
    view! {
        <p>
            "Alice: " <b id="alice-state">{move || alice_state.get().to_string()}</b>
            " · Bob: " <b id="bob-state">{move || bob_state.get().to_string()}</b>
            " " <button id="hang-up" on:click=hang_up>"Hang up"</button>
        </p>
        <p id="stats">{sent}</p>
        <p id="error" class="error">{move || error.get()}</p>
        <video id="remote" node_ref=remote_video muted=true autoplay=true playsinline=true></video>
        <div class="panes">
            <Pane name="alice" channel=to_bob />
            {move || to_alice.get().map(|channel| view! { <Pane name="bob" channel /> })}
        </div>
    }
}

/// One side of the chat: what it received, and a line to send.
#[component]
fn Pane(name: &'static str, channel: DataChannel) -> impl IntoView {
    let log = messages(&channel);
    let ready = wasm_rtc::leptos::ready_state(&channel);
    let channel = StoredValue::new_local(channel);
    let (draft, error) = (RwSignal::new(String::new()), RwSignal::new(None::<String>));
    let send = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        let message = Message::from(draft.get_untracked().as_str());
        match channel.with_value(|channel| channel.send_now(&message)) {
            Ok(()) => draft.set(String::new()),
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    view! {
        <form class="pane" on:submit=send>
            <h2>{name}</h2>
            <ul id=format!("{name}-log")>
                {move || log.get().into_iter().map(|m| match m {
                    Ok(Message::Text(text)) => view! { <li>{text}</li> }.into_any(),
                    Ok(_) => view! { <li>"(binary)"</li> }.into_any(),
                    Err(e) => view! { <li class="error">{e.to_string()}</li> }.into_any(),
                }).collect_view()}
            </ul>
            <input id=format!("{name}-draft") bind:value=draft autocomplete="off" />
            <button id=format!("{name}-send")
                disabled=move || ready.get() != DataChannelState::Open>"Send"</button>
            <p class="error">{move || error.get()}</p>
        </form>
    }
}

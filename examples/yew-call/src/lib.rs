//! A loopback video call in Yew 0.23: Alice sends a synthetic video and both chat over a data
//! channel, with each side's connection state, a stats line (bitrate and frame rate of the
//! video Alice sends) and a hang-up button. Two connections of one page, so no server is
//! needed; over a network, a `Negotiator` and a signaling transport replace `loopback`.

use futures::StreamExt;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_rtc::synthetic::video_pattern;
use wasm_rtc::yew::{use_connection_state, use_data_channel, use_media_stream, use_stats};
use wasm_rtc::{loopback, Configuration, DataChannel, DataChannelOptions, DataChannelState, Error};
use wasm_rtc::{MediaStream, Message, PeerConnection, TrackKind};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Renders the app into the page's body.
#[wasm_bindgen(start)]
pub fn main() {
    yew::Renderer::<App>::new().render();
}

/// The call's two connections and Alice's end of the chat, made before it is negotiated.
#[derive(Clone, PartialEq)]
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

#[function_component]
fn App() -> Html {
    // Made once, on the first render; dropped (and closed) with the app.
    let call = use_state(Call::new);
    html! {
        <>
            <h1>{ "wasm-rtc + Yew: a loopback call" }</h1>
            { match &*call {
                Ok(call) => html! { <CallView call={call.clone()} /> },
                Err(e) => html! { <p class="error">{ e.to_string() }</p> },
            } }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct CallProps {
    call: Call,
}

#[function_component]
fn CallView(CallProps { call }: &CallProps) -> Html {
    let Call { alice, bob, to_bob } = call;
    let (alice_state, bob_state) = (use_connection_state(alice), use_connection_state(bob));
    let sent = use_stats(alice, std::time::Duration::from_secs(1))
        .and_then(Result::ok)
        .and_then(|sample| {
            let video = sample
                .rates?
                .outbound
                .into_iter()
                .find(|s| s.kind == Some(TrackKind::Video))?;
            Some(format!(
                "video sent: {:.0} kbit/s, {:.0} frames/s",
                video.bits_per_second? / 1000.0,
                video.frames_per_second.unwrap_or(0.0)
            ))
        });
    // Bob's end of the chat and the remote video arrive with the negotiation.
    let to_alice = use_state(|| None::<DataChannel>);
    let remote = use_state(|| None::<MediaStream>);
    let error = use_state(|| None::<String>);
    {
        let (to_alice, remote, error) = (to_alice.clone(), remote.clone(), error.clone());
        use_effect_with(call.clone(), move |Call { alice, bob, .. }| {
            let (alice, bob) = (alice.clone(), bob.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let connected = async {
                    loopback::connect(&alice, &bob).await?;
                    to_alice.set(Some(bob.data_channels().next().await.ok_or(Error::Closed)?));
                    let track = bob.track_events().next().await.ok_or(Error::Closed)?;
                    remote.set(Some(match track.streams.first() {
                        Some(stream) => stream.clone(),
                        None => MediaStream::new(&[&track.track])?,
                    }));
                    Ok::<_, Error>(())
                };
                if let Err(e) = connected.await {
                    error.set(Some(e.to_string()));
                }
            });
        });
    }
    let video = use_media_stream((*remote).as_ref());
    let hang_up = {
        let (alice, bob) = (alice.clone(), bob.clone());
        Callback::from(move |_| {
            alice.close();
            bob.close();
        })
    };
    html! {
        <>
            <p>
                { "Alice: " }<b id="alice-state">{ alice_state.to_string() }</b>
                { " · Bob: " }<b id="bob-state">{ bob_state.to_string() }</b>
                { " " }<button id="hang-up" onclick={hang_up}>{ "Hang up" }</button>
            </p>
            <p id="stats">{ sent }</p>
            <p id="error" class="error">{ (*error).clone() }</p>
            <video id="remote" ref={video} muted=true playsinline=true />
            <div class="panes">
                <Pane name="alice" channel={to_bob.clone()} />
                if let Some(channel) = &*to_alice {
                    <Pane name="bob" channel={channel.clone()} />
                }
            </div>
        </>
    }
}

#[derive(Properties, PartialEq)]
struct PaneProps {
    name: &'static str,
    channel: DataChannel,
}

/// One side of the chat: what it received, and a line to send.
#[function_component]
fn Pane(PaneProps { name, channel }: &PaneProps) -> Html {
    let chat = use_data_channel(channel);
    let (draft, error) = (use_state(String::new), use_state(|| None::<String>));
    let oninput = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| draft.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let onsubmit = {
        let (channel, draft, error) = (channel.clone(), draft.clone(), error.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match channel.send_now(&Message::from(draft.as_str())) {
                Ok(()) => draft.set(String::new()),
                Err(e) => error.set(Some(e.to_string())),
            }
        })
    };
    html! {
        <form class="pane" {onsubmit}>
            <h2>{ *name }</h2>
            <ul id={format!("{name}-log")}>
                { for chat.messages.iter().map(|m| match m {
                    Ok(Message::Text(text)) => html! { <li>{ text }</li> },
                    Ok(_) => html! { <li>{ "(binary)" }</li> },
                    Err(e) => html! { <li class="error">{ e.to_string() }</li> },
                }) }
            </ul>
            <input id={format!("{name}-draft")} value={(*draft).clone()} {oninput} autocomplete="off" />
            <button id={format!("{name}-send")}
                disabled={chat.ready_state != DataChannelState::Open}>{ "Send" }</button>
            <p class="error">{ (*error).clone() }</p>
        </form>
    }
}

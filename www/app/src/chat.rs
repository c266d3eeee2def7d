//! The chat page (MDN: "A simple RTCDataChannel sample"): Alice and Bob, two connections of this
//! tab, chat over a data channel; each side shows its connection's and channel's state.

use futures::StreamExt;
use leptos::prelude::*;
use wasm_rtc::leptos::{connection_state, messages, ready_state};
use wasm_rtc::{loopback, Configuration, DataChannel, DataChannelOptions, DataChannelState, Error};
use wasm_rtc::{Message, PeerConnection};

use crate::selftest;

/// The two connections, and Alice's end of the channel (made before negotiating).
struct Chat {
    alice: PeerConnection,
    bob: PeerConnection,
    to_bob: DataChannel,
}

impl Chat {
    fn new() -> Result<Chat, Error> {
        let config = Configuration::new();
        let (alice, bob) = (PeerConnection::new(&config)?, PeerConnection::new(&config)?);
        let to_bob = alice.create_data_channel("chat", &DataChannelOptions::new())?;
        Ok(Chat { alice, bob, to_bob })
    }
}

#[component]
pub fn ChatPage() -> impl IntoView {
    let chat = match Chat::new() {
        Ok(chat) => chat,
        Err(e) => return view! { <p class="error" role="alert">{format!("Could not start: {e}")}</p> }.into_any(),
    };
    let Chat { alice, bob, to_bob } = chat;
    let to_alice = RwSignal::new_local(None::<DataChannel>);
    let error = RwSignal::new(None::<String>);
    {
        let (alice, bob, to_bob) = (alice.clone(), bob.clone(), to_bob.clone());
        leptos::task::spawn_local(async move {
            let connected = async {
                loopback::connect(&alice, &bob).await?;
                let channel = bob.data_channels().next().await.ok_or(Error::Closed)?;
                to_alice.set(Some(channel.clone()));
                Ok::<_, Error>(channel)
            };
            match connected.await {
                Ok(to_alice) if selftest::requested() => selftest::report(exchange(&to_bob, &to_alice).await),
                Ok(_) => {}
                Err(e) => {
                    error.set(Some(format!("The connection failed: {e}")));
                    if selftest::requested() {
                        selftest::report(Err(e.to_string()));
                    }
                }
            }
        });
    }
    let (alice_state, bob_state) = (connection_state(&alice), connection_state(&bob));
    // Both connections live as long as the page.
    let _kept = StoredValue::new_local((alice, bob));
    view! {
        <p class="intro">"Alice and Bob are two RTCPeerConnections in this tab; their messages go over a real
            WebRTC data channel (ICE, DTLS, SCTP) on this machine."</p>
        <p class="error" role="alert">{move || error.get()}</p>
        <div class="panes">
            <Pane name="alice" state=alice_state channel=Some(to_bob) />
            {move || view! { <Pane name="bob" state=bob_state channel=to_alice.get() /> }}
        </div>
    }
    .into_any()
}

/// The self-test: one message each way, each shown in the other side's log.
async fn exchange(to_bob: &DataChannel, to_alice: &DataChannel) -> Result<String, String> {
    to_bob.opened().await.map_err(|e| e.to_string())?;
    to_alice.opened().await.map_err(|e| e.to_string())?;
    to_bob
        .send_now(&Message::from("hello from alice"))
        .map_err(|e| e.to_string())?;
    to_alice
        .send_now(&Message::from("hello from bob"))
        .map_err(|e| e.to_string())?;
    for _ in 0..100 {
        if shows("bob-log", "hello from alice") && shows("alice-log", "hello from bob") {
            return Ok("one message each way".into());
        }
        gloo_timers::future::sleep(std::time::Duration::from_millis(100)).await;
    }
    Err("the messages did not show in the other side's log within 10 s".into())
}

/// Whether the element `id` shows `text`.
fn shows(id: &str, text: &str) -> bool {
    document()
        .get_element_by_id(id)
        .and_then(|log| log.text_content())
        .is_some_and(|content| content.contains(text))
}

/// One side: its states, what it received, and a line to send.
#[component]
fn Pane(
    name: &'static str,
    state: ReadSignal<wasm_rtc::PeerConnectionState, LocalStorage>,
    channel: Option<DataChannel>,
) -> impl IntoView {
    let Some(channel) = channel else {
        return view! {
            <section class="pane">
                <h2>{name}</h2>
                <p class="states">"connection " <b>{move || state.get().to_string()}</b> " · channel: none yet"</p>
            </section>
        }
        .into_any();
    };
    let log = messages(&channel);
    let ready = ready_state(&channel);
    let channel = StoredValue::new_local(channel);
    let (draft, error) = (RwSignal::new(String::new()), RwSignal::new(None::<String>));
    let send = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        let message = Message::from(draft.get_untracked().as_str());
        match channel.with_value(|channel| channel.send_now(&message)) {
            Ok(()) => draft.set(String::new()),
            Err(e) => error.set(Some(format!("Not sent: {e}"))),
        }
    };
    view! {
        <form class="pane" on:submit=send autocomplete="off">
            <h2>{name}</h2>
            <p class="states">
                "connection " <b id=format!("{name}-connection")>{move || state.get().to_string()}</b>
                " · channel " <b id=format!("{name}-channel")>{move || ready.get().as_str()}</b>
            </p>
            <ul class="log" id=format!("{name}-log") aria-live="polite">
                {move || log.get().into_iter().map(|m| match m {
                    Ok(Message::Text(text)) => view! { <li>{text}</li> }.into_any(),
                    Ok(_) => view! { <li>"(binary)"</li> }.into_any(),
                    Err(e) => view! { <li class="error">{e.to_string()}</li> }.into_any(),
                }).collect_view()}
            </ul>
            <input id=format!("{name}-input") bind:value=draft aria-label=format!("{name}'s message")
                placeholder="Say something" disabled=move || ready.get() != DataChannelState::Open />
            <button disabled=move || ready.get() != DataChannelState::Open>"Send"</button>
            <p class="error" role="alert">{move || error.get()}</p>
        </form>
    }
    .into_any()
}

use leptos::prelude::*;
use wasm_rtc::leptos::{connection_state, messages, ready_state, stats};
use wasm_rtc::{DataChannel, DataChannelState, Message, PeerConnection};

/// One side of a call: its state, a chat over `channel`, the bitrate it sends, and a hang-up.
#[component]
pub fn Chat(pc: PeerConnection, channel: DataChannel) -> impl IntoView {
    let state = connection_state(&pc);
    let ready = ready_state(&channel);
    let log = messages(&channel);
    let samples = stats(&pc, std::time::Duration::from_secs(1));
    let kbps = move || {
        let sample = samples.get().and_then(Result::ok)?;
        let bits = sample.rates?.candidate_pair?.sent_bits_per_second?;
        Some(format!("{:.1} kbit/s", bits / 1000.0))
    };
    // The handles are !Send: local storage keeps them for the callbacks below (and keeps the
    // connection open while the component lives).
    let (pc, channel) = (StoredValue::new_local(pc), StoredValue::new_local(channel));
    let (draft, error) = (RwSignal::new(String::new()), RwSignal::new(None::<String>));
    let send = move |_| {
        let message = Message::from(draft.get_untracked().as_str());
        match channel.with_value(|channel| channel.send_now(&message)) {
            Ok(()) => draft.set(String::new()),
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    view! {
        <p>"Call: " <span class="state">{move || state.get().to_string()}</span>
           " " <span class="rate">{kbps}</span></p>
        <ul class="log">
            {move || log.get().into_iter().map(|m| match m {
                Ok(Message::Text(text)) => view! { <li>{text}</li> }.into_any(),
                Ok(_) => view! { <li>"(binary)"</li> }.into_any(),
                Err(e) => view! { <li class="error">{e.to_string()}</li> }.into_any(),
            }).collect_view()}
        </ul>
        <input class="draft" bind:value=draft />
        <button class="send" on:click=send
            disabled=move || ready.get() != DataChannelState::Open>"Send"</button>
        <button class="hang-up" on:click=move |_| pc.with_value(PeerConnection::close)>"Hang up"</button>
        <p class="error">{move || error.get()}</p>
    }
}

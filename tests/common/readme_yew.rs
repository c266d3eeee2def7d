use wasm_rtc::yew::{use_connection_state, use_data_channel, use_stats};
use wasm_rtc::{DataChannel, DataChannelState, Message, PeerConnection};
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ChatProps {
    pub pc: PeerConnection,
    pub channel: DataChannel,
}

/// One side of a call: its state, a chat over `channel`, the bitrate it sends, and a hang-up.
#[function_component]
pub fn Chat(ChatProps { pc, channel }: &ChatProps) -> Html {
    let state = use_connection_state(pc);
    let chat = use_data_channel(channel);
    let kbps = use_stats(pc, std::time::Duration::from_secs(1))
        .and_then(Result::ok)
        .and_then(|sample| sample.rates?.candidate_pair?.sent_bits_per_second)
        .map(|bits| format!("{:.1} kbit/s", bits / 1000.0));
    let (draft, error) = (use_state(String::new), use_state(|| None::<String>));
    let oninput = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| draft.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let send = {
        let (channel, draft, error) = (channel.clone(), draft.clone(), error.clone());
        Callback::from(move |_| match channel.send_now(&Message::from(draft.as_str())) {
            Ok(()) => draft.set(String::new()),
            Err(e) => error.set(Some(e.to_string())),
        })
    };
    let hang_up = {
        let pc = pc.clone();
        Callback::from(move |_| pc.close())
    };
    html! {
        <>
            <p>{ "Call: " }<span class="state">{ state.to_string() }</span>
               { " " }<span class="rate">{ kbps }</span></p>
            <ul class="log">
                { for chat.messages.iter().map(|m| match m {
                    Ok(Message::Text(text)) => html! { <li>{ text }</li> },
                    Ok(_) => html! { <li>{ "(binary)" }</li> },
                    Err(e) => html! { <li class="error">{ e.to_string() }</li> },
                }) }
            </ul>
            <input class="draft" value={(*draft).clone()} {oninput} />
            <button class="send" onclick={send}
                disabled={chat.ready_state != DataChannelState::Open}>{ "Send" }</button>
            <button class="hang-up" onclick={hang_up}>{ "Hang up" }</button>
            <p class="error">{ (*error).clone() }</p>
        </>
    }
}

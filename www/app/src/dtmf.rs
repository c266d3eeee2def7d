//! The DTMF page (MDN: "Using DTMF with WebRTC"): Alice calls Bob with audio and dials on a
//! keypad; each tone shows as it starts playing (`tonechange`), with what is still queued.

use futures::StreamExt;
use leptos::prelude::*;
use wasm_rtc::synthetic::audio_tone;
use wasm_rtc::{DtmfSender, Error};

use crate::call::Call;
use crate::selftest;

const KEYS: [&str; 16] = [
    "1", "2", "3", "A", "4", "5", "6", "B", "7", "8", "9", "C", "*", "0", "#", "D",
];

/// What the self-test dials (a pause included).
const DIALED: &str = "1#9,0";

#[component]
pub fn DtmfPage() -> impl IntoView {
    let dtmf = RwSignal::new_local(None::<DtmfSender>);
    let call = StoredValue::new_local(None::<Call>);
    let error = RwSignal::new(None::<String>);
    let playing = RwSignal::new(String::new());
    let played = RwSignal::new(Vec::<String>::new());
    leptos::task::spawn_local(async move {
        let started = async {
            let connected = Call::connect(audio_tone(440.0)?).await?;
            let sender = connected
                .sender
                .dtmf()?
                .ok_or_else(|| Error::unsupported("RTCRtpSender.dtmf"))?;
            // Chromium can insert DTMF once the transport connects, Firefox once negotiated.
            for _ in 0..50 {
                if sender.can_insert_dtmf().unwrap_or(true) {
                    break;
                }
                gloo_timers::future::sleep(std::time::Duration::from_millis(100)).await;
            }
            call.set_value(Some(connected));
            Ok::<_, Error>(sender)
        };
        match started.await {
            Ok(sender) => {
                let mut changes = sender.tone_changes();
                dtmf.set(Some(sender));
                while let Some(tone) = changes.next().await {
                    playing.set(tone.clone());
                    played.update(|played| played.push(tone));
                }
            }
            Err(e) => error.set(Some(format!("The call failed: {e}"))),
        }
    });
    let press = move |key: &'static str| {
        if let Some(sender) = dtmf.get_untracked() {
            if let Err(e) = sender.insert_dtmf_default(&format!("{}{key}", sender.tone_buffer())) {
                error.set(Some(format!("Not dialed: {e}")));
            }
        }
    };
    if selftest::requested() {
        Effect::new(move |_| {
            if let Some(sender) = dtmf.get() {
                leptos::task::spawn_local(async move {
                    let result = sender.play_default(DIALED).await;
                    gloo_timers::future::sleep(std::time::Duration::from_millis(200)).await;
                    let heard: Vec<String> = played.get_untracked();
                    let expected: Vec<String> = DIALED.chars().map(String::from).chain([String::new()]).collect();
                    selftest::report(match result {
                        Ok(()) if heard.ends_with(&expected) => Ok(format!("tones played: {heard:?}")),
                        Ok(()) => Err(format!("tonechange said {heard:?}, not {expected:?}")),
                        Err(e) => Err(e.to_string()),
                    });
                });
            }
            if let Some(e) = error.get() {
                selftest::report(Err(e));
            }
        });
    }
    view! {
        <p class="intro">"Alice calls Bob with a 440 Hz tone and dials on the keypad: her RTCDTMFSender sends each
            key as an RTP telephone event; the display follows its tonechange events."</p>
        <p class="error" role="alert">{move || error.get()}</p>
        <div class="panes">
            <section class="pane">
                <h2>"keypad"</h2>
                <div class="keypad">
                    {KEYS.into_iter().map(|key| view! {
                        <button id=format!("key-{key}") on:click=move |_| press(key)
                            disabled=move || dtmf.get().is_none()>{key}</button>
                    }).collect_view()}
                </div>
            </section>
            <section class="pane">
                <h2>"tones"</h2>
                <p class="display" id="playing" aria-live="polite">{move || match playing.get().as_str() {
                    "" => "—".to_string(),
                    "," => "(pause)".to_string(),
                    tone => tone.to_string(),
                }}</p>
                <p class="meter">"Queued: " <span id="queued">{move || { playing.track(); dtmf.get().map(|d| d.tone_buffer()) }}</span></p>
                <p class="meter">"Played: " <span id="played">{move || played.get().into_iter().filter(|t| !t.is_empty()).collect::<String>()}</span></p>
            </section>
        </div>
    }
}

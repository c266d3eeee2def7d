//! The screen-capture page (MDN: "Using the Screen Capture API"): a click asks the browser to
//! share a screen, window or tab (getDisplayMedia), shown live until sharing stops.

use std::time::Duration;

use leptos::prelude::*;
use wasm_rtc::synthetic::grab_frame;
use wasm_rtc::{MediaDevices, MediaStream};

use crate::capture::{in_words, Preview};
use crate::selftest;

#[component]
pub fn ScreenPage() -> impl IntoView {
    let screen = RwSignal::new_local(None::<MediaStream>);
    let error = RwSignal::new(None::<String>);
    let share = move || {
        error.set(None);
        leptos::task::spawn_local(async move {
            match MediaDevices::get_display_media(&Default::default()).await {
                Ok(stream) => {
                    if selftest::requested() {
                        if let Some(track) = stream.get_video_tracks().into_iter().next() {
                            selftest::report(match grab_frame(&track, Duration::from_secs(5)).await {
                                Ok(image) => Ok(format!("sharing a {}x{} screen", image.width(), image.height())),
                                Err(e) => Err(format!("no frame of the shared screen: {e}")),
                            });
                        }
                    }
                    screen.set(Some(stream));
                }
                Err(e) => {
                    let words = in_words(&e, "screen");
                    if selftest::requested() {
                        selftest::report(Err(words.clone()));
                    }
                    error.set(Some(words));
                }
            }
        });
    };
    let stop = move |_| {
        if let Some(stream) = screen.get_untracked() {
            stream.stop();
        }
        screen.set(None);
    };
    on_cleanup(move || screen.with_untracked(|s| s.iter().for_each(MediaStream::stop)));
    view! {
        <p class="intro">"getDisplayMedia() asks you which screen, window or tab to share; browsers allow it only
            after a click."</p>
        <p class="error" role="alert">{move || error.get()}</p>
        <p>
            <button id="share" on:click=move |_| share()>"Share a screen"</button>
            " "
            <button id="stop" on:click=stop disabled=move || screen.get().is_none()>"Stop sharing"</button>
        </p>
        {move || screen.get().map(|stream| view! { <Preview id="screen" stream /> })}
    }
}

//! The photo page (MDN: "Taking still photos with getUserMedia()"): the camera's live picture,
//! and a still taken from it on a click.

use std::time::Duration;

use leptos::prelude::*;
use wasm_rtc::synthetic::grab_frame;
use wasm_rtc::{Constraints, Error, MediaDevices, MediaStream};

use crate::capture::{data_url, has_content, in_words, Preview};
use crate::selftest;

#[component]
pub fn PhotoPage() -> impl IntoView {
    let camera = RwSignal::new_local(None::<MediaStream>);
    let error = RwSignal::new(None::<String>);
    let photo = RwSignal::new(None::<(String, u32, u32)>);
    leptos::task::spawn_local(async move {
        match MediaDevices::get_user_media(&Constraints::video_only()).await {
            Ok(stream) => camera.set(Some(stream)),
            Err(e) => {
                let words = in_words(&e, "camera");
                if selftest::requested() {
                    selftest::report(Err(words.clone()));
                }
                error.set(Some(words));
            }
        }
    });
    let take = move || {
        let Some(track) = camera
            .get_untracked()
            .and_then(|s| s.get_video_tracks().into_iter().next())
        else {
            return;
        };
        leptos::task::spawn_local(async move {
            let taken = async {
                let image = grab_frame(&track, Duration::from_secs(5)).await?;
                Ok::<_, Error>((data_url(&image)?, image.width(), image.height(), has_content(&image)))
            };
            match taken.await {
                Ok((url, width, height, picture)) => {
                    photo.set(Some((url, width, height)));
                    if selftest::requested() {
                        selftest::report(if picture {
                            Ok(format!("a {width}x{height} photo of the camera's picture"))
                        } else {
                            Err(format!("the {width}x{height} photo is empty or black"))
                        });
                    }
                }
                Err(e) => error.set(Some(format!("No photo: {e}"))),
            }
        });
    };
    if selftest::requested() {
        Effect::new(move |_| {
            if camera.get().is_some() {
                take();
            }
        });
    }
    // The camera stops with the page.
    on_cleanup(move || camera.with_untracked(|s| s.iter().for_each(MediaStream::stop)));
    view! {
        <p class="intro">"getUserMedia() gives the camera's video; a click copies its current frame through a
            canvas into a picture."</p>
        <p class="error" role="alert">{move || error.get()}</p>
        <div class="panes">
            <section class="pane">
                <h2>"camera"</h2>
                {move || camera.get().map(|stream| view! { <Preview id="camera" stream /> })}
                <button id="take" on:click=move |_| take() disabled=move || camera.get().is_none()>"Take a photo"</button>
            </section>
            <section class="pane">
                <h2>"photo"</h2>
                {move || photo.get().map(|(url, width, height)| view! {
                    <img id="photo" src=url alt="The still photo" />
                    <p class="meter">{format!("{width}×{height}")}</p>
                })}
            </section>
        </div>
    }
}

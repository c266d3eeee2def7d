//! What the camera and screen pages share: a live preview of a stream, a frame of it as an
//! image, and the errors of capture in words a user understands.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_rtc::{Error, MediaStream};

/// A capture error in words (the browser's own message after them).
pub fn in_words(error: &Error, what: &str) -> String {
    let why = match error {
        Error::NotAllowed(_) => format!("Permission to use the {what} was denied."),
        Error::NotFound(_) => format!("No {what} was found."),
        Error::NotReadable(_) => format!("The {what} is in use by another program, or failed."),
        Error::Overconstrained { .. } => format!("No {what} can give what was asked."),
        Error::InvalidState(_) => format!("The browser wants a click (a user gesture) before it shows the {what}."),
        Error::Unsupported { .. } => format!("This browser cannot capture the {what}."),
        _ => format!("The {what} could not be used."),
    };
    format!("{why} ({}: {})", error.name(), error.message())
}

/// Whether `image` holds a frame: opaque pixels that are not all black (an empty canvas is
/// transparent, a dead camera black; Firefox's fake camera is one bright colour, so no more is
/// asked).
pub fn has_content(image: &web_sys::ImageData) -> bool {
    image
        .data()
        .chunks_exact(4)
        .step_by(7)
        .any(|pixel| pixel[3] == 255 && u32::from(pixel[0]) + u32::from(pixel[1]) + u32::from(pixel[2]) > 48)
}

/// `image` as a PNG data URL (through a canvas).
pub fn data_url(image: &web_sys::ImageData) -> Result<String, Error> {
    let canvas: web_sys::HtmlCanvasElement = document().create_element("canvas")?.unchecked_into();
    canvas.set_width(image.width());
    canvas.set_height(image.height());
    let context: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")?
        .ok_or_else(|| Error::unsupported("a 2D canvas"))?
        .unchecked_into();
    context.put_image_data(image, 0.0, 0.0)?;
    Ok(canvas.to_data_url()?)
}

/// Shows `stream` in a muted, inline `<video>`.
#[component]
pub fn Preview(id: &'static str, stream: MediaStream) -> impl IntoView {
    let video = NodeRef::<leptos::html::Video>::new();
    Effect::new(move |_| {
        if let Some(video) = video.get() {
            stream.attach(&video);
        }
    });
    view! { <video id=id node_ref=video muted=true autoplay=true playsinline=true></video> }
}

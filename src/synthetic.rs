//! Tracks that need no device — an audio tone and a moving video pattern with a frame counter —
//! and still frames grabbed from any video track. For tests, demos and "taking still photos".

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use std::time::Duration;

use futures::StreamExt;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, HtmlVideoElement};

use crate::attribute;
use crate::enums::TrackKind;
use crate::error::Error;
use crate::event::{Emit, EventStream};
use crate::media::{self, MediaStream, MediaStreamTrack};
use crate::sys;

/// What produces a synthetic track's media (an audio graph, or a canvas and its timer) and the
/// native tracks it feeds: the track and its clones. Every handle of those tracks holds it (see
/// `MediaStreamTrack::set_source`), so it lives while any does; dropped with the last, it stops
/// them all and frees what it ran. Freed earlier once all its tracks have ended.
struct Source {
    parts: RefCell<Option<Box<dyn Any>>>,
    tracks: RefCell<Vec<web_sys::MediaStreamTrack>>,
}

impl Drop for Source {
    fn drop(&mut self) {
        for track in self.tracks.get_mut().iter() {
            track.stop();
        }
    }
}

impl Source {
    fn all_ended(&self) -> bool {
        self.tracks
            .borrow()
            .iter()
            .all(|t| attribute::string_attribute(t, "readyState").as_deref() == Some("ended"))
    }
}

thread_local! {
    /// Every source made, until the sweeper finds it gone or ended.
    static SOURCES: RefCell<Vec<Weak<Source>>> = const { RefCell::new(Vec::new()) };
    /// Frees the parts of sources whose tracks all ended; runs only while there are sources.
    static SWEEPER: RefCell<Option<gloo_timers::callback::Interval>> = const { RefCell::new(None) };
    /// Whether [`note_clone`] is registered with `media` yet.
    static FOLLOWING_CLONES: Cell<bool> = const { Cell::new(false) };
}

/// How many synthetic sources are producing media right now. Each produces until every track
/// it feeds (the synthetic track and its clones) has ended — stopped (`stop()` on any handle,
/// or from JavaScript), or its last handle dropped. Handles are the [`MediaStreamTrack`]s, and
/// what holds them: a [`MediaStream`] made with the track, and a connection sending it (until
/// it sends another track or closes). A `<video>` showing it is no handle: keep one while it
/// should play.
pub fn live_sources() -> usize {
    SOURCES.with(|s| {
        s.borrow()
            .iter()
            .filter_map(Weak::upgrade)
            .filter(|source| source.parts.borrow().is_some() && !source.all_ended())
            .count()
    })
}

/// Makes `parts` produce for `track` as long as one of its handles lives.
fn keep_alive(track: &MediaStreamTrack, parts: Box<dyn Any>) {
    FOLLOWING_CLONES.with(|following| {
        if !following.replace(true) {
            media::follow_clones(note_clone);
        }
    });
    let source = Rc::new(Source {
        parts: RefCell::new(Some(parts)),
        // `Clone::clone`: web-sys's `MediaStreamTrack::clone` is the JavaScript `clone()`.
        tracks: RefCell::new(vec![Clone::clone(track.as_raw())]),
    });
    SOURCES.with(|s| s.borrow_mut().push(Rc::downgrade(&source)));
    track.set_source(source);
    SWEEPER.with(|sweeper| {
        let mut sweeper = sweeper.borrow_mut();
        if sweeper.is_none() {
            *sweeper = Some(gloo_timers::callback::Interval::new(250, sweep));
        }
    });
}

/// Told of every clone by [`MediaStreamTrack::clone_track`] (see [`media::follow_clones`]): a
/// clone of a synthetic track is fed by its source, which its handles hold too.
fn note_clone(original: &MediaStreamTrack, clone: &MediaStreamTrack) {
    let Some(source) = original.source() else {
        return;
    };
    if let Some(ours) = source.downcast_ref::<Source>() {
        ours.tracks.borrow_mut().push(Clone::clone(clone.as_raw()));
        clone.set_source(source);
    }
}

/// Frees the parts of the sources whose tracks have all ended and forgets the sources that are
/// gone; stops itself once none is left.
fn sweep() {
    let (ended, gone_or_ended): (Vec<_>, Vec<_>) = SOURCES.with(|s| {
        let mut sources = s.borrow_mut();
        let mut ended = Vec::new();
        let mut released = Vec::new();
        sources.retain(|weak| match weak.upgrade() {
            None => false,
            Some(source) if source.all_ended() => {
                ended.extend(source.parts.borrow_mut().take());
                released.push(source);
                false
            }
            Some(_) => true,
        });
        (ended, released)
    });
    // Dropped outside the borrow.
    drop((ended, gone_or_ended));
    if SOURCES.with(|s| s.borrow().is_empty()) {
        // Dropping the running timer is fine: the browser stops calling it, and wasm-bindgen
        // frees its closure once this call returns.
        let sweeper = SWEEPER.with(|s| s.borrow_mut().take());
        drop(sweeper);
    }
}

fn document() -> Result<web_sys::Document, Error> {
    web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| Error::unsupported("document"))
}

fn canvas(width: u32, height: u32) -> Result<(HtmlCanvasElement, CanvasRenderingContext2d), Error> {
    let canvas: HtmlCanvasElement = document()?.create_element("canvas")?.unchecked_into();
    canvas.set_width(width);
    canvas.set_height(height);
    let context = canvas
        .get_context("2d")?
        .ok_or_else(|| Error::unsupported("CanvasRenderingContext2D"))?
        .unchecked_into::<CanvasRenderingContext2d>();
    Ok((canvas, context))
}

/// The audio graph behind a tone: closed once the track has ended.
struct Tone {
    context: web_sys::AudioContext,
    oscillator: web_sys::OscillatorNode,
}

impl Drop for Tone {
    fn drop(&mut self) {
        let _ = self.oscillator.stop();
        let _ = self.context.close();
    }
}

/// An audio track playing a sine tone of `frequency` Hz, made with WebAudio (an oscillator into a
/// `MediaStreamAudioDestinationNode`). It plays until the track (and each clone) is stopped or
/// its last handle dropped — a stream made with it and a connection sending it hold one — then
/// the audio graph is closed (see [`live_sources`]).
///
/// [`Error::Unsupported`] where the browser has no `AudioContext`; [`Error::Type`] for a
/// frequency that is not a finite number.
pub fn audio_tone(frequency: f32) -> Result<MediaStreamTrack, Error> {
    if !attribute::has_global("AudioContext") {
        return Err(Error::unsupported("AudioContext"));
    }
    if !frequency.is_finite() {
        // `AudioParam.value` is a WebIDL float: the browser would throw through the module.
        return Err(Error::Type(
            "audio_tone: the frequency must be a finite number of Hz".into(),
        ));
    }
    let context = web_sys::AudioContext::new()?;
    let oscillator = match context.create_oscillator() {
        Ok(oscillator) => oscillator,
        Err(error) => {
            let _ = context.close();
            return Err(error.into());
        }
    };
    // From here on, an error drops the graph, which closes the context.
    let tone = Tone {
        context,
        oscillator,
    };
    let (context, oscillator) = (&tone.context, &tone.oscillator);
    oscillator.frequency().set_value(frequency);
    let destination = context.create_media_stream_destination()?;
    oscillator.connect_with_audio_node(&destination)?;
    oscillator.start()?;
    // Pages without a user gesture may start suspended; resuming is harmless where it runs.
    let _ = context.resume();
    let track = destination
        .stream()
        .get_audio_tracks()
        .get(0)
        .dyn_into::<web_sys::MediaStreamTrack>()
        .map_err(|_| Error::NotFound("the audio destination produced no track".into()))?;
    let track = MediaStreamTrack::from(track);
    keep_alive(&track, Box::new(tone));
    Ok(track)
}

/// The canvas and timer behind a video pattern: the drawing stops once the track has ended.
struct Pattern {
    _canvas: HtmlCanvasElement,
    _timer: gloo_timers::callback::Interval,
}

/// The number of frames a pattern has drawn, shared with its timer.
#[derive(Clone, Default)]
struct FrameCounter(Rc<Cell<u32>>);

/// How many bits of the frame number a pattern draws as squares along its top edge.
pub const FRAME_BITS: u32 = 16;

fn draw(context: &CanvasRenderingContext2d, width: u32, height: u32, frame: u32) {
    let (w, h) = (f64::from(width), f64::from(height));
    let hue = (frame * 7) % 360;
    context.set_fill_style_str(&format!("hsl({hue}, 70%, 45%)"));
    context.fill_rect(0.0, 0.0, w, h);
    // A moving bar, so consecutive frames differ everywhere, not only in the counter.
    context.set_fill_style_str("#ffffff");
    let x = f64::from((frame * 4) % width.max(1));
    context.fill_rect(x, h * 0.4, w / 10.0, h * 0.2);
    // The frame number in binary: a white square for 1, black for 0, robust to compression.
    let cell = w / f64::from(FRAME_BITS);
    for bit in 0..FRAME_BITS {
        let on = frame >> (FRAME_BITS - 1 - bit) & 1 == 1;
        context.set_fill_style_str(if on { "#ffffff" } else { "#000000" });
        context.fill_rect(f64::from(bit) * cell, 0.0, cell, cell);
    }
    context.set_fill_style_str("#ffffff");
    context.set_font(&format!("{}px sans-serif", (h / 6.0).max(10.0) as u32));
    let _ = context.fill_text(&format!("frame {frame}"), w * 0.05, h * 0.85);
}

/// A video track from a canvas (`captureStream`) that draws a new frame `fps` times a second: a
/// moving bar, the frame number as text, and the frame number in binary as [`FRAME_BITS`] squares
/// along the top edge (read it back with [`read_frame_number`]). It draws until the track (and
/// each clone) is stopped or its last handle dropped — a stream made with it and a connection
/// sending it hold one (see [`live_sources`]).
///
/// [`Error::Unsupported`] where canvases cannot be captured.
pub fn video_pattern(width: u32, height: u32, fps: u32) -> Result<MediaStreamTrack, Error> {
    let (canvas, context) = canvas(width, height)?;
    let stream = sys::call(
        &canvas,
        "HTMLCanvasElement",
        "captureStream",
        &[JsValue::from(fps)],
    )?;
    let stream: web_sys::MediaStream = stream.unchecked_into();
    let track = stream
        .get_video_tracks()
        .get(0)
        .dyn_into::<web_sys::MediaStreamTrack>()
        .map_err(|_| Error::NotFound("captureStream produced no video track".into()))?;
    let counter = FrameCounter::default();
    draw(&context, width, height, 0);
    let timer = {
        let counter = counter.clone();
        gloo_timers::callback::Interval::new(1000 / fps.max(1), move || {
            let frame = counter.0.get().wrapping_add(1);
            counter.0.set(frame);
            draw(&context, width, height, frame);
        })
    };
    let track = MediaStreamTrack::from(track);
    keep_alive(
        &track,
        Box::new(Pattern {
            _canvas: canvas,
            _timer: timer,
        }),
    );
    Ok(track)
}

/// One frame of a video track, as pixels: what the "taking still photos" guide does with a
/// `<video>` and a `<canvas>`.
///
/// Plays the track in a detached, muted `<video>` until a frame is decoded (at most `timeout`),
/// then copies it. [`Error::Type`] for an audio track, [`Error::Abort`] if no frame arrives in
/// time.
pub async fn grab_frame(
    track: &MediaStreamTrack,
    timeout: Duration,
) -> Result<web_sys::ImageData, Error> {
    if track.kind() != TrackKind::Video {
        return Err(Error::Type("grab_frame needs a video track".into()));
    }
    let video = Player(document()?.create_element("video")?.unchecked_into());
    let video = &video.0;
    video.set_muted(true);
    let _ = video.set_attribute("playsinline", "");
    let stream = MediaStream::new(&[track])?;
    video.set_src_object(Some(stream.as_raw()));
    let mut frames = EventStream::new()
        .on(video.as_ref(), "loadeddata", |_| Emit::Item(()))
        .on(video.as_ref(), "timeupdate", |_| Emit::Item(()));
    let _ = video.play();
    let deadline = js_sys::Date::now() + timeout.as_secs_f64() * 1000.0;
    while video.video_width() == 0 || video.ready_state() < 2 {
        if js_sys::Date::now() > deadline {
            return Err(Error::Abort("no video frame arrived in time".into()));
        }
        let tick = gloo_timers::future::sleep(Duration::from_millis(50));
        futures::future::select(frames.next(), Box::pin(tick)).await;
    }
    let (width, height) = (video.video_width(), video.video_height());
    let (_canvas, context) = canvas(width, height)?;
    context.draw_image_with_html_video_element(video, 0.0, 0.0)?;
    let image = context.get_image_data(0.0, 0.0, f64::from(width), f64::from(height))?;
    Ok(image)
}

/// The `<video>` of [`grab_frame`]: stops playing the track however the grab ends, returned,
/// failed or cancelled (its future dropped).
struct Player(HtmlVideoElement);

impl Drop for Player {
    fn drop(&mut self) {
        let _ = self.0.pause();
        self.0.set_src_object(None);
    }
}

/// Reads the frame number a [`video_pattern`] drew into `image` (after scaling or compression,
/// each square is judged by its centre pixel). `None` if the image holds no such pattern.
pub fn read_frame_number(image: &web_sys::ImageData) -> Option<u32> {
    let (width, height) = (image.width(), image.height());
    let data = image.data();
    let cell = width / FRAME_BITS;
    if cell == 0 || height < cell {
        return None;
    }
    let mut frame = 0;
    for bit in 0..FRAME_BITS {
        let (x, y) = (bit * cell + cell / 2, cell / 2);
        let i = ((y * width + x) * 4) as usize;
        let luma = data
            .get(i..i + 3)?
            .iter()
            .map(|&c| u32::from(c))
            .sum::<u32>()
            / 3;
        let on = match luma {
            0..=80 => false,
            176..=255 => true,
            _ => return None,
        };
        frame = frame << 1 | u32::from(on);
    }
    Some(frame)
}

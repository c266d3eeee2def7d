//! Media capture: [`MediaDevices`] (getUserMedia, getDisplayMedia, enumerateDevices,
//! devicechange), [`MediaStream`] and [`MediaStreamTrack`].

use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

use futures::StreamExt;
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};

use crate::attribute;
use crate::constraints::{Constraints, DisplayConstraints, TrackConstraints, TrackSettings};
use crate::convert::{from_js, to_js};
use crate::enums::{DeviceKind, TrackKind, TrackState};
use crate::error::Error;
use crate::event::{Emit, EventStream, Owned};
use crate::sys;

/// `navigator.mediaDevices`: cameras, microphones and screens.
///
/// Every method fails with [`Error::Unsupported`] where the page has no `mediaDevices` (an
/// insecure context, or a browser without media capture).
pub struct MediaDevices;

/// `MediaDeviceInfo`: one device. Labels are empty until the page has had permission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeviceInfo {
    /// The device's id, for [`TrackConstraints::device_id`].
    pub device_id: String,
    /// What kind of device it is.
    pub kind: DeviceKind,
    /// A human-readable name.
    pub label: String,
    /// Devices of one physical product share a group id.
    pub group_id: String,
}

fn media_devices() -> Result<JsValue, Error> {
    let navigator = js_sys::Reflect::get(&js_sys::global(), &"navigator".into())?;
    let devices = js_sys::Reflect::get(&navigator, &"mediaDevices".into())?;
    if devices.is_undefined() || devices.is_null() {
        return Err(Error::unsupported("navigator.mediaDevices"));
    }
    Ok(devices)
}

impl MediaDevices {
    /// `getUserMedia(constraints)`: a stream from the camera and/or microphone.
    ///
    /// Errors: [`Error::NotAllowed`] (permission denied), [`Error::NotFound`] (no such device),
    /// [`Error::NotReadable`] (the device is busy), [`Error::Overconstrained`] naming the
    /// constraint that cannot be met, [`Error::Type`] when neither audio nor video is requested.
    pub async fn get_user_media(constraints: &Constraints) -> Result<MediaStream, Error> {
        let devices = media_devices()?;
        let stream = sys::call_async(
            &devices,
            "MediaDevices",
            "getUserMedia",
            &[to_js(constraints)?],
        )
        .await?;
        Ok(MediaStream::from(
            stream.unchecked_into::<web_sys::MediaStream>(),
        ))
    }

    /// `getDisplayMedia(options)`: a stream of a screen, window or tab the user picks.
    ///
    /// [`Error::Unsupported`] where the browser cannot capture the display.
    pub async fn get_display_media(constraints: &DisplayConstraints) -> Result<MediaStream, Error> {
        let devices = media_devices()?;
        let stream = sys::call_async(
            &devices,
            "MediaDevices",
            "getDisplayMedia",
            &[to_js(constraints)?],
        )
        .await?;
        Ok(MediaStream::from(
            stream.unchecked_into::<web_sys::MediaStream>(),
        ))
    }

    /// `enumerateDevices()`.
    pub async fn enumerate_devices() -> Result<Vec<DeviceInfo>, Error> {
        let devices = media_devices()?;
        let list = sys::call_async(&devices, "MediaDevices", "enumerateDevices", &[]).await?;
        let list: js_sys::Array = list
            .dyn_into()
            .map_err(|_| Error::Operation("enumerateDevices returned no list".into()))?;
        list.iter()
            .map(|d| {
                Ok(DeviceInfo {
                    device_id: attribute::string_attribute(&d, "deviceId").unwrap_or_default(),
                    kind: from_js(&JsValue::from(
                        attribute::string_attribute(&d, "kind").unwrap_or_default(),
                    ))?,
                    label: attribute::string_attribute(&d, "label").unwrap_or_default(),
                    group_id: attribute::string_attribute(&d, "groupId").unwrap_or_default(),
                })
            })
            .collect()
    }

    /// One `()` per `devicechange` event (a device plugged in or out), from now on.
    pub fn device_changes() -> Result<EventStream<()>, Error> {
        let devices = media_devices()?;
        Ok(EventStream::new().on(devices.unchecked_ref(), "devicechange", |_| Emit::Item(())))
    }
}

/// A `MediaStream`: a group of tracks played in sync. A cheap handle to the native stream;
/// equal when they are the same native stream.
///
/// A stream made here ([`new`](Self::new), [`add_track`](Self::add_track),
/// [`clone_stream`](Self::clone_stream)) holds the handles of the tracks it was given, so a
/// [synthetic](crate::synthetic) track in it keeps producing while any handle of the stream
/// lives.
#[derive(Debug, Clone)]
pub struct MediaStream {
    raw: web_sys::MediaStream,
    /// The tracks given to it here (not those the browser put in it).
    held: Rc<RefCell<Vec<MediaStreamTrack>>>,
}

impl PartialEq for MediaStream {
    fn eq(&self, other: &Self) -> bool {
        self.raw == other.raw
    }
}

impl Eq for MediaStream {}

impl MediaStream {
    /// `new MediaStream(tracks)`.
    pub fn new(tracks: &[&MediaStreamTrack]) -> Result<Self, Error> {
        // `web_sys::MediaStreamTrack::clone` is the JavaScript `clone()`, not `Clone`: the stream
        // must hold the very tracks given, or stopping them would leave their clones running.
        let list: js_sys::Array = tracks
            .iter()
            .map(|t| {
                let raw: &JsValue = t.as_raw();
                raw.clone()
            })
            .collect();
        Ok(MediaStream {
            raw: web_sys::MediaStream::new_with_tracks(&list)?,
            held: Rc::new(RefCell::new(tracks.iter().map(|&t| t.clone()).collect())),
        })
    }

    /// `id`.
    pub fn id(&self) -> String {
        self.raw.id()
    }

    /// `getTracks()`.
    pub fn get_tracks(&self) -> Vec<MediaStreamTrack> {
        self.raw
            .get_tracks()
            .iter()
            .map(|t| MediaStreamTrack::from(t.unchecked_into::<web_sys::MediaStreamTrack>()))
            .collect()
    }

    /// `getAudioTracks()`.
    pub fn get_audio_tracks(&self) -> Vec<MediaStreamTrack> {
        self.get_tracks()
            .into_iter()
            .filter(|t| t.kind() == TrackKind::Audio)
            .collect()
    }

    /// `getVideoTracks()`.
    pub fn get_video_tracks(&self) -> Vec<MediaStreamTrack> {
        self.get_tracks()
            .into_iter()
            .filter(|t| t.kind() == TrackKind::Video)
            .collect()
    }

    /// `addTrack(track)`.
    pub fn add_track(&self, track: &MediaStreamTrack) {
        self.raw.add_track(track.as_raw());
        let mut held = self.held.borrow_mut();
        if !held.contains(track) {
            held.push(track.clone());
        }
    }

    /// `removeTrack(track)`.
    pub fn remove_track(&self, track: &MediaStreamTrack) {
        self.raw.remove_track(track.as_raw());
        let removed: Vec<_> = {
            let mut held = self.held.borrow_mut();
            let (removed, kept) = std::mem::take(&mut *held)
                .into_iter()
                .partition(|t| t == track);
            *held = kept;
            removed
        };
        // Dropped outside the borrow: a synthetic track's last handle stops it.
        drop(removed);
    }

    /// The JavaScript `clone()`: a new stream with clones of every track.
    pub fn clone_stream(&self) -> Result<MediaStream, Error> {
        // What `clone()` does — a new stream of clones of every track — with each clone made by
        // `clone_track`, so that a synthetic source keeps feeding it.
        let clones = self
            .get_tracks()
            .iter()
            .map(MediaStreamTrack::clone_track)
            .collect::<Result<Vec<_>, _>>()?;
        MediaStream::new(&clones.iter().collect::<Vec<_>>())
    }

    /// Tracks the *browser* adds to this stream (`addtrack`; not calls to
    /// [`add_track`](Self::add_track)), from now on — e.g. remote tracks joining a stream.
    pub fn track_additions(&self) -> EventStream<MediaStreamTrack> {
        EventStream::new().on(self.raw.as_ref(), "addtrack", track_of_event)
    }

    /// Tracks the browser removes from this stream (`removetrack`), from now on.
    pub fn track_removals(&self) -> EventStream<MediaStreamTrack> {
        EventStream::new().on(self.raw.as_ref(), "removetrack", track_of_event)
    }

    /// Shows (and plays) the stream in a `<video>` or `<audio>`: what every app writes —
    /// `srcObject` set to the stream, `autoplay` on, and for a `<video>` `playsinline` (so that
    /// mobile Safari does not go full screen). Playback starts when the browser allows it (a
    /// page may need a user gesture before playing sound, or `muted` set on the element).
    ///
    /// ```no_run
    /// # use wasm_bindgen::JsCast;
    /// # fn show(stream: &wasm_rtc::MediaStream) {
    /// let document = web_sys::window().unwrap().document().unwrap();
    /// let video = document.create_element("video").unwrap().unchecked_into::<web_sys::HtmlVideoElement>();
    /// stream.attach(&video);
    /// # }
    /// ```
    pub fn attach(&self, element: &web_sys::HtmlMediaElement) {
        element.set_autoplay(true);
        if element.tag_name().eq_ignore_ascii_case("video") {
            let _ = element.set_attribute("playsinline", "");
        }
        element.set_src_object(Some(&self.raw));
    }

    /// Stops showing the stream in `element` (pauses it and clears `srcObject`), if it shows
    /// this stream; an element showing something else is left alone. It does not stop the
    /// tracks.
    pub fn detach(&self, element: &web_sys::HtmlMediaElement) {
        // Stream ids are unique (UUIDs), and outlast the JavaScript wrapper's identity.
        let shows_this = element
            .src_object()
            .is_some_and(|shown| shown.id() == self.raw.id());
        if shows_this {
            let _ = element.pause();
            element.set_src_object(None);
        }
    }

    /// Stops every track.
    pub fn stop(&self) {
        for track in self.get_tracks() {
            track.stop();
        }
    }

    /// The browser's `MediaStream`.
    pub fn as_raw(&self) -> &web_sys::MediaStream {
        &self.raw
    }
}

fn track_of_event(event: &web_sys::Event) -> Emit<MediaStreamTrack> {
    match attribute::member(event, "track") {
        Ok(track) if track.is_object() => Emit::Item(MediaStreamTrack::from(
            track.unchecked_into::<web_sys::MediaStreamTrack>(),
        )),
        _ => Emit::Skip,
    }
}

impl From<web_sys::MediaStream> for MediaStream {
    fn from(raw: web_sys::MediaStream) -> Self {
        MediaStream {
            raw,
            held: Rc::default(),
        }
    }
}

/// What every wrapper of one native track shares (see [`TrackRegistry`]).
struct TrackInner {
    raw: web_sys::MediaStreamTrack,
    /// The streams handed out through any wrapper, ended by [`MediaStreamTrack::stop`] on any
    /// of them (which fires no event).
    owned: Owned,
    /// Its key in the registry.
    id: u32,
    /// What produces a synthetic track's media (see `synthetic`), type-erased (that module is
    /// above this one): held by every handle, so the last one to go stops the track, and the
    /// source with the last track it feeds.
    source: RefCell<Option<Rc<dyn Any>>>,
}

impl Drop for TrackInner {
    fn drop(&mut self) {
        if self.source.get_mut().is_some() {
            self.raw.stop();
        }
        // `try_`: a wrapper dropped while the registry is in use (never, today) is left to be
        // pruned by the next lookup rather than panic.
        let _ = TRACKS.try_with(|tracks| {
            if let Ok(mut tracks) = tracks.try_borrow_mut() {
                tracks.live.remove(&self.id);
            }
        });
    }
}

/// The shared state of every native track that has a wrapper now, so that wrappers made
/// separately (`From`, `get_tracks()`, track events, …) of one track share it: a key on the native
/// track in a `WeakMap` (the track is not kept alive by it), and the state by key.
struct TrackRegistry {
    keys: js_sys::WeakMap,
    live: std::collections::HashMap<u32, std::rc::Weak<TrackInner>>,
    next: u32,
}

thread_local! {
    static TRACKS: std::cell::RefCell<TrackRegistry> = std::cell::RefCell::new(TrackRegistry {
        keys: js_sys::WeakMap::new(),
        live: std::collections::HashMap::new(),
        next: 0,
    });
    /// What [`MediaStreamTrack::clone_track`] tells of each clone (see [`follow_clones`]).
    static CLONE_FOLLOWERS: std::cell::RefCell<Vec<CloneFollower>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// Told `(original, clone)` by [`MediaStreamTrack::clone_track`].
pub(crate) type CloneFollower = fn(&MediaStreamTrack, &MediaStreamTrack);

/// Registers `follower` to be told of every track clone from now on (register once): for a
/// module above this one whose tracks' clones need what the original has (the synthetic
/// sources, which must keep producing while any clone is live), without this module knowing it.
pub(crate) fn follow_clones(follower: CloneFollower) {
    CLONE_FOLLOWERS.with(|followers| followers.borrow_mut().push(follower));
}

impl TrackRegistry {
    /// The shared state of `raw`, made on its first wrapper.
    fn inner_of(&mut self, raw: web_sys::MediaStreamTrack) -> Rc<TrackInner> {
        let object: &js_sys::Object = raw.unchecked_ref();
        if let Some(key) = self.keys.get(object).as_f64() {
            if let Some(inner) = self
                .live
                .get(&(key as u32))
                .and_then(std::rc::Weak::upgrade)
            {
                return inner;
            }
        }
        let id = self.next;
        self.next = self.next.wrapping_add(1);
        self.keys.set(object, &JsValue::from(id));
        let inner = Rc::new(TrackInner {
            raw,
            owned: Owned::default(),
            id,
            source: RefCell::new(None),
        });
        self.live.insert(id, Rc::downgrade(&inner));
        inner
    }
}

/// A `MediaStreamTrack`: one audio or video source.
///
/// `Clone` clones the *handle* (both refer to the same native track); the JavaScript `clone()`,
/// a new independent track from the same source, is [`clone_track`](Self::clone_track). Equal
/// when they are the same native track. Every wrapper of one native track, however it was made,
/// shares its state: [`stop`](Self::stop) on one ends the streams and futures of all.
#[derive(Clone)]
pub struct MediaStreamTrack {
    inner: Rc<TrackInner>,
}

impl PartialEq for MediaStreamTrack {
    fn eq(&self, other: &Self) -> bool {
        self.inner.raw == other.inner.raw
    }
}

impl Eq for MediaStreamTrack {}

impl std::fmt::Debug for MediaStreamTrack {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MediaStreamTrack")
            .field("kind", &self.kind())
            .field("id", &self.id())
            .field("label", &self.label())
            .field("ready_state", &self.ready_state())
            .finish()
    }
}

impl MediaStreamTrack {
    /// `kind`.
    pub fn kind(&self) -> TrackKind {
        if self.inner.raw.kind() == "audio" {
            TrackKind::Audio
        } else {
            TrackKind::Video
        }
    }

    /// `id`.
    pub fn id(&self) -> String {
        self.inner.raw.id()
    }

    /// `label`: the device's name, if the page may know it.
    pub fn label(&self) -> String {
        self.inner.raw.label()
    }

    /// `enabled`: a disabled track sends silence or black frames.
    pub fn enabled(&self) -> bool {
        self.inner.raw.enabled()
    }

    /// Sets `enabled`.
    pub fn set_enabled(&self, enabled: bool) {
        self.inner.raw.set_enabled(enabled);
    }

    /// `muted`: the source is temporarily not providing media.
    pub fn muted(&self) -> bool {
        self.inner.raw.muted()
    }

    /// `readyState`.
    pub fn ready_state(&self) -> TrackState {
        match attribute::string_attribute(&self.inner.raw, "readyState").as_deref() {
            Some("live") => TrackState::Live,
            _ => TrackState::Ended,
        }
    }

    /// `getSettings()`.
    pub fn get_settings(&self) -> Result<TrackSettings, Error> {
        from_js(&sys::call(
            &self.inner.raw,
            "MediaStreamTrack",
            "getSettings",
            &[],
        )?)
    }

    /// `getConstraints()`: the constraints last applied.
    pub fn get_constraints(&self) -> Result<TrackConstraints, Error> {
        from_js(&sys::call(
            &self.inner.raw,
            "MediaStreamTrack",
            "getConstraints",
            &[],
        )?)
    }

    /// `applyConstraints(constraints)`. [`Error::Overconstrained`] names the constraint that
    /// cannot be met, and the track keeps its previous constraints and settings.
    ///
    /// Some browsers resolve even when an `exact`, `min` or `max` cannot be met (Firefox's fake
    /// camera, for one), so the new settings are checked here and such a call is undone and
    /// reported as the spec says.
    pub async fn apply_constraints(&self, constraints: &TrackConstraints) -> Result<(), Error> {
        let previous = self.get_constraints()?;
        self.apply_constraints_unchecked(constraints).await?;
        match constraints.first_unmet(&self.get_settings()?) {
            None => Ok(()),
            Some(name) => {
                self.apply_constraints_unchecked(&previous).await?;
                Err(Error::Overconstrained {
                    constraint: Some(name.to_owned()),
                    message: format!("the track cannot meet the {name} constraint"),
                })
            }
        }
    }

    /// Resolves when the track has ended: its source went away (device unplugged or revoked,
    /// remote track removed: the `ended` event) or `stop()` was called — at once through any
    /// wrapper of the track; from JavaScript directly, which fires no event, within a quarter
    /// second (the state is checked that often).
    pub async fn ended(&self) {
        let mut ended =
            self.inner
                .owned
                .track(EventStream::new().on(self.inner.raw.as_ref(), "ended", |_| Emit::Last(())));
        while self.ready_state() == TrackState::Live {
            let tick = gloo_timers::future::sleep(std::time::Duration::from_millis(250));
            futures::future::select(ended.next(), Box::pin(tick)).await;
        }
    }

    async fn apply_constraints_unchecked(
        &self,
        constraints: &TrackConstraints,
    ) -> Result<(), Error> {
        let args = [to_js(constraints)?];
        sys::call_async(
            &self.inner.raw,
            "MediaStreamTrack",
            "applyConstraints",
            &args,
        )
        .await
        .map(drop)
    }

    /// `true` on each `mute` and `false` on each `unmute`, from now on; it ends when the track
    /// ends (`ended`, or [`stop`](Self::stop)).
    pub fn mute_changes(&self) -> EventStream<bool> {
        let target: &web_sys::EventTarget = self.inner.raw.as_ref();
        let changes = EventStream::new()
            .on(target, "mute", |_| Emit::Item(true))
            .on(target, "unmute", |_| Emit::Item(false))
            .on(target, "ended", |_| Emit::End);
        if self.ready_state() == TrackState::Ended {
            changes.end();
        }
        self.inner.owned.track(changes)
    }

    /// The source a synthetic track was made with (see `synthetic`), if any.
    pub(crate) fn source(&self) -> Option<Rc<dyn Any>> {
        self.inner.source.borrow().clone()
    }

    /// Makes `source` live as long as a handle of this track does, and the track stop when the
    /// last handle goes (see `synthetic`).
    pub(crate) fn set_source(&self, source: Rc<dyn Any>) {
        *self.inner.source.borrow_mut() = Some(source);
    }

    /// `stop()`: ends the track for good and releases the device. Futures waiting in
    /// [`ended`](Self::ended) resolve (the browser fires no event for this).
    pub fn stop(&self) {
        self.inner.raw.stop();
        self.inner.owned.end_all();
    }

    /// The JavaScript `clone()`: a new, independent track from the same source.
    pub fn clone_track(&self) -> Result<MediaStreamTrack, Error> {
        let raw = sys::call(&self.inner.raw, "MediaStreamTrack", "clone", &[])?;
        let clone = MediaStreamTrack::from(raw.unchecked_into::<web_sys::MediaStreamTrack>());
        let followers = CLONE_FOLLOWERS.with(|followers| followers.borrow().clone());
        for follower in followers {
            follower(self, &clone);
        }
        Ok(clone)
    }

    /// The browser's `MediaStreamTrack`.
    pub fn as_raw(&self) -> &web_sys::MediaStreamTrack {
        &self.inner.raw
    }
}

impl From<web_sys::MediaStreamTrack> for MediaStreamTrack {
    /// A wrapper of `raw`, sharing its state with every other wrapper of the same native track
    /// (what `stop()` ends, it ends for all).
    fn from(raw: web_sys::MediaStreamTrack) -> Self {
        MediaStreamTrack {
            inner: TRACKS.with(|tracks| tracks.borrow_mut().inner_of(raw)),
        }
    }
}

/// The tracks a connection sends, by sender (`addTrack`, `addTransceiver` with a track,
/// `replaceTrack`): their handles are held — and a synthetic track keeps producing — until the
/// sender sends another or none, or the connection closes.
#[derive(Clone, Default)]
pub(crate) struct SentTracks(Rc<RefCell<Vec<(JsValue, MediaStreamTrack)>>>);

impl SentTracks {
    /// `sender` sends `track` now (`None`: nothing).
    pub(crate) fn set(&self, sender: &JsValue, track: Option<&MediaStreamTrack>) {
        let replaced: Vec<_> = {
            let mut sent = self.0.borrow_mut();
            let (replaced, kept) = std::mem::take(&mut *sent)
                .into_iter()
                .partition(|(s, _)| s == sender);
            *sent = kept;
            sent.extend(track.map(|t| (sender.clone(), t.clone())));
            replaced
        };
        // Dropped outside the borrow: a synthetic track's last handle stops it.
        drop(replaced);
    }

    /// The connection closed: nothing is sent any more.
    pub(crate) fn clear(&self) {
        let sent = std::mem::take(&mut *self.0.borrow_mut());
        drop(sent);
    }
}

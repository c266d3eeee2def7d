//! Typed media constraints (`MediaStreamConstraints`, `MediaTrackConstraints`) and track settings
//! (`MediaTrackSettings`), serde with the spec's camelCase names.

use serde::{Deserialize, Serialize};

/// One constrainable property: a bare value (an `ideal` for most properties) or a range with
/// `exact`, `ideal`, `min` and `max` — `ConstrainULong`, `ConstrainDouble`,
/// `ConstrainDOMString` and `ConstrainBoolean` in the spec.
///
/// ```
/// use wasm_rtc::Constrain;
/// let width = Constrain::range().min(640).ideal(1280);
/// let exact: Constrain<String> = Constrain::exact("environment".to_owned());
/// # let _ = (width, exact);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Constrain<T> {
    /// A bare value: the browser treats it as `ideal` (as `exact` for `deviceId` in some).
    Value(T),
    /// A range or an exact value.
    Range(ConstrainRange<T>),
}

/// The dictionary form of a [`Constrain`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(deserialize = "T: Deserialize<'de>"))]
pub struct ConstrainRange<T> {
    /// The value must be exactly this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exact: Option<T>,
    /// The value should be as close to this as possible.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ideal: Option<T>,
    /// The value must be at least this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<T>,
    /// The value must be at most this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<T>,
}

impl<T> Default for ConstrainRange<T> {
    fn default() -> Self {
        ConstrainRange {
            exact: None,
            ideal: None,
            min: None,
            max: None,
        }
    }
}

impl<T> Constrain<T> {
    /// An empty range, to add `exact`, `ideal`, `min` and `max` to.
    pub fn range() -> ConstrainRange<T> {
        ConstrainRange::default()
    }

    /// `{ exact: value }`: fail with `OverconstrainedError` if it cannot be met.
    pub fn exact(value: T) -> Self {
        Constrain::Range(ConstrainRange {
            exact: Some(value),
            ..ConstrainRange::default()
        })
    }

    /// `{ ideal: value }`.
    pub fn ideal(value: T) -> Self {
        Constrain::Range(ConstrainRange {
            ideal: Some(value),
            ..ConstrainRange::default()
        })
    }
}

impl<T> ConstrainRange<T> {
    /// Sets `exact`.
    pub fn exact(mut self, value: T) -> Self {
        self.exact = Some(value);
        self
    }

    /// Sets `ideal`.
    pub fn ideal(mut self, value: T) -> Self {
        self.ideal = Some(value);
        self
    }

    /// Sets `min`.
    pub fn min(mut self, value: T) -> Self {
        self.min = Some(value);
        self
    }

    /// Sets `max`.
    pub fn max(mut self, value: T) -> Self {
        self.max = Some(value);
        self
    }
}

impl<T> From<ConstrainRange<T>> for Constrain<T> {
    fn from(range: ConstrainRange<T>) -> Self {
        Constrain::Range(range)
    }
}

impl<T> From<T> for Constrain<T> {
    fn from(value: T) -> Self {
        Constrain::Value(value)
    }
}

/// `MediaTrackConstraints`: what a track should be like.
///
/// ```
/// use wasm_rtc::{Constrain, TrackConstraints};
/// let hd = TrackConstraints { width: Some(Constrain::range().min(1280).into()), ..Default::default() };
/// # let _ = hd;
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TrackConstraints {
    /// A device from [`MediaDevices::enumerate_devices`](crate::MediaDevices::enumerate_devices).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_id: Option<Constrain<String>>,
    /// A group of devices (one physical device's camera and microphone share a group).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_id: Option<Constrain<String>>,
    /// Video width in pixels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<Constrain<u32>>,
    /// Video height in pixels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<Constrain<u32>>,
    /// Width divided by height.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aspect_ratio: Option<Constrain<f64>>,
    /// Frames per second.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frame_rate: Option<Constrain<f64>>,
    /// `"user"`, `"environment"`, `"left"` or `"right"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub facing_mode: Option<Constrain<String>>,
    /// Audio echo cancellation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub echo_cancellation: Option<Constrain<bool>>,
    /// Audio noise suppression.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub noise_suppression: Option<Constrain<bool>>,
    /// Audio automatic gain control.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_gain_control: Option<Constrain<bool>>,
    /// Audio samples per second.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sample_rate: Option<Constrain<u32>>,
    /// Audio channels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_count: Option<Constrain<u32>>,
}

/// One kind of track in a request: `true`/`false`, or constraints.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
#[allow(
    clippy::large_enum_variant,
    reason = "built once per request; boxing would cost every user a Box::new"
)]
pub enum TrackRequest {
    /// `true`: any device of this kind; `false`: none.
    Any(bool),
    /// A device meeting these constraints.
    Constrained(TrackConstraints),
}

impl Default for TrackRequest {
    fn default() -> Self {
        TrackRequest::Any(false)
    }
}

impl From<bool> for TrackRequest {
    fn from(any: bool) -> Self {
        TrackRequest::Any(any)
    }
}

impl From<TrackConstraints> for TrackRequest {
    fn from(constraints: TrackConstraints) -> Self {
        TrackRequest::Constrained(constraints)
    }
}

/// `MediaStreamConstraints` for
/// [`MediaDevices::get_user_media`](crate::MediaDevices::get_user_media).
///
/// ```
/// use wasm_rtc::{Constrain, Constraints, TrackConstraints};
/// let camera_and_mic = Constraints::audio_video();
/// let small_camera = Constraints::video_only().video(TrackConstraints {
///     width: Some(Constrain::ideal(320)),
///     ..Default::default()
/// });
/// # let _ = (camera_and_mic, small_camera);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Constraints {
    /// The audio track wanted.
    #[serde(default)]
    pub audio: TrackRequest,
    /// The video track wanted.
    #[serde(default)]
    pub video: TrackRequest,
}

impl Constraints {
    /// Any microphone and any camera.
    pub fn audio_video() -> Self {
        Constraints {
            audio: true.into(),
            video: true.into(),
        }
    }

    /// Any microphone.
    pub fn audio_only() -> Self {
        Constraints {
            audio: true.into(),
            video: false.into(),
        }
    }

    /// Any camera.
    pub fn video_only() -> Self {
        Constraints {
            audio: false.into(),
            video: true.into(),
        }
    }

    /// Sets the audio request.
    pub fn audio(mut self, request: impl Into<TrackRequest>) -> Self {
        self.audio = request.into();
        self
    }

    /// Sets the video request.
    pub fn video(mut self, request: impl Into<TrackRequest>) -> Self {
        self.video = request.into();
        self
    }
}

/// `DisplayMediaStreamOptions` for
/// [`MediaDevices::get_display_media`](crate::MediaDevices::get_display_media).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DisplayConstraints {
    /// The video (screen, window or tab) wanted; `true` by default.
    pub video: TrackRequest,
    /// Whether to capture system or tab audio too.
    #[serde(default)]
    pub audio: TrackRequest,
}

impl Default for DisplayConstraints {
    fn default() -> Self {
        DisplayConstraints {
            video: true.into(),
            audio: false.into(),
        }
    }
}

/// `MediaTrackSettings`: what a track actually is now. Members a browser does not report are
/// `None`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TrackSettings {
    /// The source device.
    #[serde(default)]
    pub device_id: Option<String>,
    /// The source device's group.
    #[serde(default)]
    pub group_id: Option<String>,
    /// Width in pixels.
    #[serde(default)]
    pub width: Option<u32>,
    /// Height in pixels.
    #[serde(default)]
    pub height: Option<u32>,
    /// Width divided by height.
    #[serde(default)]
    pub aspect_ratio: Option<f64>,
    /// Frames per second.
    #[serde(default)]
    pub frame_rate: Option<f64>,
    /// Which way the camera faces.
    #[serde(default)]
    pub facing_mode: Option<String>,
    /// Echo cancellation on.
    #[serde(default)]
    pub echo_cancellation: Option<bool>,
    /// Noise suppression on.
    #[serde(default)]
    pub noise_suppression: Option<bool>,
    /// Automatic gain control on.
    #[serde(default)]
    pub auto_gain_control: Option<bool>,
    /// Samples per second.
    #[serde(default)]
    pub sample_rate: Option<u32>,
    /// Channels.
    #[serde(default)]
    pub channel_count: Option<u32>,
}

/// Whether `value` meets a numeric constraint's `exact`, `min` and `max` (`ideal` never fails).
fn numeric_met<T: Copy + Into<f64>>(constraint: &Option<Constrain<T>>, value: Option<T>) -> bool {
    let (Some(Constrain::Range(range)), Some(value)) = (constraint, value) else {
        return true;
    };
    let value: f64 = value.into();
    // Frame rates and aspect ratios are reported as measured, not as asked: allow 1% of slack.
    let slack = |bound: f64| bound.abs() * 0.01;
    range
        .exact
        .map_or(true, |e| (value - e.into()).abs() <= slack(e.into()))
        && range
            .min
            .map_or(true, |m| value >= m.into() - slack(m.into()))
        && range
            .max
            .map_or(true, |m| value <= m.into() + slack(m.into()))
}

/// Whether `value` meets an `exact` string or boolean constraint.
fn exact_met<T: PartialEq>(constraint: &Option<Constrain<T>>, value: &Option<T>) -> bool {
    match (constraint, value) {
        (Some(Constrain::Range(ConstrainRange { exact: Some(e), .. })), Some(v)) => e == v,
        _ => true,
    }
}

impl TrackConstraints {
    /// The first constraint that `settings` do not meet (its spec name), judging only `exact`,
    /// `min` and `max` on the members the browser reports. Used to hold every browser to the
    /// spec's `OverconstrainedError` in `applyConstraints`.
    pub(crate) fn first_unmet(&self, settings: &TrackSettings) -> Option<&'static str> {
        let checks = [
            ("width", numeric_met(&self.width, settings.width)),
            ("height", numeric_met(&self.height, settings.height)),
            (
                "frameRate",
                numeric_met(&self.frame_rate, settings.frame_rate),
            ),
            (
                "aspectRatio",
                numeric_met(&self.aspect_ratio, settings.aspect_ratio),
            ),
            (
                "sampleRate",
                numeric_met(&self.sample_rate, settings.sample_rate),
            ),
            (
                "channelCount",
                numeric_met(&self.channel_count, settings.channel_count),
            ),
            ("deviceId", exact_met(&self.device_id, &settings.device_id)),
            ("groupId", exact_met(&self.group_id, &settings.group_id)),
            (
                "facingMode",
                exact_met(&self.facing_mode, &settings.facing_mode),
            ),
            (
                "echoCancellation",
                exact_met(&self.echo_cancellation, &settings.echo_cancellation),
            ),
            (
                "noiseSuppression",
                exact_met(&self.noise_suppression, &settings.noise_suppression),
            ),
            (
                "autoGainControl",
                exact_met(&self.auto_gain_control, &settings.auto_gain_control),
            ),
        ];
        checks
            .into_iter()
            .find(|(_, met)| !met)
            .map(|(name, _)| name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constraints_serialize_as_the_spec_dictionaries() {
        let c = Constraints::audio_only().video(TrackConstraints {
            width: Some(Constrain::range().min(640).max(1920).into()),
            frame_rate: Some(Constrain::Value(30.0)),
            facing_mode: Some(Constrain::exact("user".to_owned())),
            ..Default::default()
        });
        let json = serde_json::to_string(&c).unwrap();
        assert_eq!(
            json,
            r#"{"audio":true,"video":{"width":{"min":640,"max":1920},"frameRate":30.0,"facingMode":{"exact":"user"}}}"#
        );
        let back: Constraints = serde_json::from_str(&json).unwrap();
        assert_eq!(back, c);
    }

    #[test]
    fn unmet_constraints_are_named() {
        let settings = TrackSettings {
            width: Some(640),
            height: Some(480),
            frame_rate: Some(29.97),
            facing_mode: Some("user".into()),
            ..Default::default()
        };
        let ok = TrackConstraints {
            width: Some(Constrain::range().min(320).max(1920).into()),
            frame_rate: Some(Constrain::exact(30.0)),
            height: Some(Constrain::ideal(9999)),
            sample_rate: Some(Constrain::exact(48000)), // not reported for video: not judged
            ..Default::default()
        };
        assert_eq!(ok.first_unmet(&settings), None);
        let too_wide = TrackConstraints {
            width: Some(Constrain::exact(99_999)),
            ..Default::default()
        };
        assert_eq!(too_wide.first_unmet(&settings), Some("width"));
        let facing = TrackConstraints {
            facing_mode: Some(Constrain::exact("environment".to_owned())),
            ..Default::default()
        };
        assert_eq!(facing.first_unmet(&settings), Some("facingMode"));
        let tall = TrackConstraints {
            height: Some(Constrain::range().min(720).into()),
            ..Default::default()
        };
        assert_eq!(tall.first_unmet(&settings), Some("height"));
    }

    #[test]
    fn settings_read_partial_dictionaries() {
        let s: TrackSettings = serde_json::from_str(
            r#"{"width":640,"height":480,"deviceId":"x","resizeMode":"none"}"#,
        )
        .unwrap();
        assert_eq!(
            (s.width, s.height, s.device_id.as_deref()),
            (Some(640), Some(480), Some("x"))
        );
        assert_eq!(s.frame_rate, None);
    }
}

//! The adapter: patches the standard JavaScript WebRTC API in place so that code written to the
//! spec runs the same in every browser — what adapter.js does, with what its users asked for:
//!
//! * nothing happens until [`install`] (JavaScript: `shim()`) is called, and installing twice
//!   adds nothing;
//! * every shim decides by **feature detection** — it probes the API it fixes — never by the
//!   user agent, and can be turned off in [`ShimOptions`];
//! * the [`ShimReport`] says what was applied, not needed, or disabled;
//! * legacy APIs (callbacks, `addStream`, prefixes) only when asked for;
//! * the `RTCPeerConnection` constructor keeps everything the browser gave it: the one shim that
//!   must intercept construction (`iceServerUrls`) installs a stand-in with the same prototype
//!   object, name, `length` and statics that honours `new.target`, so subclassing and
//!   `instanceof` work exactly as before.
//!
//! One `.rs` file per concern; each documents the browsers that need it.
//!
//! Rust installs: it reads the options, probes each API (the `need` of every concern), decides,
//! keeps the record that makes a second install a no-op, and reports. It also parses (candidate
//! lines, the SDP's `max-message-size`, user agents). The code that runs inside the browser
//! methods a shim patches is JavaScript, in `patches.js`: one section per concern, named after
//! its `.rs` file, after the helpers they share; it is handed the Rust parsers it needs. There it
//! is a few dozen bytes where the same code compiled to wasm was about ten times that, and the
//! shim's size is what its users download (measured: 36.0 KB gzip with the patch bodies in Rust,
//! 25.6 KB with them in JavaScript; the README lists the steps). One file, because
//! wasm-bindgen serves each JavaScript module file to the page separately (see its header).

mod add_ice_candidate;
mod connection_state;
mod detect;
mod get_stats;
mod get_user_media;
pub(crate) mod ice_candidate_fields;
mod ice_server_urls;
mod legacy_callbacks;
mod legacy_streams;
mod max_message_size;
pub(crate) mod offer_to_receive;
mod set_local_description;
mod track_event;
mod unprefixed;

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::prelude::*;

pub use detect::{browser_details, BrowserDetails, Engine};

#[wasm_bindgen(module = "/src/shim/patches.js")]
extern "C" {
    /// `Reflect.get(object, key)` with the key crossing as text: no `JsValue` built and dropped
    /// for it at each call site.
    #[wasm_bindgen(js_name = getProperty, catch)]
    fn get_property(object: &JsValue, key: &str) -> Result<JsValue, JsValue>;
    /// `Reflect.set(object, key, value)`: whether it was set; what a setter or proxy threw.
    #[wasm_bindgen(js_name = setProperty, catch)]
    pub(crate) fn set(object: &JsValue, key: &str, value: &JsValue) -> Result<bool, JsValue>;
    /// What the report says of a thrown value (`"TypeError: message"`); never throws itself.
    fn describe(error: &JsValue) -> String;
    /// Records what `probe` resolves to under `name` on `record` once it settles, and adds that
    /// to `record`'s settled promise.
    #[wasm_bindgen(js_name = whenProbed)]
    fn when_probed(record: &JsValue, name: &str, probe: &js_sys::Promise);
    #[wasm_bindgen(js_name = probeConnection)]
    fn new_probe_connection(constructor: &JsValue) -> JsValue;
    #[wasm_bindgen(js_name = closeProbeConnection)]
    fn close_probe_connection(pc: &JsValue);
    /// Resolves once every probe started on `record` has settled, to what `then()` returns.
    #[wasm_bindgen(js_name = settled)]
    fn settled_record(record: &JsValue, then: Option<&js_sys::Function>) -> js_sys::Promise;
}

/// Which shims to consider. Each standard shim is on by default and still applies only where
/// feature detection finds the browser needs it; the legacy ones are off by default, because
/// they make spec conformance tests fail.
///
/// In JavaScript: `shim({ getStats: false, legacyGetUserMedia: true })`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", default)]
pub struct ShimOptions {
    /// `navigator.mediaDevices.getUserMedia` over prefixed or callback implementations; where
    /// it fails with legacy error names, those mapped (and legacy syntax translated, `undefined`
    /// members removed).
    pub get_user_media: bool,
    /// `addIceCandidate(null | undefined | {candidate: ''})` resolves (end-of-candidates).
    pub add_ice_candidate: bool,
    /// Parameterless `setLocalDescription()`.
    pub set_local_description: bool,
    /// `RTCIceCandidate.foundation`, `.port`, … parsed from the candidate line.
    pub ice_candidate_fields: bool,
    /// `getStats()` on a closed connection resolves to an empty report.
    pub get_stats: bool,
    /// `track` events with `streams`, `receiver` and `transceiver`, and `ontrack`.
    pub track_event: bool,
    /// `connectionState` and `connectionstatechange`.
    pub connection_state: bool,
    /// `RTCPeerConnection.sctp` with `maxMessageSize` from the SDP.
    pub sctp: bool,
    /// `RTCDataChannel.send()` over `maxMessageSize` throws `TypeError`, the channel stays open.
    pub data_channel_send_limit: bool,
    /// `createOffer({offerToReceiveAudio, offerToReceiveVideo})` applied as transceivers.
    pub offer_to_receive: bool,
    /// `RTCPeerConnection`, `RTCSessionDescription`, `RTCIceCandidate` from prefixed names.
    pub unprefixed: bool,
    /// `RTCIceServer.url` accepted as `urls`.
    pub ice_server_urls: bool,
    /// Legacy: `navigator.getUserMedia(constraints, onSuccess, onError)`.
    pub legacy_get_user_media: bool,
    /// Legacy: getUserMedia constraints in the legacy syntax (`mandatory`, `optional`,
    /// `sourceId`) translated to the standard one, which current browsers need.
    pub legacy_constraints: bool,
    /// Legacy: callback signatures of `createOffer`, `createAnswer`, `setLocalDescription`,
    /// `setRemoteDescription` and `addIceCandidate`.
    pub legacy_callbacks: bool,
    /// Legacy: `addStream`, `removeStream`, `getLocalStreams`, `getRemoteStreams`, `onaddstream`.
    pub legacy_streams: bool,
    /// Legacy: `webkitRTCPeerConnection` and the other prefixed aliases.
    pub legacy_prefixes: bool,
}

impl Default for ShimOptions {
    fn default() -> Self {
        ShimOptions {
            get_user_media: true,
            add_ice_candidate: true,
            set_local_description: true,
            ice_candidate_fields: true,
            get_stats: true,
            track_event: true,
            connection_state: true,
            sctp: true,
            data_channel_send_limit: true,
            offer_to_receive: true,
            unprefixed: true,
            ice_server_urls: true,
            legacy_get_user_media: false,
            legacy_constraints: false,
            legacy_callbacks: false,
            legacy_streams: false,
            legacy_prefixes: false,
        }
    }
}

impl ShimOptions {
    /// Each option with its JavaScript name (the serde name), in declaration order: what
    /// `shim(options)` reads, by hand, so that the shim-only wasm carries no serde code.
    #[cfg_attr(not(feature = "js"), allow(dead_code))] // the npm exports read options with it
    pub(crate) fn by_name(&mut self) -> [(&'static str, &mut bool); 17] {
        [
            ("getUserMedia", &mut self.get_user_media),
            ("addIceCandidate", &mut self.add_ice_candidate),
            ("setLocalDescription", &mut self.set_local_description),
            ("iceCandidateFields", &mut self.ice_candidate_fields),
            ("getStats", &mut self.get_stats),
            ("trackEvent", &mut self.track_event),
            ("connectionState", &mut self.connection_state),
            ("sctp", &mut self.sctp),
            ("dataChannelSendLimit", &mut self.data_channel_send_limit),
            ("offerToReceive", &mut self.offer_to_receive),
            ("unprefixed", &mut self.unprefixed),
            ("iceServerUrls", &mut self.ice_server_urls),
            ("legacyGetUserMedia", &mut self.legacy_get_user_media),
            ("legacyConstraints", &mut self.legacy_constraints),
            ("legacyCallbacks", &mut self.legacy_callbacks),
            ("legacyStreams", &mut self.legacy_streams),
            ("legacyPrefixes", &mut self.legacy_prefixes),
        ]
    }
}

/// What [`install`] did with one shim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify))]
#[serde(rename_all = "kebab-case")]
pub enum ShimStatus {
    /// Patched now, or by an earlier `install`.
    Applied,
    /// The browser already behaves as the spec says.
    NotNeeded,
    /// Turned off in the options.
    Disabled,
    /// The API it fixes is absent altogether (e.g. no `RTCPeerConnection`).
    Unavailable,
    /// Patching failed (e.g. a frozen prototype); `detail` says why. Nothing else is affected.
    Failed,
    /// Its probe watches behaviour that only a promise shows, and has not settled yet: the shim
    /// is applied (or not) when it does. [`settled`] resolves then, and a report made after that
    /// ([`install_settled`], or `install` again) says what it found.
    Pending,
}

impl ShimStatus {
    /// The status as JavaScript sees it (the serde name): `"applied"`, `"not-needed"`, ….
    pub fn as_str(self) -> &'static str {
        match self {
            ShimStatus::Applied => "applied",
            ShimStatus::NotNeeded => "not-needed",
            ShimStatus::Disabled => "disabled",
            ShimStatus::Unavailable => "unavailable",
            ShimStatus::Failed => "failed",
            ShimStatus::Pending => "pending",
        }
    }
}

/// One line of a [`ShimReport`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify))]
pub struct ShimEntry {
    /// The shim's name, as in [`ShimOptions`] (camelCase).
    pub name: String,
    /// What happened.
    pub status: ShimStatus,
    /// Why it failed, when it did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// What [`install`] did, shim by shim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify))]
pub struct ShimReport {
    /// One entry per shim, in the order they were considered.
    pub shims: Vec<ShimEntry>,
}

impl ShimReport {
    /// The status of the shim called `name`.
    pub fn status(&self, name: &str) -> Option<ShimStatus> {
        self.shims.iter().find(|e| e.name == name).map(|e| e.status)
    }
}

/// The global object a shim patches: the real `window`, or a hand-made fake one in tests.
pub(crate) struct Scope {
    global: JsValue,
    /// The connection the probes that need one share (made at the first's request): `None`
    /// until then, `Some(None)` where none could be made.
    connection: core::cell::Cell<Option<Option<JsValue>>>,
}

impl Scope {
    fn new(global: &JsValue) -> Self {
        Scope {
            global: global.clone(),
            connection: core::cell::Cell::new(None),
        }
    }

    /// A new `RTCPeerConnection` for probes, one per install, closed after them; `None` where
    /// the page has none or cannot make one (then the probe tells nothing).
    pub(crate) fn probe_connection(&self) -> Option<JsValue> {
        let connection = self.connection.take().unwrap_or_else(|| {
            let constructor = self.get("RTCPeerConnection")?;
            Some(new_probe_connection(&constructor)).filter(|pc| !pc.is_null())
        });
        self.connection.set(Some(connection.clone()));
        connection
    }

    /// The probe connection, if a probe made one.
    fn probe_connection_made(&self) -> Option<JsValue> {
        self.connection.take().flatten()
    }

    /// `global[name]`, if present.
    pub(crate) fn get(&self, name: &str) -> Option<JsValue> {
        get(&self.global, name)
    }

    /// `global[interface].prototype`, if present.
    pub(crate) fn prototype(&self, interface: &str) -> Option<JsValue> {
        self.get(interface)
            .and_then(|class| get(&class, "prototype"))
    }

    /// `global[interface].prototype`, or a `TypeError` (see [`missing`]).
    pub(crate) fn required_prototype(&self, interface: &str) -> Result<JsValue, JsValue> {
        self.prototype(interface).ok_or_else(|| missing(interface))
    }

    /// `global.navigator`, if present.
    pub(crate) fn navigator(&self) -> Option<JsValue> {
        self.get("navigator")
    }
}

/// What a shim's `apply` gives when the API its probe found is gone after all: a `TypeError`
/// naming it. (Every other failure is what JavaScript threw.)
pub(crate) fn missing(what: &str) -> JsValue {
    js_sys::TypeError::new(&(String::from(what) + " is missing")).into()
}

/// `object[key]`, if it is neither `undefined` nor `null`.
pub(crate) fn get(object: &JsValue, key: &str) -> Option<JsValue> {
    get_property(object, key)
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

/// `member in object` (false where `in` throws).
pub(crate) fn has(object: &JsValue, member: &str) -> bool {
    js_sys::Reflect::has(object, &JsValue::from_str(member)).unwrap_or(false)
}

/// A function's declared `length` (its required parameters).
pub(crate) fn arity(function: &JsValue) -> u32 {
    get(function, "length")
        .and_then(|l| l.as_f64())
        .map_or(0, |l| l as u32)
}

/// `Needed` where `RTCPeerConnection.prototype[method]` declares a required argument
/// (`length > 0`): the spec made it optional, and browsers that still require it reject the
/// call without one.
pub(crate) fn need_if_argument_required(scope: &Scope, method: &str) -> Need {
    match scope
        .prototype("RTCPeerConnection")
        .and_then(|p| get(&p, method))
    {
        None => Need::Unavailable,
        Some(native) if arity(&native) > 0 => Need::Needed,
        Some(_) => Need::NotNeeded,
    }
}

/// What a shim's probe found.
pub(crate) enum Need {
    /// Apply it.
    Needed,
    /// The browser is already right.
    NotNeeded,
    /// The API is absent.
    Unavailable,
    /// Only a promise shows the behaviour: the probe applies the shim where it is needed and
    /// resolves to the outcome to record (`"applied"`, `"not-needed"` or `"failed: why"`); where
    /// it rejects, nothing is patched on a guess.
    Probe(js_sys::Promise),
}

struct Shim {
    name: &'static str,
    enabled: fn(&ShimOptions) -> bool,
    need: fn(&Scope) -> Need,
    apply: fn(&Scope) -> Result<(), JsValue>,
}

static SHIMS: [Shim; 17] = [
    // First, so that every later shim finds the unprefixed names.
    Shim {
        name: "unprefixed",
        enabled: |o| o.unprefixed,
        need: unprefixed::need,
        apply: unprefixed::apply,
    },
    Shim {
        name: "getUserMedia",
        enabled: |o| o.get_user_media,
        need: get_user_media::need,
        apply: get_user_media::apply,
    },
    Shim {
        name: "legacyGetUserMedia",
        enabled: |o| o.legacy_get_user_media,
        need: get_user_media::legacy_need,
        apply: get_user_media::legacy_apply,
    },
    Shim {
        name: "legacyConstraints",
        enabled: |o| o.legacy_constraints,
        need: get_user_media::legacy_constraints_need,
        apply: get_user_media::legacy_constraints_apply,
    },
    Shim {
        name: "addIceCandidate",
        enabled: |o| o.add_ice_candidate,
        need: add_ice_candidate::need,
        apply: add_ice_candidate::apply,
    },
    Shim {
        name: "setLocalDescription",
        enabled: |o| o.set_local_description,
        need: set_local_description::need,
        apply: set_local_description::apply,
    },
    Shim {
        name: "iceCandidateFields",
        enabled: |o| o.ice_candidate_fields,
        need: ice_candidate_fields::need,
        apply: ice_candidate_fields::apply,
    },
    Shim {
        name: "getStats",
        enabled: |o| o.get_stats,
        need: get_stats::need,
        apply: get_stats::apply,
    },
    Shim {
        name: "trackEvent",
        enabled: |o| o.track_event,
        need: track_event::need,
        apply: track_event::apply,
    },
    Shim {
        name: "connectionState",
        enabled: |o| o.connection_state,
        need: connection_state::need,
        apply: connection_state::apply,
    },
    Shim {
        name: "sctp",
        enabled: |o| o.sctp,
        need: max_message_size::sctp_need,
        apply: max_message_size::sctp_apply,
    },
    Shim {
        name: "dataChannelSendLimit",
        enabled: |o| o.data_channel_send_limit,
        need: max_message_size::send_need,
        apply: max_message_size::send_apply,
    },
    Shim {
        name: "offerToReceive",
        enabled: |o| o.offer_to_receive,
        need: offer_to_receive::need,
        apply: offer_to_receive::apply,
    },
    // Last among the standard shims: it replaces the constructor the others leave alone.
    Shim {
        name: "iceServerUrls",
        enabled: |o| o.ice_server_urls,
        need: ice_server_urls::need,
        apply: ice_server_urls::apply,
    },
    Shim {
        name: "legacyCallbacks",
        enabled: |o| o.legacy_callbacks,
        need: legacy_callbacks::need,
        apply: legacy_callbacks::apply,
    },
    Shim {
        name: "legacyStreams",
        enabled: |o| o.legacy_streams,
        need: legacy_streams::need,
        apply: legacy_streams::apply,
    },
    Shim {
        name: "legacyPrefixes",
        enabled: |o| o.legacy_prefixes,
        need: unprefixed::legacy_need,
        apply: unprefixed::legacy_apply,
    },
];

/// What earlier `install`s did to `global`, shim by shim (`"applied"`, `"not-needed"`, `"pending"` or `"failed: why"`), kept
/// on the global itself under a registered symbol, so that a second `install` — even from another
/// copy of this module — patches nothing again and reports the same.
fn applied_marker(global: &JsValue) -> Result<js_sys::Object, JsValue> {
    let key = js_sys::Symbol::for_("wasm-rtc.shim.applied");
    let existing = js_sys::Reflect::get(global, &key)?;
    if existing.is_object() {
        return Ok(existing.unchecked_into());
    }
    let marker = js_sys::Object::new();
    let descriptor = js_sys::Object::new();
    set(&descriptor, "value", &marker)?;
    // Reflect.defineProperty reports a frozen global instead of throwing. Without a marker a
    // second install could not know what the first patched, so nothing is patched at all.
    if !js_sys::Reflect::define_property(
        global.unchecked_ref::<js_sys::Object>(),
        &key,
        &descriptor,
    )? {
        return Err(js_sys::TypeError::new(
            "the global object is not extensible: the shim cannot record what it installs",
        )
        .into());
    }
    Ok(marker)
}

/// The status and detail a recorded outcome stands for (see [`applied_marker`]).
fn recorded(outcome: &str) -> (ShimStatus, Option<String>) {
    match outcome {
        "applied" => (ShimStatus::Applied, None),
        "not-needed" => (ShimStatus::NotNeeded, None),
        "pending" => (ShimStatus::Pending, None),
        failed => {
            let why = failed.strip_prefix("failed: ").unwrap_or(failed);
            (ShimStatus::Failed, Some(why.to_owned()))
        }
    }
}

/// Records `outcome` for the shim called `name` on `marker`, and says what it stands for.
fn record(marker: &js_sys::Object, name: &str, outcome: String) -> (ShimStatus, Option<String>) {
    let _ = set(marker, name, &JsValue::from_str(&outcome));
    recorded(&outcome)
}

/// Applies `shim` and records the outcome on `marker`: `"applied"`, or `"failed: why"`.
/// Whatever it patched before failing stays; it is never patched twice.
fn apply_and_record(
    shim: &Shim,
    scope: &Scope,
    marker: &js_sys::Object,
) -> (ShimStatus, Option<String>) {
    let outcome = match (shim.apply)(scope) {
        Ok(()) => String::from("applied"),
        Err(e) => String::from("failed: ") + &describe(&e),
    };
    record(marker, shim.name, outcome)
}

/// A promise that resolves once every asynchronous probe that [`install`] started on `global`
/// has settled and its shim is applied or not (at once where none was started). A report made
/// after that has no [`ShimStatus::Pending`] entry.
pub fn settled(global: &JsValue) -> js_sys::Promise {
    settled_then(global, None)
}

/// [`settled`], resolving to what `then()` returns.
pub(crate) fn settled_then(global: &JsValue, then: Option<&js_sys::Function>) -> js_sys::Promise {
    let key = js_sys::Symbol::for_("wasm-rtc.shim.applied");
    settled_record(
        &js_sys::Reflect::get(global, &key).unwrap_or(JsValue::UNDEFINED),
        then,
    )
}

/// [`install`], then waits for its asynchronous probes ([`settled`]) and reports what they
/// found: no entry of the report is [`ShimStatus::Pending`].
///
/// ```no_run
/// # async fn f() {
/// let report = wasm_rtc::shim::install_settled(&js_sys::global(), &Default::default()).await;
/// assert!(report.shims.iter().all(|e| e.status != wasm_rtc::shim::ShimStatus::Pending));
/// # }
/// ```
#[cfg(feature = "wrappers")]
pub async fn install_settled(global: &JsValue, options: &ShimOptions) -> ShimReport {
    install(global, options);
    // `settled` never rejects: a probe that fails is a shim not needed.
    let _ = wasm_bindgen_futures::JsFuture::from(settled(global)).await;
    install(global, options)
}

/// Installs the shims `options` enable on `global` (normally `window`; a fake window in tests)
/// and reports what each did. Idempotent.
///
/// ```no_run
/// let report = wasm_rtc::shim::install(&js_sys::global(), &Default::default());
/// for entry in &report.shims {
///     web_sys::console::log_1(&format!("{}: {:?}", entry.name, entry.status).into());
/// }
/// ```
pub fn install(global: &JsValue, options: &ShimOptions) -> ShimReport {
    let scope = Scope::new(global);
    let marker = match applied_marker(global) {
        Ok(marker) => marker,
        Err(error) => {
            // Nothing is patched where a second install could not tell what the first did.
            let why = describe(&error);
            let shims = SHIMS
                .iter()
                .map(|shim| ShimEntry {
                    name: shim.name.to_owned(),
                    status: if (shim.enabled)(options) {
                        ShimStatus::Failed
                    } else {
                        ShimStatus::Disabled
                    },
                    detail: (shim.enabled)(options).then(|| why.clone()),
                })
                .collect();
            return ShimReport { shims };
        }
    };
    let shims = SHIMS
        .iter()
        .map(|shim| {
            let (status, detail) = if !(shim.enabled)(options) {
                (ShimStatus::Disabled, None)
            } else if let Some(outcome) = get(&marker, shim.name).and_then(|v| v.as_string()) {
                // Not probed again: some probes construct a connection.
                recorded(&outcome)
            } else {
                match (shim.need)(&scope) {
                    Need::Unavailable => (ShimStatus::Unavailable, None),
                    Need::NotNeeded => record(&marker, shim.name, String::from("not-needed")),
                    Need::Needed => apply_and_record(shim, &scope, &marker),
                    Need::Probe(probe) => {
                        when_probed(&marker, shim.name, &probe);
                        record(&marker, shim.name, String::from("pending"))
                    }
                }
            };
            ShimEntry {
                name: shim.name.to_owned(),
                status,
                detail,
            }
        })
        .collect();
    if let Some(pc) = scope.probe_connection_made() {
        close_probe_connection(&pc);
    }
    ShimReport { shims }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn javascript_names_are_the_serde_names() {
        let mut options = ShimOptions::default();
        let defaults = serde_json::to_value(&options).unwrap();
        let serde_names: Vec<&String> = defaults.as_object().unwrap().keys().collect();
        let ours: Vec<(&str, bool)> = options
            .by_name()
            .iter()
            .map(|(name, value)| (*name, **value))
            .collect();
        assert_eq!(ours.len(), serde_names.len());
        for (name, value) in &ours {
            assert_eq!(defaults[*name], serde_json::Value::Bool(*value), "{name}");
        }
        // Each name reaches its own field.
        for index in 0..ours.len() {
            let mut flipped = ShimOptions::default();
            let (name, value) = &mut flipped.by_name()[index];
            let name = *name;
            **value = !**value;
            let json = serde_json::to_value(&flipped).unwrap();
            for (other, value) in defaults.as_object().unwrap() {
                assert_eq!(json[other] != *value, other == name, "{name} / {other}");
            }
        }
        for status in [
            ShimStatus::Applied,
            ShimStatus::NotNeeded,
            ShimStatus::Disabled,
            ShimStatus::Unavailable,
            ShimStatus::Failed,
        ] {
            assert_eq!(serde_json::to_value(status).unwrap(), status.as_str());
        }
    }
}

//! The few bindings web-sys lacks, or has without `catch` for methods that throw.
//!
//! A JavaScript exception that crosses a binding without `catch` unwinds through wasm and leaves
//! Rust state half-updated, so every call here that the spec lets throw is declared with `catch`.
//! Attributes a browser may not have are read as `Option`s (an absent attribute reads `undefined`).

use crate::prelude::*;
use js_sys::Promise;
use wasm_bindgen::prelude::*;
use web_sys::{RtcCertificate, RtcDataChannel, RtcPeerConnection, RtcPeerConnectionIceEvent};

#[cfg(feature = "wrappers")]
#[wasm_bindgen(module = "/src/shim/patches.js")]
extern "C" {
    /// The legacy `offerToReceiveAudio/Video` option for one kind, applied the way the spec's
    /// legacy section says (the translation the `offerToReceive` shim applies too): `pc`'s
    /// transceivers of `kind` receive (or stop receiving), and a `recvonly` one is added when
    /// none can; `undefined` changes nothing.
    #[wasm_bindgen(js_name = offerToReceiveKind, catch)]
    pub fn offer_to_receive_kind(
        pc: &JsValue,
        kind: &str,
        receive: Option<bool>,
    ) -> Result<(), JsValue>;

    /// The bytes of a `message` event's binary data (a copy in wasm memory), or `None` when the
    /// data is text: one step out of WebAssembly per binary message, where reading `data`, its
    /// type, a view, its length and then copying took five. Data that is neither text nor a
    /// buffer (a `Blob`) gives no bytes. Throws (a `TypeError`) for a buffer that an earlier
    /// listener transferred away (detached).
    #[wasm_bindgen(js_name = messageBytes, catch)]
    pub fn message_bytes(event: &web_sys::Event) -> Result<Option<Vec<u8>>, JsValue>;

    /// A `message` event's data if it is text.
    #[wasm_bindgen(js_name = messageText)]
    pub fn message_text(event: &web_sys::Event) -> Option<String>;

    /// The npm helper `sendWithBackpressure`'s path that need not wait: `channel.send(data)`
    /// if the channel is open, its `bufferedAmount` below `options.high` (`default_high` when
    /// `options` is `undefined` or `null`) and `options` plainly valid (`true`); else nothing
    /// (`false`: the caller checks, waits and sends). Throws what `send` throws.
    #[wasm_bindgen(js_name = sendIfRoom, catch)]
    pub fn send_if_room(
        channel: &RtcDataChannel,
        data: &JsValue,
        options: &JsValue,
        default_high: u32,
    ) -> Result<bool, JsValue>;
}

#[wasm_bindgen]
extern "C" {
    /// `RTCPeerConnection` with the members web-sys lacks; derefs to web-sys's type.
    #[wasm_bindgen(extends = RtcPeerConnection, extends = web_sys::EventTarget, js_name = RTCPeerConnection)]
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub type PeerConnectionExt;

    /// `RTCDataChannel` with the members web-sys lacks; derefs to web-sys's type.
    #[wasm_bindgen(extends = RtcDataChannel, extends = web_sys::EventTarget, js_name = RTCDataChannel)]
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub type DataChannelExt;

    /// `RTCCertificate` with `getFingerprints`.
    #[wasm_bindgen(extends = RtcCertificate, js_name = RTCCertificate)]
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub type CertificateExt;

    /// `RTCPeerConnectionIceEvent` whose `candidate` may be `null`.
    #[wasm_bindgen(extends = RtcPeerConnectionIceEvent, js_name = RTCPeerConnectionIceEvent)]
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub type IceEventExt;

    /// `RTCSctpTransport`: the SCTP association that carries data channels.
    #[wasm_bindgen(extends = web_sys::EventTarget, js_name = RTCSctpTransport)]
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub type RtcSctpTransport;

    #[wasm_bindgen(method, getter = maxMessageSize)]
    pub fn max_message_size(this: &RtcSctpTransport) -> Option<f64>;

    #[wasm_bindgen(method, getter = maxChannels)]
    pub fn max_channels(this: &RtcSctpTransport) -> Option<u16>;

    #[wasm_bindgen(method, getter)]
    pub fn state(this: &RtcSctpTransport) -> Option<String>;

    /// `RTCPeerConnection.sctp`: `None` before negotiation or where the browser lacks it.
    #[wasm_bindgen(method, getter)]
    pub fn sctp(this: &PeerConnectionExt) -> Option<RtcSctpTransport>;

    /// Parameterless `setLocalDescription()`: the browser creates the offer or answer itself.
    #[wasm_bindgen(method, catch, js_name = setLocalDescription)]
    pub fn set_local_description_implicit(this: &PeerConnectionExt) -> Result<Promise, JsValue>;

    /// `setLocalDescription(description)` for any description dictionary, rollback included.
    #[wasm_bindgen(method, catch, js_name = setLocalDescription)]
    pub fn set_local_description_with(
        this: &PeerConnectionExt,
        description: &JsValue,
    ) -> Result<Promise, JsValue>;

    /// `setRemoteDescription(description)`.
    #[wasm_bindgen(method, catch, js_name = setRemoteDescription)]
    pub fn set_remote_description_with(
        this: &PeerConnectionExt,
        description: &JsValue,
    ) -> Result<Promise, JsValue>;

    /// `addIceCandidate(candidate)`; `undefined` means end-of-candidates.
    #[wasm_bindgen(method, catch, js_name = addIceCandidate)]
    pub fn add_ice_candidate_with(
        this: &PeerConnectionExt,
        candidate: &JsValue,
    ) -> Result<Promise, JsValue>;

    /// `createOffer(options)`.
    #[wasm_bindgen(method, catch, js_name = createOffer)]
    pub fn create_offer_with(
        this: &PeerConnectionExt,
        options: &JsValue,
    ) -> Result<Promise, JsValue>;

    /// `createAnswer()`.
    #[wasm_bindgen(method, catch, js_name = createAnswer)]
    pub fn create_answer_checked(this: &PeerConnectionExt) -> Result<Promise, JsValue>;

    /// `restartIce()`; throws `TypeError` where the browser lacks it (it is then `undefined`).
    #[wasm_bindgen(method, catch, js_name = restartIce)]
    pub fn restart_ice(this: &PeerConnectionExt) -> Result<(), JsValue>;

    /// `createDataChannel(label, init)`, which throws for invalid options or a closed connection.
    #[wasm_bindgen(method, catch, js_name = createDataChannel)]
    pub fn create_data_channel_checked(
        this: &PeerConnectionExt,
        label: &str,
        init: &JsValue,
    ) -> Result<RtcDataChannel, JsValue>;

    /// `getConfiguration()`.
    #[wasm_bindgen(method, catch, js_name = getConfiguration)]
    pub fn get_configuration_checked(this: &PeerConnectionExt) -> Result<JsValue, JsValue>;

    /// `setConfiguration(configuration)`.
    #[wasm_bindgen(method, catch, js_name = setConfiguration)]
    pub fn set_configuration_checked(
        this: &PeerConnectionExt,
        configuration: &JsValue,
    ) -> Result<(), JsValue>;

    /// `new RTCPeerConnection(configuration)`.
    #[wasm_bindgen(catch, constructor, js_class = RTCPeerConnection)]
    pub fn new(configuration: &JsValue) -> Result<PeerConnectionExt, JsValue>;

    /// `RTCPeerConnection.generateCertificate(keygenAlgorithm)`.
    #[wasm_bindgen(catch, static_method_of = PeerConnectionExt, js_class = RTCPeerConnection, js_name = generateCertificate)]
    pub fn generate_certificate(algorithm: &JsValue) -> Result<Promise, JsValue>;

    /// `RTCDataChannel.ordered`.
    #[wasm_bindgen(method, getter)]
    pub fn ordered(this: &DataChannelExt) -> bool;

    /// `RTCDataChannel.protocol`.
    #[wasm_bindgen(method, getter)]
    pub fn protocol(this: &DataChannelExt) -> String;

    /// `RTCDataChannel.negotiated`.
    #[wasm_bindgen(method, getter)]
    pub fn negotiated(this: &DataChannelExt) -> bool;

    /// `RTCDataChannel.bufferedAmount`, as a double: it can pass 4 GiB in principle.
    #[wasm_bindgen(method, getter = bufferedAmount)]
    pub fn buffered_amount_f64(this: &DataChannelExt) -> f64;

    /// `RTCDataChannel.send(string)`.
    #[wasm_bindgen(method, catch, js_name = send)]
    pub fn send_str(this: &DataChannelExt, data: &str) -> Result<(), JsValue>;

    /// `RTCDataChannel.send(Uint8Array)`; the bytes are copied into a JavaScript view once.
    #[wasm_bindgen(method, catch, js_name = send)]
    pub fn send_bytes(this: &DataChannelExt, data: &[u8]) -> Result<(), JsValue>;

    /// `RTCCertificate.getFingerprints()`; throws `TypeError` where the browser lacks it.
    #[wasm_bindgen(method, catch, js_name = getFingerprints)]
    pub fn get_fingerprints(this: &CertificateExt) -> Result<js_sys::Array, JsValue>;

    /// `RTCPeerConnectionIceEvent.candidate`, which is `null` at end-of-candidates.
    #[wasm_bindgen(method, getter, js_name = candidate)]
    pub fn event_candidate(this: &IceEventExt) -> Option<web_sys::RtcIceCandidate>;
}

/// Calls `target[method](...args)`, catching what it throws.
///
/// For methods web-sys binds without `catch`, or that a browser may lack: a missing method is
/// [`Error::Unsupported`](crate::Error::Unsupported) named `"{interface}.{method}"`.
pub fn call(
    target: &JsValue,
    interface: &str,
    method: &str,
    args: &[JsValue],
) -> Result<JsValue, crate::Error> {
    let function = js_sys::Reflect::get(target, &JsValue::from_str(method))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .ok_or_else(|| {
            let mut feature = String::from(interface);
            feature.push('.');
            feature.push_str(method);
            crate::Error::unsupported(feature)
        })?;
    let args: js_sys::Array = args.iter().collect();
    Ok(js_sys::Reflect::apply(&function, target, &args)?)
}

/// Whether a native `RTCPeerConnection` is closed (`signalingState` is `"closed"`): for code that
/// holds the raw connection rather than a [`PeerConnection`](crate::PeerConnection).
#[cfg(feature = "wrappers")]
pub fn is_closed(pc: &JsValue) -> bool {
    crate::attribute::string_attribute(pc, "signalingState").as_deref() == Some("closed")
}

/// Like [`call`], for a method that returns a promise: awaits it.
#[cfg(feature = "wrappers")]
pub async fn call_async(
    target: &JsValue,
    interface: &str,
    method: &str,
    args: &[JsValue],
) -> Result<JsValue, crate::Error> {
    let promise = call(target, interface, method, args)?;
    Ok(wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&promise)).await?)
}

#[wasm_bindgen]
extern "C" {
    /// The `RTCIceCandidateInit` dictionary `addIceCandidate` takes (web-sys's lacks
    /// `usernameFragment`), built on a new `Object` by setters that name each member in the
    /// glue: serde made each member's name a JavaScript string again for every candidate.
    pub type CandidateInit;

    #[wasm_bindgen(method, setter = candidate)]
    pub fn set_candidate(this: &CandidateInit, value: &str);

    #[wasm_bindgen(method, setter = sdpMid)]
    pub fn set_sdp_mid(this: &CandidateInit, value: &str);

    #[wasm_bindgen(method, setter = sdpMLineIndex)]
    pub fn set_sdp_m_line_index(this: &CandidateInit, value: u16);

    #[wasm_bindgen(method, setter = usernameFragment)]
    pub fn set_username_fragment(this: &CandidateInit, value: &str);

    /// `EventTarget` with `addEventListener` and `removeEventListener` taking the type as a
    /// JavaScript string made once (`attribute::with_name`), where web-sys's take a `&str` and
    /// make it one on every call.
    #[wasm_bindgen(extends = web_sys::EventTarget, js_name = EventTarget)]
    pub type EventTargetExt;

    /// `addEventListener(type, listener)`; throws only for a listener that is not callable.
    #[wasm_bindgen(method, catch, js_name = addEventListener)]
    pub fn add_listener(
        this: &EventTargetExt,
        kind: &JsValue,
        listener: &js_sys::Function,
    ) -> Result<(), JsValue>;

    /// `removeEventListener(type, listener)`.
    #[wasm_bindgen(method, catch, js_name = removeEventListener)]
    pub fn remove_listener(
        this: &EventTargetExt,
        kind: &JsValue,
        listener: &js_sys::Function,
    ) -> Result<(), JsValue>;
}

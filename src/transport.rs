//! The transports under a connection: [`SctpTransport`] (data channels), [`DtlsTransport`]
//! (encryption) and [`IceTransport`] (the network path), where the browser exposes them.

use wasm_bindgen::{JsCast, JsValue};

use crate::attribute;
use crate::candidate::IceCandidate;
use crate::enums::{
    DtlsTransportState, IceGatheringState, IceRole, IceTransportState, SctpTransportState,
};
use crate::error::Error;
use crate::event::{Emit, EventStream};
use crate::owner::Owner;
use crate::rtp::{RtpReceiver, RtpSender};
use crate::sys;

/// Reads `object[member]` as an object, telling "the browser lacks this member" (Unsupported)
/// apart from "not there yet" (`None`).
fn object_member(
    object: &JsValue,
    interface: &str,
    member: &str,
) -> Result<Option<JsValue>, Error> {
    if !js_sys::Reflect::has(object, &JsValue::from_str(member)).unwrap_or(false) {
        return Err(Error::unsupported(format!("{interface}.{member}")));
    }
    Ok(js_sys::Reflect::get(object, &JsValue::from_str(member))?)
        .map(|v: JsValue| v.is_object().then_some(v))
}

/// Reads an attribute a browser may lack: [`Error::Unsupported`] when it does.
fn attribute(object: &JsValue, interface: &str, member: &str) -> Result<JsValue, Error> {
    if !js_sys::Reflect::has(object, &JsValue::from_str(member)).unwrap_or(false) {
        return Err(Error::unsupported(format!("{interface}.{member}")));
    }
    Ok(js_sys::Reflect::get(object, &JsValue::from_str(member))?)
}

/// The states after each `statechange`, ending with the first one `is_final` accepts (no event
/// ever follows it), or when the connection closes.
fn state_stream<T: 'static>(
    raw: &JsValue,
    owner: &Owner,
    read: impl Fn() -> Option<T> + 'static,
    is_final: fn(&T) -> bool,
) -> EventStream<Option<T>> {
    owner.bound(
        EventStream::new().on(raw.unchecked_ref(), "statechange", move |_| match read() {
            Some(state) if is_final(&state) => Emit::Last(Some(state)),
            state => Emit::Item(state),
        }),
    )
}

/// `RTCSctpTransport`: the SCTP association that carries a connection's data channels. A
/// handle, equal when it is the same native transport.
#[derive(Debug, Clone)]
pub struct SctpTransport {
    raw: sys::RtcSctpTransport,
    owner: Owner,
}

impl SctpTransport {
    /// `pc.sctp` of the connection `owner` stands for (`None` before data channels are
    /// negotiated); [`Error::Unsupported`] where the browser lacks the attribute.
    pub(crate) fn of_connection(pc: &JsValue, owner: Owner) -> Result<Option<Self>, Error> {
        Ok(
            object_member(pc, "RTCPeerConnection", "sctp")?.map(|raw| SctpTransport {
                raw: raw.unchecked_into(),
                owner,
            }),
        )
    }
}

impl PartialEq for SctpTransport {
    fn eq(&self, other: &Self) -> bool {
        self.raw == other.raw
    }
}

impl Eq for SctpTransport {}

impl SctpTransport {
    /// `state`.
    pub fn state(&self) -> Option<SctpTransportState> {
        attribute::string_attribute(&self.raw, "state")
            .and_then(|state| SctpTransportState::from_spec(&state))
    }

    /// `maxMessageSize`: the largest message a data channel can send, in bytes.
    pub fn max_message_size(&self) -> Option<f64> {
        self.raw.max_message_size()
    }

    /// `maxChannels`: how many data channels can be open at once (`None` until connected; Firefox
    /// declares it but leaves it `null`, so `None` there even when connected).
    /// [`Error::Unsupported`] where the browser lacks it.
    pub fn max_channels(&self) -> Result<Option<u16>, Error> {
        Ok(attribute(&self.raw, "RTCSctpTransport", "maxChannels")?
            .as_f64()
            .map(|n| n as u16))
    }

    /// `transport`: the DTLS transport it runs over.
    pub fn transport(&self) -> Result<Option<DtlsTransport>, Error> {
        Ok(object_member(&self.raw, "RTCSctpTransport", "transport")?
            .map(|raw| DtlsTransport::wrap(raw, self.owner.clone())))
    }

    /// The new `state` after each `statechange`, from now on; it ends after `Closed`, and when
    /// the connection closes or its last handle is dropped (which fire no event).
    pub fn state_changes(&self) -> EventStream<Option<SctpTransportState>> {
        let this = self.clone();
        state_stream(
            &self.raw,
            &self.owner,
            move || this.state(),
            |s| *s == SctpTransportState::Closed,
        )
    }

    /// The browser's `RTCSctpTransport`.
    pub fn as_raw(&self) -> &JsValue {
        &self.raw
    }
}

/// `RTCDtlsTransport`: the encryption layer of a connection's RTP and SCTP. A handle, equal
/// when it is the same native transport.
#[derive(Debug, Clone)]
pub struct DtlsTransport {
    raw: JsValue,
    owner: Owner,
}

impl PartialEq for DtlsTransport {
    fn eq(&self, other: &Self) -> bool {
        self.raw == other.raw
    }
}

impl DtlsTransport {
    /// A DTLS transport reached through `owner`'s connection.
    pub(crate) fn wrap(raw: JsValue, owner: Owner) -> Self {
        DtlsTransport { raw, owner }
    }

    /// `state`.
    pub fn state(&self) -> Option<DtlsTransportState> {
        attribute::string_attribute(&self.raw, "state")
            .and_then(|state| DtlsTransportState::from_spec(&state))
    }

    /// `getRemoteCertificates()`: the remote peer's certificate chain, DER-encoded.
    /// [`Error::Unsupported`] where the browser lacks it.
    pub fn get_remote_certificates(&self) -> Result<Vec<Vec<u8>>, Error> {
        let list = sys::call(&self.raw, "RTCDtlsTransport", "getRemoteCertificates", &[])?;
        let list: js_sys::Array = list
            .dyn_into()
            .map_err(|_| Error::Operation("getRemoteCertificates returned no list".into()))?;
        Ok(list
            .iter()
            .map(|der| js_sys::Uint8Array::new(&der).to_vec())
            .collect())
    }

    /// `iceTransport`. [`Error::Unsupported`] where the browser lacks it.
    pub fn ice_transport(&self) -> Result<IceTransport, Error> {
        object_member(&self.raw, "RTCDtlsTransport", "iceTransport")?
            .map(|raw| IceTransport {
                raw,
                owner: self.owner.clone(),
            })
            .ok_or_else(|| Error::unsupported("RTCDtlsTransport.iceTransport"))
    }

    /// The new `state` after each `statechange`, from now on; it ends after `Closed` or
    /// `Failed`, which no state follows, and when the connection closes or its last handle is
    /// dropped (which fire no event).
    pub fn state_changes(&self) -> EventStream<Option<DtlsTransportState>> {
        let this = self.clone();
        state_stream(
            &self.raw,
            &self.owner,
            move || this.state(),
            |s| matches!(s, DtlsTransportState::Closed | DtlsTransportState::Failed),
        )
    }

    /// The browser's `RTCDtlsTransport`.
    pub fn as_raw(&self) -> &JsValue {
        &self.raw
    }
}

/// `RTCIceCandidatePair`: the local and remote candidates in use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IceCandidatePair {
    /// This side's candidate.
    pub local: IceCandidate,
    /// The other side's candidate.
    pub remote: IceCandidate,
}

/// `RTCIceTransport`: the network path a connection's packets take. A handle, equal when it is
/// the same native transport.
#[derive(Debug, Clone)]
pub struct IceTransport {
    raw: JsValue,
    owner: Owner,
}

impl PartialEq for IceTransport {
    fn eq(&self, other: &Self) -> bool {
        self.raw == other.raw
    }
}

impl IceTransport {
    /// `state`.
    pub fn state(&self) -> Option<IceTransportState> {
        attribute::string_attribute(&self.raw, "state")
            .and_then(|state| IceTransportState::from_spec(&state))
    }

    /// `gatheringState`.
    pub fn gathering_state(&self) -> Option<IceGatheringState> {
        attribute::string_attribute(&self.raw, "gatheringState")
            .map(|s| IceGatheringState::parse(&s))
    }

    /// `role`. [`Error::Unsupported`] where the browser lacks it, or reports `null` (Chrome
    /// declares the attribute but does not fill it in).
    pub fn role(&self) -> Result<IceRole, Error> {
        let role = attribute(&self.raw, "RTCIceTransport", "role")?;
        if role.is_null() {
            return Err(Error::unsupported("RTCIceTransport.role"));
        }
        Ok(role
            .as_string()
            .and_then(|role| IceRole::from_spec(&role))
            .unwrap_or(IceRole::Unknown))
    }

    /// `getSelectedCandidatePair()`: the pair in use, if any. [`Error::Unsupported`] where the
    /// browser lacks it.
    pub fn get_selected_candidate_pair(&self) -> Result<Option<IceCandidatePair>, Error> {
        let pair = sys::call(
            &self.raw,
            "RTCIceTransport",
            "getSelectedCandidatePair",
            &[],
        )?;
        if !pair.is_object() {
            return Ok(None);
        }
        let side =
            |name: &'static str| attribute::member(&pair, name).map(|c| IceCandidate::read(&c));
        Ok(Some(IceCandidatePair {
            local: side("local")?,
            remote: side("remote")?,
        }))
    }

    /// `getLocalCandidates()`. [`Error::Unsupported`] where the browser lacks it.
    pub fn get_local_candidates(&self) -> Result<Vec<IceCandidate>, Error> {
        self.candidates("getLocalCandidates")
    }

    /// `getRemoteCandidates()`. [`Error::Unsupported`] where the browser lacks it (Firefox).
    /// Chrome has it but returns an empty list for a connection's transport
    /// ([w3c/webrtc-pc#3119](https://github.com/w3c/webrtc-pc/issues/3119)): the remote candidate
    /// in use is in [`selected_candidate_pair`](Self::selected_candidate_pair), and remote
    /// candidates are in the stats (`remote-candidate`).
    pub fn get_remote_candidates(&self) -> Result<Vec<IceCandidate>, Error> {
        self.candidates("getRemoteCandidates")
    }

    fn candidates(&self, method: &str) -> Result<Vec<IceCandidate>, Error> {
        let list = sys::call(&self.raw, "RTCIceTransport", method, &[])?;
        let list: js_sys::Array = list
            .dyn_into()
            .map_err(|_| Error::Operation(format!("{method} returned no list")))?;
        Ok(list.iter().map(|c| IceCandidate::read(&c)).collect())
    }

    /// The new `state` after each `statechange`, from now on; it ends after `Closed` (`Failed`
    /// may still recover with an ICE restart), and when the connection closes or its last
    /// handle is dropped (which fire no event).
    pub fn state_changes(&self) -> EventStream<Option<IceTransportState>> {
        let this = self.clone();
        state_stream(
            &self.raw,
            &self.owner,
            move || this.state(),
            |s| *s == IceTransportState::Closed,
        )
    }

    /// One `()` per `selectedcandidatepairchange`, from now on; it ends when the connection
    /// closes or its last handle is dropped.
    pub fn selected_candidate_pair_changes(&self) -> EventStream<()> {
        self.owner.bound(EventStream::new().on(
            self.raw.unchecked_ref(),
            "selectedcandidatepairchange",
            |_| Emit::Item(()),
        ))
    }

    /// The browser's `RTCIceTransport`.
    pub fn as_raw(&self) -> &JsValue {
        &self.raw
    }
}

impl RtpSender {
    /// `transport`: the DTLS transport this sender's packets go over (`None` before
    /// negotiation). [`Error::Unsupported`] where the browser lacks the attribute.
    pub fn transport(&self) -> Result<Option<DtlsTransport>, Error> {
        Ok(object_member(self.as_raw(), "RTCRtpSender", "transport")?
            .map(|raw| DtlsTransport::wrap(raw, self.owner().clone())))
    }
}

impl RtpReceiver {
    /// `transport`: the DTLS transport this receiver's packets come over (`None` before
    /// negotiation). [`Error::Unsupported`] where the browser lacks the attribute.
    pub fn transport(&self) -> Result<Option<DtlsTransport>, Error> {
        Ok(object_member(self.as_raw(), "RTCRtpReceiver", "transport")?
            .map(|raw| DtlsTransport::wrap(raw, self.owner().clone())))
    }
}

//! Serde types for the dictionaries of the WebRTC API: [`Configuration`] and [`IceServer`],
//! [`SessionDescription`], [`DataChannelOptions`] and [`OfferOptions`].
//!
//! Field names are the spec's, camelCase on the wire, so these serialize to exactly the
//! dictionaries MDN documents and can be sent over any signaling channel as JSON.

use std::fmt;

use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use crate::certificate::Certificate;
use crate::convert::{from_js, to_js};
use crate::enums::{BundlePolicy, IceTransportPolicy, RtcpMuxPolicy, SdpType};
use crate::error::Error;

/// `RTCConfiguration`: how a [`PeerConnection`](crate::PeerConnection) finds its peer.
///
/// ```
/// use wasm_rtc::{Configuration, IceServer, IceTransportPolicy};
/// let config = Configuration::new()
///     .ice_server(IceServer::new("stun:stun.example.org"))
///     .ice_server(IceServer::new(["turn:turn.example.org?transport=udp", "turns:turn.example.org"])
///         .credentials("user", "secret"))
///     .ice_transport_policy(IceTransportPolicy::Relay);
/// assert!(!format!("{config:?}").contains("secret"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Configuration {
    /// STUN and TURN servers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ice_servers: Vec<IceServer>,
    /// Which candidates may be used: all, or relay only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ice_transport_policy: Option<IceTransportPolicy>,
    /// How media is bundled on transports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bundle_policy: Option<BundlePolicy>,
    /// Whether RTCP is multiplexed with RTP.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rtcp_mux_policy: Option<RtcpMuxPolicy>,
    /// DTLS certificates to use instead of freshly generated ones (see
    /// [`PeerConnection::generate_certificate`](crate::PeerConnection::generate_certificate)).
    #[serde(skip)]
    pub certificates: Vec<Certificate>,
    /// How many ICE candidates to gather before `setLocalDescription` (0–255).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ice_candidate_pool_size: Option<u8>,
}

impl Configuration {
    /// An empty configuration: host candidates only, browser defaults for every policy.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds an ICE server.
    pub fn ice_server(mut self, server: IceServer) -> Self {
        self.ice_servers.push(server);
        self
    }

    /// Sets `iceTransportPolicy`.
    pub fn ice_transport_policy(mut self, policy: IceTransportPolicy) -> Self {
        self.ice_transport_policy = Some(policy);
        self
    }

    /// Sets `bundlePolicy`.
    pub fn bundle_policy(mut self, policy: BundlePolicy) -> Self {
        self.bundle_policy = Some(policy);
        self
    }

    /// Sets `rtcpMuxPolicy`.
    pub fn rtcp_mux_policy(mut self, policy: RtcpMuxPolicy) -> Self {
        self.rtcp_mux_policy = Some(policy);
        self
    }

    /// Adds a DTLS certificate.
    pub fn certificate(mut self, certificate: Certificate) -> Self {
        self.certificates.push(certificate);
        self
    }

    /// Sets `iceCandidatePoolSize`.
    pub fn ice_candidate_pool_size(mut self, size: u8) -> Self {
        self.ice_candidate_pool_size = Some(size);
        self
    }

    /// The `RTCConfiguration` object to hand to the browser.
    pub(crate) fn to_js(&self) -> Result<JsValue, Error> {
        let value = to_js(self)?;
        if !self.certificates.is_empty() {
            let list: js_sys::Array = self
                .certificates
                .iter()
                .map(|c| JsValue::from(c.as_raw().clone()))
                .collect();
            js_sys::Reflect::set(&value, &"certificates".into(), &list)?;
        }
        Ok(value)
    }

    /// Reads a configuration back from the browser's `getConfiguration()`.
    pub(crate) fn from_js(value: &JsValue) -> Result<Self, Error> {
        let mut config: Configuration = from_js(value)?;
        if let Ok(list) = js_sys::Reflect::get(value, &"certificates".into()) {
            if let Ok(list) = list.dyn_into::<js_sys::Array>() {
                config.certificates = list
                    .iter()
                    .map(|c| Certificate::from(c.unchecked_into::<web_sys::RtcCertificate>()))
                    .collect();
            }
        }
        Ok(config)
    }
}

use wasm_bindgen::JsCast;

/// `RTCIceServer`: one STUN or TURN server, reachable at one or more URLs.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IceServer {
    /// The server's URLs: `stun:`, `stuns:`, `turn:` or `turns:`.
    pub urls: Urls,
    /// The TURN username.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// The TURN credential. Redacted in `Debug` output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credential: Option<String>,
}

impl IceServer {
    /// A server at one URL (`"stun:host:port"`) or several (`["turn:a", "turns:b"]`).
    pub fn new(urls: impl Into<Urls>) -> Self {
        IceServer {
            urls: urls.into(),
            username: None,
            credential: None,
        }
    }

    /// Sets the TURN username and credential.
    pub fn credentials(
        mut self,
        username: impl Into<String>,
        credential: impl Into<String>,
    ) -> Self {
        self.username = Some(username.into());
        self.credential = Some(credential.into());
        self
    }
}

impl fmt::Debug for IceServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IceServer")
            .field("urls", &self.urls)
            .field("username", &self.username)
            .field(
                "credential",
                &self.credential.as_ref().map(|_| "<redacted>"),
            )
            .finish()
    }
}

/// `RTCIceServer.urls`: one URL or a list, as the spec allows both.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Urls {
    /// A single URL.
    One(String),
    /// Several URLs for the same server.
    Many(Vec<String>),
}

impl Default for Urls {
    fn default() -> Self {
        Urls::Many(Vec::new())
    }
}

impl Urls {
    /// The URLs as a list.
    pub fn to_vec(&self) -> Vec<String> {
        match self {
            Urls::One(u) => vec![u.clone()],
            Urls::Many(v) => v.clone(),
        }
    }
}

impl From<&str> for Urls {
    fn from(url: &str) -> Self {
        Urls::One(url.to_owned())
    }
}

impl From<String> for Urls {
    fn from(url: String) -> Self {
        Urls::One(url)
    }
}

impl<const N: usize> From<[&str; N]> for Urls {
    fn from(urls: [&str; N]) -> Self {
        Urls::Many(urls.iter().map(|u| (*u).to_owned()).collect())
    }
}

impl From<Vec<String>> for Urls {
    fn from(urls: Vec<String>) -> Self {
        Urls::Many(urls)
    }
}

/// `RTCSessionDescriptionInit`: an offer, answer or rollback and its SDP.
///
/// Serializes as `{"type": "offer", "sdp": "v=0…"}`, exactly the JSON of the browser's
/// `RTCSessionDescription`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionDescription {
    /// The description's type.
    #[serde(rename = "type")]
    pub kind: SdpType,
    /// The SDP text (empty for a rollback).
    #[serde(default)]
    pub sdp: String,
}

impl SessionDescription {
    /// A description of `kind` with `sdp`.
    pub fn new(kind: SdpType, sdp: impl Into<String>) -> Self {
        SessionDescription {
            kind,
            sdp: sdp.into(),
        }
    }

    /// The rollback description: back to `stable`, undoing the pending offer.
    pub fn rollback() -> Self {
        SessionDescription {
            kind: SdpType::Rollback,
            sdp: String::new(),
        }
    }
}

/// `RTCDataChannelInit`: how a data channel delivers messages.
///
/// ```
/// use wasm_rtc::DataChannelOptions;
/// let unreliable = DataChannelOptions::new().ordered(false).max_retransmits(0);
/// let negotiated = DataChannelOptions::new().negotiated(7);
/// assert!(unreliable.validate().is_ok() && negotiated.validate().is_ok());
/// assert!(DataChannelOptions::new().max_retransmits(1).max_packet_life_time(10).validate().is_err());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DataChannelOptions {
    /// Deliver in order (default `true`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ordered: Option<bool>,
    /// Give up retransmitting after this many milliseconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_packet_life_time: Option<u16>,
    /// Give up after this many retransmissions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_retransmits: Option<u16>,
    /// The subprotocol name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub protocol: String,
    /// The channel is set up by the application on both sides with the same `id`, with no
    /// in-band announcement.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub negotiated: bool,
    /// The SCTP stream id (0–65534); required when `negotiated`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<u16>,
}

impl DataChannelOptions {
    /// Reliable, ordered, announced in-band: the browser defaults.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `ordered`.
    pub fn ordered(mut self, ordered: bool) -> Self {
        self.ordered = Some(ordered);
        self
    }

    /// Sets `maxPacketLifeTime` (milliseconds).
    pub fn max_packet_life_time(mut self, ms: u16) -> Self {
        self.max_packet_life_time = Some(ms);
        self
    }

    /// Sets `maxRetransmits`.
    pub fn max_retransmits(mut self, n: u16) -> Self {
        self.max_retransmits = Some(n);
        self
    }

    /// Sets `protocol`.
    pub fn protocol(mut self, protocol: impl Into<String>) -> Self {
        self.protocol = protocol.into();
        self
    }

    /// Makes the channel pre-negotiated on stream `id`; create it on both sides with the same id.
    pub fn negotiated(mut self, id: u16) -> Self {
        self.negotiated = true;
        self.id = Some(id);
        self
    }

    /// Checks what the spec makes `createDataChannel` reject with `TypeError`, so every browser
    /// reports it the same way: both `maxPacketLifeTime` and `maxRetransmits`, an `id` of 65535,
    /// a `negotiated` channel without an `id`, a protocol over 65535 bytes.
    pub fn validate(&self) -> Result<(), Error> {
        if self.max_packet_life_time.is_some() && self.max_retransmits.is_some() {
            return Err(Error::Type(
                "maxPacketLifeTime and maxRetransmits cannot both be set".to_owned(),
            ));
        }
        if self.id == Some(u16::MAX) {
            return Err(Error::Type(
                "data channel id must be between 0 and 65534".to_owned(),
            ));
        }
        if self.negotiated && self.id.is_none() {
            return Err(Error::Type(
                "a negotiated data channel needs an id".to_owned(),
            ));
        }
        if self.protocol.len() > 65535 {
            return Err(Error::Type(
                "protocol is longer than 65535 bytes".to_owned(),
            ));
        }
        Ok(())
    }
}

/// `RTCOfferOptions`, including the legacy `offerToReceiveAudio/Video`.
///
/// The legacy options are applied the way the spec's legacy section says: by adding a
/// `recvonly` transceiver of that kind when none can receive yet.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OfferOptions {
    /// Generate new ICE credentials (an ICE restart).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub ice_restart: bool,
    /// Legacy: offer to receive audio.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offer_to_receive_audio: Option<bool>,
    /// Legacy: offer to receive video.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offer_to_receive_video: Option<bool>,
}

impl OfferOptions {
    /// No options.
    pub fn new() -> Self {
        Self::default()
    }

    /// Requests an ICE restart.
    pub fn ice_restart(mut self) -> Self {
        self.ice_restart = true;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_accept_one_or_many() {
        let one: IceServer = serde_json::from_str(r#"{"urls":"stun:a"}"#).unwrap();
        assert_eq!(one.urls, Urls::One("stun:a".into()));
        let many: IceServer = serde_json::from_str(
            r#"{"urls":["turn:a","turns:b"],"username":"u","credential":"c"}"#,
        )
        .unwrap();
        assert_eq!(
            many.urls.to_vec(),
            vec!["turn:a".to_owned(), "turns:b".to_owned()]
        );
        assert!(!format!("{many:?}").contains("\"c\""));
    }

    #[test]
    fn data_channel_options_validation() {
        assert!(DataChannelOptions::new().validate().is_ok());
        assert!(matches!(
            DataChannelOptions::new()
                .max_retransmits(0)
                .max_packet_life_time(5)
                .validate(),
            Err(Error::Type(_))
        ));
        assert!(matches!(
            DataChannelOptions::new().negotiated(65535).validate(),
            Err(Error::Type(_))
        ));
        let mut no_id = DataChannelOptions::new();
        no_id.negotiated = true;
        assert!(matches!(no_id.validate(), Err(Error::Type(_))));
    }
}

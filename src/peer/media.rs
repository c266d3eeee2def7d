//! Media on a connection: `addTrack`, `removeTrack`, `addTransceiver`, the senders, receivers
//! and transceivers, and the `track` events.

use wasm_bindgen::{JsCast, JsValue};

use super::PeerConnection;
use crate::error::Error;
use crate::event::EventStream;
use crate::media::{MediaStream, MediaStreamTrack};
use crate::rtp::{
    RtpReceiver, RtpSender, RtpTransceiver, TrackEvent, TransceiverInit, TransceiverMedia,
};
use crate::sys;

fn list<T, R: JsCast>(array: js_sys::Array, wrap: impl Fn(R) -> T) -> Vec<T> {
    array.iter().map(|v| wrap(v.unchecked_into())).collect()
}

/// Media on a connection.
impl PeerConnection {
    /// `addTrack(track, ...streams)`: sends `track`; the remote side sees it in `streams` (none
    /// is fine).
    ///
    /// Errors: [`Error::InvalidAccess`] if the track is already sent; [`Error::Closed`].
    pub fn add_track(
        &self,
        track: &MediaStreamTrack,
        streams: &[&MediaStream],
    ) -> Result<RtpSender, Error> {
        self.check_open()?;
        let mut args: Vec<JsValue> = vec![track.as_raw().into()];
        args.extend(streams.iter().map(|s| JsValue::from(s.as_raw())));
        let sender = sys::call(self.as_raw(), "RTCPeerConnection", "addTrack", &args)?;
        self.inner.sent.set(&sender, Some(track));
        Ok(RtpSender::owned(sender.unchecked_into(), self.owner()))
    }

    /// `removeTrack(sender)`: stops sending; the remote track ends after renegotiation.
    pub fn remove_track(&self, sender: &RtpSender) -> Result<(), Error> {
        self.check_open()?;
        sys::call(
            self.as_raw(),
            "RTCPeerConnection",
            "removeTrack",
            &[sender.as_raw().into()],
        )?;
        self.inner.sent.set(sender.as_raw(), None);
        Ok(())
    }

    /// `addTransceiver(trackOrKind, init)`.
    pub fn add_transceiver(
        &self,
        media: &TransceiverMedia,
        init: &TransceiverInit,
    ) -> Result<RtpTransceiver, Error> {
        self.check_open()?;
        let transceiver = sys::call(
            self.as_raw(),
            "RTCPeerConnection",
            "addTransceiver",
            &[media.to_js(), init.to_js()?],
        )?;
        if let TransceiverMedia::Track(track) = media {
            let sender = js_sys::Reflect::get(&transceiver, &JsValue::from_str("sender"))?;
            self.inner.sent.set(&sender, Some(track));
        }
        Ok(RtpTransceiver::owned(
            transceiver.unchecked_into(),
            self.owner(),
        ))
    }

    /// `getSenders()`.
    pub fn get_senders(&self) -> Vec<RtpSender> {
        list(self.as_raw().get_senders(), |raw: web_sys::RtcRtpSender| {
            RtpSender::owned(raw, self.owner())
        })
    }

    /// `getReceivers()`.
    pub fn get_receivers(&self) -> Vec<RtpReceiver> {
        let owner = self.owner();
        list(
            self.as_raw().get_receivers(),
            |raw: web_sys::RtcRtpReceiver| RtpReceiver::owned(raw, &owner),
        )
    }

    /// `getTransceivers()`.
    pub fn get_transceivers(&self) -> Vec<RtpTransceiver> {
        list(
            self.as_raw().get_transceivers(),
            |raw: web_sys::RtcRtpTransceiver| RtpTransceiver::owned(raw, self.owner()),
        )
    }

    /// Remote tracks as they arrive (`track` events), buffered from the connection's creation so
    /// none is missed. All calls share one queue. Ends when the connection closes.
    pub fn track_events(&self) -> EventStream<TrackEvent> {
        self.track_queue()
    }
}

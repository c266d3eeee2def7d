//! What the call pages share: Alice calls Bob, two connections of this tab, Alice sending
//! synthetic media.

use wasm_rtc::{loopback, Configuration, Error, MediaStream, MediaStreamTrack, PeerConnection, RtpSender};

/// A connected loopback call: Alice sends `track` to Bob.
pub struct Call {
    pub alice: PeerConnection,
    pub bob: PeerConnection,
    /// Alice's sender (it holds the track, so the synthetic source keeps going).
    pub sender: RtpSender,
}

impl Call {
    /// Alice sends `track` to Bob, once connected.
    pub async fn connect(track: MediaStreamTrack) -> Result<Call, Error> {
        let config = Configuration::new();
        let (alice, bob) = (PeerConnection::new(&config)?, PeerConnection::new(&config)?);
        let sender = alice.add_track(&track, &[&MediaStream::new(&[&track])?])?;
        loopback::connect(&alice, &bob).await?;
        Ok(Call { alice, bob, sender })
    }
}

impl Drop for Call {
    fn drop(&mut self) {
        self.alice.close();
        self.bob.close();
    }
}

use futures::StreamExt;
use wasm_rtc::synthetic::video_pattern;
use wasm_rtc::{loopback, Configuration, Constraints, Error, MediaDevices, PeerConnection, TrackKind};

/// Starts the call and returns both ends: dropping the last handle of one hangs it up.
async fn call(
    video: &web_sys::HtmlVideoElement,
) -> Result<(PeerConnection, PeerConnection), Error> {
    let config = Configuration::new();
    let (caller, callee) = (PeerConnection::new(&config)?, PeerConnection::new(&config)?);
    // Trickle ICE both ways (one page, no server; over a network, your signaling).
    loopback::trickle(&caller, &callee);
    loopback::trickle(&callee, &caller);

    let local = MediaDevices::get_user_media(&Constraints::audio_video()).await?;
    let mut senders = Vec::new();
    for track in local.get_tracks() {
        senders.push(caller.add_track(&track, &[&local])?);
    }
    loopback::negotiate(&caller, &callee).await?; // offer, answer

    // A track event per remote track (track, streams, receiver, transceiver), buffered from the
    // connection's creation: both tracks are in one remote stream, so the first event's will do.
    let remote = callee.track_events().next().await.ok_or(Error::Closed)?;
    if let Some(stream) = remote.streams.first() {
        stream.attach(video); // srcObject, autoplay, playsinline
    }
    caller.connected().await?;

    let camera = senders.iter().find(|s| s.track().is_some_and(|t| t.kind() == TrackKind::Video));
    if let Some(sender) = camera {
        sender.replace_track(Some(&video_pattern(640, 360, 30)?)).await?;
    }
    Ok((caller, callee))
}

use futures::StreamExt;
use wasm_bindgen_futures::spawn_local;
use wasm_rtc::synthetic::video_pattern;
use wasm_rtc::{Configuration, Constraints, Error, MediaDevices, PeerConnection, TrackKind};

/// Trickle ICE, as in the chat example.
fn trickle(from: &PeerConnection, to: &PeerConnection) {
    let (mut candidates, to) = (from.ice_candidate_events(), to.downgrade());
    spawn_local(async move {
        while let Some(candidate) = candidates.next().await {
            let Some(to) = to.upgrade() else { break };
            let _ = to.add_ice_candidate(candidate.as_ref()).await;
        }
    });
}

/// Starts the call and returns both ends: dropping the last handle of one hangs it up.
async fn call(
    video: &web_sys::HtmlVideoElement,
) -> Result<(PeerConnection, PeerConnection), Error> {
    let config = Configuration::new();
    let (caller, callee) = (PeerConnection::new(&config)?, PeerConnection::new(&config)?);
    trickle(&caller, &callee);
    trickle(&callee, &caller);

    let local = MediaDevices::get_user_media(&Constraints::audio_video()).await?;
    let mut senders = Vec::new();
    for track in local.get_tracks() {
        senders.push(caller.add_track(&track, &[&local])?);
    }
    let offer = caller.set_local_description(None).await?; // the offer
    callee.set_remote_description(&offer).await?;
    let answer = callee.set_local_description(None).await?; // the answer
    caller.set_remote_description(&answer).await?;

    // A track event per remote track (track, streams, receiver, transceiver), buffered from the
    // connection's creation: both tracks are in one remote stream, so the first event's will do.
    let remote = callee.track_events().next().await.ok_or(Error::Closed)?;
    if let Some(stream) = remote.streams.first() {
        video.set_autoplay(true);
        video.set_src_object(Some(stream.as_raw()));
    }
    caller.connected().await?;

    let camera = senders.iter().find(|s| s.track().is_some_and(|t| t.kind() == TrackKind::Video));
    if let Some(sender) = camera {
        sender.replace_track(Some(&video_pattern(640, 360, 30)?)).await?;
    }
    Ok((caller, callee))
}

//! Helpers shared by the browser test suites: two peers in one page, trickle ICE between them,
//! and a timeout so a hung browser fails the test instead of the whole run.
#![allow(dead_code)]

use std::cell::Cell;
use std::future::Future;
use std::time::Duration;

use futures::future::{select, Either};
use futures::{SinkExt, StreamExt};
use wasm_rtc::synthetic::audio_tone;
use wasm_rtc::{
    Configuration, DataChannel, DataChannelOptions, DtmfSender, MediaStream, Message,
    PeerConnection, RtpSender, SessionDescription,
};

/// Runs `fut`, failing the test if it takes longer than `seconds`.
pub async fn within<T>(seconds: u64, what: &str, fut: impl Future<Output = T>) -> T {
    let timer = gloo_timers::future::sleep(Duration::from_secs(seconds));
    match select(Box::pin(fut), Box::pin(timer)).await {
        Either::Left((value, _)) => value,
        Either::Right(_) => panic!("timed out after {seconds} s: {what}"),
    }
}

thread_local! {
    /// The ticket of the test that holds [`one_at_a_time`], if one does.
    static HOLDER: Cell<Option<u64>> = const { Cell::new(None) };
    static NEXT_TICKET: Cell<u64> = const { Cell::new(0) };
    /// Whether the panic hook that releases [`HOLDER`] is installed.
    static RELEASE_ON_PANIC: Cell<bool> = const { Cell::new(false) };
}

/// Held by the test that runs alone; dropping it lets the next one run.
pub struct Alone {
    ticket: u64,
}

impl Drop for Alone {
    fn drop(&mut self) {
        HOLDER.with(|holder| {
            if holder.get() == Some(self.ticket) {
                holder.set(None);
            }
        });
    }
}

/// Tests in one binary run concurrently; a test that compares page-wide counts
/// ([`wasm_rtc::live_listeners`], [`wasm_rtc::dispatched_events`]) holds this for its whole run,
/// and so must every other test of its binary.
///
/// A test that panics never drops what it holds (wasm does not unwind): a panic lets the next
/// test go, so that one failure does not leave the rest of the binary waiting for the runner's
/// timeout.
pub async fn one_at_a_time() -> Alone {
    if !RELEASE_ON_PANIC.with(|installed| installed.replace(true)) {
        let report = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            HOLDER.with(|holder| holder.set(None));
            report(info);
        }));
    }
    loop {
        if HOLDER.with(|holder| holder.get().is_none()) {
            let ticket = NEXT_TICKET.with(|next| next.replace(next.get() + 1));
            HOLDER.with(|holder| holder.set(Some(ticket)));
            return Alone { ticket };
        }
        sleep_ms(20).await;
    }
}

/// The page's listener count once it has stopped changing (the same over a second, at most
/// 30 s): a baseline not still falling as an earlier test's closed connections and channels
/// detach theirs (a closed channel keeps its listeners until its `close` event, which takes
/// SCTP's own time).
pub async fn settled_listeners() -> usize {
    let mut last = wasm_rtc::live_listeners();
    let mut same = 0;
    for _ in 0..120 {
        sleep_ms(250).await;
        let now = wasm_rtc::live_listeners();
        same = if now == last { same + 1 } else { 0 };
        last = now;
        if same >= 4 {
            break;
        }
    }
    last
}

/// Waits `ms` milliseconds.
pub async fn sleep_ms(ms: u64) {
    gloo_timers::future::sleep(Duration::from_millis(ms)).await;
}

/// Trickle ICE from `from` to `to` (the crate's own helper, re-exported for the suites).
pub use wasm_rtc::loopback::trickle;

/// A new connection with the default configuration.
pub fn peer() -> PeerConnection {
    PeerConnection::new(&Configuration::new()).expect("RTCPeerConnection")
}

/// One offer/answer exchange from `offerer` to `answerer`; `edit_answer` may rewrite the answer's
/// SDP before the offerer applies it.
pub async fn negotiate_with(
    offerer: &PeerConnection,
    answerer: &PeerConnection,
    edit_answer: impl FnOnce(String) -> String,
) {
    let offer = offerer
        .create_offer(&Default::default())
        .await
        .expect("createOffer");
    offerer
        .set_local_description(Some(&offer))
        .await
        .expect("offerer SLD");
    answerer
        .set_remote_description(&offer)
        .await
        .expect("answerer SRD");
    let answer = answerer.create_answer().await.expect("createAnswer");
    answerer
        .set_local_description(Some(&answer))
        .await
        .expect("answerer SLD");
    let answer = SessionDescription::new(answer.kind, edit_answer(answer.sdp));
    offerer
        .set_remote_description(&answer)
        .await
        .expect("offerer SRD");
}

/// One offer/answer exchange.
pub async fn negotiate(offerer: &PeerConnection, answerer: &PeerConnection) {
    negotiate_with(offerer, answerer, |sdp| sdp).await
}

/// Two connected peers with trickle ICE in both directions.
pub fn pair() -> (PeerConnection, PeerConnection) {
    let (a, b) = (peer(), peer());
    trickle(&a, &b);
    trickle(&b, &a);
    (a, b)
}

/// A channel from `a` to `b` with `options`, open on both sides: (a's end, b's end).
pub async fn open_channel(
    a: &PeerConnection,
    b: &PeerConnection,
    label: &str,
    options: &DataChannelOptions,
) -> (DataChannel, DataChannel) {
    let ours = a
        .create_data_channel(label, options)
        .expect("createDataChannel");
    negotiate(a, b).await;
    let theirs = within(20, "remote datachannel event", b.data_channels().next())
        .await
        .expect("a channel");
    within(20, "channel open", ours.opened())
        .await
        .expect("open");
    within(20, "remote channel open", theirs.opened())
        .await
        .expect("remote open");
    (ours, theirs)
}

/// A first round trip on a fresh channel, as applications do before a burst: `ours` (the end
/// `createDataChannel` made) speaks first and `theirs` (the remote-created end) hears it.
/// Chromium 156 can drop what the remote-created end sends right after both ends are `open`
/// (raw JavaScript, no wasm-rtc: see the README's "Known browser issue"); after one message
/// from the other end it has not been seen to.
pub async fn first_round_trip(ours: &mut DataChannel, theirs: &mut DataChannel) {
    let hello = Message::Text("hello".into());
    within(20, "the creating end says hello", ours.send(hello.clone()))
        .await
        .expect("the creating end sends");
    assert_eq!(
        within(20, "the remote-created end hears it", theirs.next()).await,
        Some(Ok(hello))
    );
}

/// Two connected peers and an open reliable channel between them.
pub async fn connected_channel() -> (PeerConnection, PeerConnection, DataChannel, DataChannel) {
    let (a, b) = pair();
    let (x, y) = open_channel(&a, &b, "test", &DataChannelOptions::new()).await;
    (a, b, x, y)
}

/// `a` sends a 440 Hz tone to `b`; `a` is connected and its sender can insert DTMF.
pub struct Call {
    pub a: PeerConnection,
    pub b: PeerConnection,
    pub sender: RtpSender,
    pub dtmf: DtmfSender,
}

/// A connected audio [`Call`].
pub async fn call() -> Call {
    let (a, b) = pair();
    let tone = audio_tone(440.0).unwrap();
    let stream = MediaStream::new(&[&tone]).unwrap();
    let sender = a.add_track(&tone, &[&stream]).unwrap();
    let dtmf = sender
        .dtmf()
        .unwrap()
        .expect("an audio sender has a DTMF sender");
    negotiate(&a, &b).await;
    within(15, "connected", a.connected()).await.unwrap();
    // Chrome turns canInsertDTMF on when the transport connects, Firefox once negotiated.
    for _ in 0..50 {
        if dtmf.can_insert_dtmf() == Ok(true) {
            break;
        }
        sleep_ms(100).await;
    }
    assert_eq!(
        dtmf.can_insert_dtmf(),
        Ok(true),
        "a connected audio sender can insert DTMF"
    );
    Call { a, b, sender, dtmf }
}

/// Replaces (or adds) `a=max-message-size` in every application m-section of `sdp`.
pub fn with_max_message_size(sdp: String, size: u32) -> String {
    let mut out = String::new();
    let mut in_application = false;
    for line in sdp.split("\r\n").filter(|l| !l.is_empty()) {
        if line.starts_with("m=") {
            in_application = line.starts_with("m=application");
            out.push_str(line);
            out.push_str("\r\n");
            if in_application {
                out.push_str(&format!("a=max-message-size:{size}\r\n"));
            }
            continue;
        }
        if in_application && line.starts_with("a=max-message-size:") {
            continue;
        }
        out.push_str(line);
        out.push_str("\r\n");
    }
    out
}

//! The video-call page (MDN: "Signaling and video calling", "Perfect negotiation"): join a room
//! by name and call whoever else joins it — another tab of this browser (BroadcastChannel), or
//! another browser anywhere when the demo's nats-server is running (`config.json` names it).
//! Camera video (a test pattern where there is no camera), perfect negotiation, the call's
//! state (reconnecting included) and hang-up.

use std::time::Duration;

use futures::StreamExt;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_rtc::synthetic::{grab_frame, video_pattern};
use wasm_rtc::{BroadcastChannelSignaling, CallState, Configuration, Constraints, Error, MediaDevices};
use wasm_rtc::{MediaStream, NatsOptions, NatsSignaling, NegotiationEvent, Negotiator, NegotiatorOptions};
use wasm_rtc::{PeerConnection, Signal};

use crate::capture::{has_content, in_words, Preview};
use crate::selftest;

/// Where signals go: the demo's nats-server if `config.json` names one, else this browser's tabs.
#[derive(Clone, Debug, Default)]
struct Signaling {
    nats: Option<(String, String)>,
}

impl Signaling {
    /// Reads `config.json` (`{"nats": "ws://…", "token": "…"}`), which the demo command writes
    /// when it runs a nats-server; none: tabs of this browser only.
    async fn find() -> Signaling {
        let found = async {
            let response: web_sys::Response = JsFuture::from(window().fetch_with_str("config.json"))
                .await
                .ok()?
                .dyn_into()
                .ok()?;
            if !response.ok() {
                return None;
            }
            let json = JsFuture::from(response.json().ok()?).await.ok()?;
            let get = |key: &str| js_sys::Reflect::get(&json, &key.into()).ok()?.as_string();
            Some((get("nats")?, get("token").unwrap_or_default()))
        };
        Signaling { nats: found.await }
    }

    fn describe(&self) -> String {
        match &self.nats {
            Some((url, _)) => format!("nats-server at {url}: any browser that reaches it"),
            None => "BroadcastChannel: tabs of this browser (no server running)".into(),
        }
    }
}

/// One side of a call in `room`.
struct Side {
    pc: PeerConnection,
    negotiator: Negotiator,
    local: MediaStream,
}

impl Side {
    /// Joins `room` as `me` and starts negotiating; `polite` as perfect negotiation needs (one
    /// side of each call).
    async fn join(
        signaling: &Signaling,
        room: &str,
        me: &str,
        polite: bool,
        local: MediaStream,
    ) -> Result<Side, Error> {
        let pc = PeerConnection::new(&Configuration::new())?;
        for track in local.get_tracks() {
            pc.add_track(&track, &[&local])?;
        }
        let options = NegotiatorOptions::new(me, room, polite);
        let negotiator = match &signaling.nats {
            Some((url, token)) => Negotiator::start(&pc, connect(url, token, room).await?, options),
            None => Negotiator::start(&pc, BroadcastChannelSignaling::open(room)?, options),
        };
        Ok(Side { pc, negotiator, local })
    }
}

/// The room on the demo's nats-server; a server that cannot be reached is said in words.
async fn connect(url: &str, token: &str, room: &str) -> Result<NatsSignaling, Error> {
    NatsSignaling::connect(url, room, NatsOptions::new().token(token))
        .await
        .map_err(|e| match e {
            Error::Closed | Error::Timeout(_) | Error::Network(_) => Error::Network(format!(
                "the signaling server at {url} cannot be reached (is `bash scripts/demo.sh` still running?): {e}"
            )),
            other => other,
        })
}

/// The camera, or a test pattern where there is none (the reason, in words, beside it).
async fn camera() -> (Result<MediaStream, Error>, Option<String>) {
    match MediaDevices::get_user_media(&Constraints::video_only()).await {
        Ok(stream) => (Ok(stream), None),
        Err(e) => {
            let words = format!("{} Sending a test pattern instead.", in_words(&e, "camera"));
            let pattern = video_pattern(320, 240, 30).and_then(|track| MediaStream::new(&[&track]));
            (pattern, Some(words))
        }
    }
}

/// Who is polite: the side with the smaller id. Both learn the other's id from its `hello`
/// before negotiating.
async fn meet(signaling: &Signaling, room: &str, me: &str) -> Result<bool, Error> {
    let hello = Signal::Hello {
        from: me.into(),
        call: room.into(),
    };
    let other = match &signaling.nats {
        Some((url, token)) => {
            let mut transport = connect(url, token, room).await?;
            futures::SinkExt::send(&mut transport, hello).await?;
            first_other(&mut transport, me).await
        }
        None => {
            let mut transport = BroadcastChannelSignaling::open(room)?;
            futures::SinkExt::send(&mut transport, hello).await?;
            first_other(&mut transport, me).await
        }
    }?;
    Ok(me < other.as_str())
}

async fn first_other<S>(transport: &mut S, me: &str) -> Result<String, Error>
where
    S: futures::Stream<Item = Result<Signal, Error>> + futures::Sink<Signal, Error = Error> + Unpin,
{
    while let Some(signal) = transport.next().await {
        let signal = signal?;
        if signal.from() != me {
            // Tell a peer that came first, and waits for a hello, that this side is here.
            if let Signal::Hello { call, .. } = &signal {
                let hello = Signal::Hello {
                    from: me.into(),
                    call: call.clone(),
                };
                futures::SinkExt::send(transport, hello).await?;
            }
            return Ok(signal.from().to_owned());
        }
    }
    Err(Error::Closed)
}

#[component]
pub fn CallPage() -> impl IntoView {
    let signaling = RwSignal::new(None::<Signaling>);
    leptos::task::spawn_local(async move { signaling.set(Some(Signaling::find().await)) });
    if selftest::requested() {
        leptos::task::spawn_local(async move { selftest::report(selftest_call().await) });
    }
    view! {
        <p class="intro">"Join a room by name; whoever joins the same room is called: perfect negotiation over the
            signaling below, your camera's video both ways, the call's state, hang up."</p>
        {move || signaling.get().map(|signaling| view! { <Room signaling /> })}
    }
}

#[component]
fn Room(signaling: Signaling) -> impl IntoView {
    let room = RwSignal::new(
        window()
            .location()
            .hash()
            .ok()
            .and_then(|h| h.split("room=").nth(1).map(str::to_owned))
            .unwrap_or_else(|| "lobby".into()),
    );
    let side = RwSignal::new_local(None::<Side>);
    let remote = RwSignal::new_local(None::<MediaStream>);
    let state = RwSignal::new(None::<CallState>);
    let (error, notice) = (RwSignal::new(None::<String>), RwSignal::new(None::<String>));
    let described = signaling.describe();
    let signaling = StoredValue::new(signaling);
    let join = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        let (room, signaling) = (room.get_untracked(), signaling.get_value());
        error.set(None);
        state.set(Some(CallState::Connecting));
        leptos::task::spawn_local(async move {
            let joined = async {
                let (local, why) = camera().await;
                notice.set(why);
                let me = format!("peer-{}", (js_sys::Math::random() * 1e9) as u64);
                let polite = meet(&signaling, &room, &me).await?;
                let joined = Side::join(&signaling, &room, &me, polite, local?).await?;
                follow(&joined, state, remote);
                side.set(Some(joined));
                Ok::<_, Error>(())
            };
            if let Err(e) = joined.await {
                error.set(Some(format!("Could not join: {e}")));
                state.set(None);
            }
        });
    };
    let hang_up = move |_| {
        if let Some(side) = side.try_update(Option::take).flatten() {
            drop(side.negotiator);
            side.pc.close();
            side.local.stop();
        }
        remote.set(None);
        state.set(Some(CallState::Closed));
    };
    on_cleanup(move || {
        if let Some(Some(side)) = side.try_update(Option::take) {
            side.pc.close();
            side.local.stop();
        }
    });
    view! {
        <p class="meter">"Signaling: " {described}</p>
        <form on:submit=join>
            <label>"Room " <input id="room" bind:value=room /></label>
            " " <button id="join" disabled=move || side.with(Option::is_some)>"Join"</button>
            " " <button id="hang-up" type="button" on:click=hang_up disabled=move || side.with(Option::is_none)>"Hang up"</button>
        </form>
        <p>"Call: " <b id="call-state">{move || state.get().map(|s| format!("{s:?}")).unwrap_or_else(|| "not joined".into())}</b></p>
        <p class="error" role="alert">{move || error.get()}</p>
        <p class="meter">{move || notice.get()}</p>
        <div class="panes">
            <section class="pane"><h2>"you"</h2>
                {move || side.with(|s| s.as_ref().map(|s| view! { <Preview id="local" stream=s.local.clone() /> }))}
            </section>
            <section class="pane"><h2>"them"</h2>
                {move || remote.get().map(|stream| view! { <Preview id="remote" stream /> })}
            </section>
        </div>
    }
}

/// The call's state and the other side's video, into the page; its leaving ends the call here.
fn follow(side: &Side, state: RwSignal<Option<CallState>>, remote: RwSignal<Option<MediaStream>, LocalStorage>) {
    let mut states = side.negotiator.call_states();
    leptos::task::spawn_local(async move {
        while let Some(now) = states.next().await {
            state.set(Some(now));
        }
    });
    let mut tracks = side.pc.track_events();
    leptos::task::spawn_local(async move {
        while let Some(event) = tracks.next().await {
            let stream = event
                .streams
                .first()
                .cloned()
                .or_else(|| MediaStream::new(&[&event.track]).ok());
            remote.set(stream);
        }
    });
    let (mut events, pc) = (side.negotiator.events(), side.pc.downgrade());
    leptos::task::spawn_local(async move {
        while let Some(event) = events.next().await {
            if let NegotiationEvent::PeerLeft(_) = event {
                if let Some(pc) = pc.upgrade() {
                    pc.close();
                }
                state.set(Some(CallState::Closed));
            }
        }
    });
}

/// The self-test: two sides of one room in this tab, over BroadcastChannel (two channel objects
/// of one name, as two tabs would have): both connected, each decodes the other's video, one
/// hangs up and the other's call is closed.
async fn selftest_call() -> Result<String, String> {
    let run = async {
        let signaling = Signaling::default();
        let room = format!("selftest-{}", (js_sys::Math::random() * 1e9) as u64);
        let pattern = || video_pattern(320, 240, 30).and_then(|t| MediaStream::new(&[&t]));
        let (a_polite, b_polite) = futures::join!(meet(&signaling, &room, "a"), meet(&signaling, &room, "b"));
        let a = Side::join(&signaling, &room, "a", a_polite?, pattern()?).await?;
        let b = Side::join(&signaling, &room, "b", b_polite?, pattern()?).await?;
        let connected = async {
            for side in [&a, &b] {
                let mut states = side.negotiator.call_states();
                while let Some(state) = states.next().await {
                    if state == CallState::Connected {
                        break;
                    }
                }
            }
        };
        connected.await;
        for (name, side) in [("a", &a), ("b", &b)] {
            let track = side.pc.track_events().next().await.ok_or(Error::Closed)?.track;
            let frame = grab_frame(&track, Duration::from_secs(10)).await?;
            if !has_content(&frame) {
                return Err(Error::Data(format!("{name} decodes a blank video")));
            }
        }
        let mut b_states = b.negotiator.call_states();
        let mut b_events = b.negotiator.events();
        drop(a.negotiator);
        a.pc.close();
        while let Some(event) = b_events.next().await {
            if let NegotiationEvent::PeerLeft(_) = event {
                b.pc.close();
                break;
            }
        }
        while let Some(state) = b_states.next().await {
            if state == CallState::Closed {
                return Ok("connected, video both ways, hung up: the other side closed".to_string());
            }
        }
        Err(Error::Data("the other side's call never closed".into()))
    };
    let timeout = gloo_timers::future::sleep(Duration::from_secs(40));
    match futures::future::select(Box::pin(run), Box::pin(timeout)).await {
        futures::future::Either::Left((result, _)) => result.map_err(|e| e.to_string()),
        futures::future::Either::Right(_) => Err("no call within 40 s".into()),
    }
}

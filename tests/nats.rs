//! `NatsSignaling` against real, unmodified `nats-server`s: the two `scripts/test.sh` starts on
//! loopback and whose URLs it compiles in — one with a token and a 64 KiB `max_payload`
//! (`WASM_RTC_NATS_URL`, `WASM_RTC_NATS_TOKEN`), one with users and permissions
//! (`WASM_RTC_NATS_USERS_URL`, `WASM_RTC_NATS_PASSWORD`) — and `WASM_RTC_NATS_DEAD_URL`, a port
//! where nothing listens. Run without them (plain `wasm-pack test`), these tests fail and say so.
//!
//! Two transports in one page stand for two browsers; `tests/calls/` runs the real thing, two
//! browser processes, and the server restarts.
#![cfg(target_arch = "wasm32")]

mod common;

use std::time::Duration;

use common::*;
use futures::{FutureExt, SinkExt, StreamExt};
use wasm_bindgen_test::*;
use wasm_rtc::{
    Configuration, DataChannelOptions, Error, EventStream, Message, NatsOptions, NatsSignaling,
    NatsState, NegotiationEvent, Negotiator, NegotiatorOptions, PeerConnection, Signal,
};

wasm_bindgen_test_configure!(run_in_browser);

const NOT_CONFIGURED: &str = "no nats-server: run the tests through scripts/test.sh, which starts \
     them and sets WASM_RTC_NATS_URL, WASM_RTC_NATS_TOKEN, WASM_RTC_NATS_USERS_URL, \
     WASM_RTC_NATS_PASSWORD and WASM_RTC_NATS_DEAD_URL";

/// A setting test.sh compiled in; the test fails with what to do when it is missing.
fn configured(setting: Option<&'static str>) -> &'static str {
    match setting {
        Some(value) => value,
        None => panic!("{NOT_CONFIGURED}"),
    }
}

fn url() -> &'static str {
    configured(option_env!("WASM_RTC_NATS_URL"))
}

fn options() -> NatsOptions {
    NatsOptions::new().token(configured(option_env!("WASM_RTC_NATS_TOKEN")))
}

/// A room of its own for each test (the server is shared by every test of both browsers).
fn room() -> String {
    format!("room-{}", (js_sys::Math::random() * 1e15) as u64)
}

fn hello(from: &str) -> Signal {
    Signal::Hello {
        from: from.into(),
        call: "c".into(),
    }
}

async fn join(room: &str) -> NatsSignaling {
    within(
        10,
        "connect",
        NatsSignaling::connect(url(), room, options()),
    )
    .await
    .expect("connects to the test server")
}

async fn next_signal(transport: &mut NatsSignaling) -> Result<Signal, Error> {
    within(10, "a signal", transport.next())
        .await
        .expect("the stream goes on")
}

/// What a transport has received so far, without waiting.
fn received_so_far(transport: &mut NatsSignaling) -> Vec<Result<Signal, Error>> {
    let mut seen = Vec::new();
    while let Some(Some(item)) = transport.next().now_or_never() {
        seen.push(item);
    }
    seen
}

#[wasm_bindgen_test]
async fn peers_of_a_room_receive_what_the_others_send_in_order_and_never_their_own() {
    let room = room();
    let mut a = join(&room).await;
    let mut b = join(&room).await;
    let mut elsewhere = join(&format!("{room}-other")).await;
    assert_eq!(a.state(), NatsState::Connected);
    assert_eq!(a.subject(), format!("wasm-rtc.{room}"));
    assert_eq!(
        a.max_payload(),
        65536,
        "the server's max_payload, from its INFO"
    );
    for i in 0..100 {
        a.feed(hello(&format!("a{i}"))).await.unwrap();
    }
    a.flush().await.unwrap();
    for i in 0..100 {
        assert_eq!(next_signal(&mut b).await, Ok(hello(&format!("a{i}"))));
    }
    b.send(hello("b")).await.unwrap();
    assert_eq!(next_signal(&mut a).await, Ok(hello("b")));
    sleep_ms(200).await;
    assert_eq!(
        received_so_far(&mut a),
        vec![],
        "no echo of a's own signals"
    );
    assert_eq!(received_so_far(&mut b), vec![], "no echo of b's own signal");
    assert_eq!(
        received_so_far(&mut elsewhere),
        vec![],
        "another room hears nothing"
    );
}

#[wasm_bindgen_test]
async fn a_wrong_token_is_not_allowed() {
    let wrong = NatsOptions::new().token("not-the-token");
    match within(10, "refused", NatsSignaling::connect(url(), &room(), wrong)).await {
        Err(Error::NotAllowed(message)) => {
            assert!(message.contains("Authorization Violation"), "{message}")
        }
        other => panic!("expected Error::NotAllowed, got {:?}", other.map(|_| ())),
    }
    let none = NatsOptions::new();
    let refused = within(10, "refused", NatsSignaling::connect(url(), &room(), none)).await;
    assert!(matches!(refused, Err(Error::NotAllowed(_))));
}

#[wasm_bindgen_test]
async fn no_server_is_a_network_error_within_the_timeout() {
    let dead = configured(option_env!("WASM_RTC_NATS_DEAD_URL"));
    let started = js_sys::Date::now();
    let options = options().connect_timeout(Duration::from_secs(3));
    let outcome = within(10, "fails", NatsSignaling::connect(dead, &room(), options)).await;
    let took = js_sys::Date::now() - started;
    match outcome {
        Err(Error::Network(message)) => assert!(message.contains(dead), "{message}"),
        Err(Error::Timeout(message)) => assert!(message.contains(dead), "{message}"),
        other => panic!("expected a network error, got {:?}", other.map(|_| ())),
    }
    assert!(took < 4000.0, "took {took} ms with a 3 s timeout");
}

#[wasm_bindgen_test]
async fn a_handshake_longer_than_the_timeout_is_a_timeout_error() {
    let options = options().connect_timeout(Duration::from_millis(1));
    match within(
        10,
        "times out",
        NatsSignaling::connect(url(), &room(), options),
    )
    .await
    {
        Err(Error::Timeout(message)) => assert!(message.contains("1 ms"), "{message}"),
        other => panic!("expected Error::Timeout, got {:?}", other.map(|_| ())),
    }
}

#[wasm_bindgen_test]
async fn bad_rooms_and_urls_are_syntax_errors() {
    for room in ["", "a.b", "a b", "*", ">"] {
        let outcome = NatsSignaling::connect(url(), room, options()).await;
        assert!(matches!(outcome, Err(Error::Syntax(_))), "room {room:?}");
    }
    // Neither ws(s) nor http(s): the WebSocket constructor throws a SyntaxError.
    let outcome = NatsSignaling::connect("ftp://127.0.0.1/", "r", options()).await;
    assert!(matches!(outcome, Err(Error::Syntax(_))));
    let prefix = options().subject_prefix("a..b");
    let outcome = NatsSignaling::connect(url(), "r", prefix).await;
    assert!(matches!(outcome, Err(Error::Syntax(_))));
}

/// The second test server knows users, not a token: `alice` may do everything, `guest` may not
/// publish to the rooms, `outsider` may not subscribe to them (scripts/nats_server.py).
fn user(name: &str) -> NatsOptions {
    NatsOptions::new().user_password(name, configured(option_env!("WASM_RTC_NATS_PASSWORD")))
}

#[wasm_bindgen_test]
async fn users_passwords_and_permission_violations_are_typed() {
    let url = configured(option_env!("WASM_RTC_NATS_USERS_URL"));
    let room = room();
    let connect = |options| within(10, "connect", NatsSignaling::connect(url, &room, options));
    let mut alice = connect(user("alice")).await.expect("alice may join");
    let wrong = NatsOptions::new().user_password("alice", "not-her-password");
    assert!(
        matches!(connect(wrong).await, Err(Error::NotAllowed(m)) if m.contains("Authorization Violation"))
    );
    // No subscription to the room: the server refuses it, and so the connection.
    match connect(user("outsider")).await {
        Err(Error::NotAllowed(message)) => {
            assert!(
                message.contains("Permissions Violation for Subscription"),
                "{message}"
            )
        }
        other => panic!("expected Error::NotAllowed, got {:?}", other.map(|_| ())),
    }
    // No publishing: the server's -ERR is an item of the stream, and the connection goes on.
    let mut guest = connect(user("guest")).await.expect("a guest may listen");
    guest.send(hello("guest")).await.unwrap();
    match next_signal(&mut guest).await {
        Err(Error::NotAllowed(message)) => {
            assert!(
                message.contains("Permissions Violation for Publish"),
                "{message}"
            )
        }
        other => panic!("expected Error::NotAllowed, got {other:?}"),
    }
    assert_eq!(guest.state(), NatsState::Connected);
    alice.send(hello("alice")).await.unwrap();
    assert_eq!(next_signal(&mut guest).await, Ok(hello("alice")));
    sleep_ms(200).await;
    assert_eq!(
        received_so_far(&mut alice),
        vec![],
        "the guest's signal never arrived"
    );
}

/// A signal over the server's `max_payload` (64 KiB here) and one over 2 MB are refused before
/// they reach the server, and the transport goes on working.
#[wasm_bindgen_test]
async fn an_oversized_signal_is_a_data_error_and_the_transport_goes_on() {
    let room = room();
    let mut a = join(&room).await;
    let mut b = join(&room).await;
    for size in [100 * 1024, 2 * 1024 * 1024] {
        let huge = Signal::Hello {
            from: "x".repeat(size),
            call: "c".into(),
        };
        match a.send(huge).await {
            Err(Error::Data(message)) => assert!(message.contains("bytes"), "{message}"),
            other => panic!("expected Error::Data for {size} bytes, got {other:?}"),
        }
    }
    a.send(hello("after")).await.unwrap();
    assert_eq!(next_signal(&mut b).await, Ok(hello("after")));
    assert_eq!(a.state(), NatsState::Connected);
}

/// What is not a signal arrives as an `Err` item, and the stream goes on.
#[wasm_bindgen_test]
async fn a_message_that_is_no_signal_is_an_error_item() {
    let room = room();
    let mut b = join(&room).await;
    // A hand-written JavaScript peer: the NATS protocol by hand over a WebSocket.
    let raw = web_sys::WebSocket::new(url()).unwrap();
    raw_open(&raw).await;
    let token = configured(option_env!("WASM_RTC_NATS_TOKEN"));
    let subject = format!("wasm-rtc.{room}");
    let good = r#"{"type":"hello","from":"js","call":"c"}"#;
    raw.send_with_str(&format!(
        "CONNECT {{\"auth_token\":\"{token}\",\"verbose\":false}}\r\nPUB {subject} 8\r\nnot json\r\nPUB {subject} 2\r\n{{}}\r\nPUB {subject} {}\r\n{good}\r\n",
        good.len()
    ))
    .unwrap();
    assert!(matches!(next_signal(&mut b).await, Err(Error::Syntax(_))));
    assert!(matches!(next_signal(&mut b).await, Err(Error::Data(_))));
    assert_eq!(next_signal(&mut b).await, Ok(hello("js")));
    raw.close().unwrap();
}

/// Waits for a raw socket's `open`.
async fn raw_open(socket: &web_sys::WebSocket) {
    within(10, "raw socket open", async {
        while socket.ready_state() != web_sys::WebSocket::OPEN {
            sleep_ms(10).await;
        }
    })
    .await
}

#[wasm_bindgen_test]
async fn dropping_it_closes_the_socket_and_ends_its_state_stream() {
    let room = room();
    let a = join(&room).await;
    let mut b = join(&room).await;
    let mut states: EventStream<NatsState> = a.states();
    assert_eq!(states.next().await, Some(NatsState::Connected));
    drop(a);
    assert_eq!(states.next().await, Some(NatsState::Closed));
    assert_eq!(states.next().await, None);
    b.send(hello("b")).await.unwrap();
    let mut closed = join(&room).await;
    closed.close().await.unwrap();
    assert_eq!(closed.state(), NatsState::Closed);
    assert_eq!(closed.send(hello("late")).await, Err(Error::Closed));
    assert_eq!(closed.next().await, None);
}

/// A call through the server: the peer that comes first makes its offer to nobody; the other's
/// `hello` gets a `hello` back and that offer again, and the call connects.
#[wasm_bindgen_test]
async fn a_late_peer_gets_the_waiting_offer_and_the_call_connects() {
    within(60, "late joiner", async {
        let room = room();
        let first = PeerConnection::new(&Configuration::new()).unwrap();
        let transport = join(&room).await;
        let negotiator_first = Negotiator::start(
            &first,
            transport,
            NegotiatorOptions::new("first", &room, true),
        );
        let mut events_first = negotiator_first.events();
        let mut chat = first
            .create_data_channel("chat", &DataChannelOptions::new())
            .unwrap();
        // Its offer goes out to an empty room.
        loop {
            let event = within(10, "offer sent", events_first.next()).await;
            if event == Some(NegotiationEvent::Sent(wasm_rtc::SdpType::Offer)) {
                break;
            }
        }
        sleep_ms(300).await;
        let late = PeerConnection::new(&Configuration::new()).unwrap();
        let transport = join(&room).await;
        let negotiator_late = Negotiator::start(
            &late,
            transport,
            NegotiatorOptions::new("late", &room, false),
        );
        let mut events_late = negotiator_late.events();
        let mut at_late = within(20, "the channel", late.data_channels().next())
            .await
            .expect("a channel");
        within(20, "open", chat.opened()).await.unwrap();
        chat.send(Message::Text("hi".into())).await.unwrap();
        assert_eq!(at_late.next().await, Some(Ok(Message::Text("hi".into()))));
        let mut seen_late = Vec::new();
        while let Some(Some(event)) = events_late.next().now_or_never() {
            seen_late.push(event);
        }
        assert!(
            seen_late.contains(&NegotiationEvent::PeerJoined("first".into())),
            "the late peer heard the first one's hello back: {seen_late:?}"
        );
        drop((negotiator_first, negotiator_late));
    })
    .await;
}

mod readme_nats {
    include!("common/readme_nats.rs");

    pub async fn run(url: &str, token: &str, room: &str) -> Result<(), Error> {
        let (alice, bob) = futures::join!(
            join_through_nats(url, token, room, "alice", true),
            join_through_nats(url, token, room, "bob", false)
        );
        let ((_alice, _a), (_bob, _b)) = (alice?, bob?);
        Ok(())
    }
}

/// The README's `NatsSignaling` example, verbatim, runs to the end: two joins of one room
/// through the test server, one polite, the chat open on both sides.
#[wasm_bindgen_test]
async fn readme_nats_example_runs() {
    assert!(
        include_str!("../README.md").contains(include_str!("common/readme_nats.rs")),
        "tests/common/readme_nats.rs is the README's example"
    );
    let token = configured(option_env!("WASM_RTC_NATS_TOKEN"));
    within(
        60,
        "README NATS example",
        readme_nats::run(url(), token, &room()),
    )
    .await
    .unwrap();
}

//! DataChannel in real browsers: two peers in one page.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use futures::{SinkExt, StreamExt};
use wasm_bindgen_futures::spawn_local;
use wasm_bindgen_test::*;
use wasm_rtc::{DataChannel, DataChannelOptions, DataChannelState, Error, Message, PeerConnection};

wasm_bindgen_test_configure!(run_in_browser);

fn pattern(size: usize) -> (Vec<u8>, String) {
    let bytes = (0..size).map(|i| (i % 251) as u8).collect();
    let text = (0..size).map(|i| (b'a' + (i % 26) as u8) as char).collect();
    (bytes, text)
}

#[wasm_bindgen_test]
async fn text_and_binary_both_ways_at_0_1_and_64k() {
    within(60, "text and binary", async {
        let (_a, _b, mut x, mut y) = connected_channel().await;
        for size in [0usize, 1, 64 * 1024] {
            let (bytes, text) = pattern(size);
            x.send(Message::Binary(bytes.clone())).await.unwrap();
            x.send(Message::Text(text.clone())).await.unwrap();
            assert_eq!(
                y.next().await,
                Some(Ok(Message::Binary(bytes.clone()))),
                "binary {size} a→b"
            );
            assert_eq!(
                y.next().await,
                Some(Ok(Message::Text(text.clone()))),
                "text {size} a→b"
            );
            y.send(Message::Binary(bytes.clone())).await.unwrap();
            y.send(Message::Text(text.clone())).await.unwrap();
            assert_eq!(
                x.next().await,
                Some(Ok(Message::Binary(bytes))),
                "binary {size} b→a"
            );
            assert_eq!(
                x.next().await,
                Some(Ok(Message::Text(text))),
                "text {size} b→a"
            );
        }
    })
    .await;
}

/// Two connected peers whose answerer advertises `limit` as its `max-message-size`, and an
/// open channel from the offerer (`x`) to the answerer (`y`): `(a, b, x, y)`.
async fn limited_channel(limit: u32) -> (PeerConnection, PeerConnection, DataChannel, DataChannel) {
    let (a, b) = pair();
    let x = a
        .create_data_channel("limit", &DataChannelOptions::new())
        .unwrap();
    negotiate_with(&a, &b, |sdp| with_max_message_size(sdp, limit)).await;
    let y = b.data_channels().next().await.unwrap();
    x.opened().await.unwrap();
    (a, b, x, y)
}

/// The answerer advertises a 100,000-byte limit: exactly that goes through, one byte more is a
/// TypeError that leaves the channel open.
#[wasm_bindgen_test]
async fn exactly_max_message_size_and_one_byte_over() {
    within(60, "max message size", async {
        const LIMIT: u32 = 100_000;
        let (_a, _b, mut x, mut y) = limited_channel(LIMIT).await;
        assert_eq!(x.max_message_size(), Some(f64::from(LIMIT)));

        let (bytes, text) = pattern(LIMIT as usize);
        x.send(Message::Binary(bytes.clone())).await.unwrap();
        assert_eq!(y.next().await, Some(Ok(Message::Binary(bytes))));
        x.send(Message::Text(text.clone())).await.unwrap();
        assert_eq!(y.next().await, Some(Ok(Message::Text(text))));

        let (over, over_text) = pattern(LIMIT as usize + 1);
        assert!(matches!(
            x.send(Message::Binary(over)).await,
            Err(Error::Type(_))
        ));
        assert!(matches!(
            x.send_now(&Message::Text(over_text)),
            Err(Error::Type(_))
        ));
        assert_eq!(x.ready_state(), DataChannelState::Open);
        x.send(Message::Text("still open".into())).await.unwrap();
        assert_eq!(y.next().await, Some(Ok(Message::Text("still open".into()))));
    })
    .await;
}

/// A renegotiation that lowers the limit (100,000 → 50,000 bytes): the channel reads the new
/// `maxMessageSize` at once, refuses what the old limit let through, and stays open.
#[wasm_bindgen_test]
async fn a_renegotiated_max_message_size_applies_at_once() {
    within(60, "renegotiated max message size", async {
        const LIMIT: u32 = 100_000;
        const LOWER: u32 = 50_000;
        let (a, b, mut x, mut y) = limited_channel(LIMIT).await;
        let (bytes, _) = pattern(LIMIT as usize);
        x.send(Message::Binary(bytes.clone())).await.unwrap();
        assert_eq!(y.next().await, Some(Ok(Message::Binary(bytes.clone()))));

        negotiate_with(&a, &b, |sdp| with_max_message_size(sdp, LOWER)).await;
        assert_eq!(x.max_message_size(), Some(f64::from(LOWER)));
        assert!(matches!(
            x.send(Message::Binary(bytes)).await,
            Err(Error::Type(_))
        ));
        let (lower, _) = pattern(LOWER as usize);
        x.send(Message::Binary(lower.clone())).await.unwrap();
        assert_eq!(y.next().await, Some(Ok(Message::Binary(lower))));
    })
    .await;
}

#[wasm_bindgen_test]
async fn unordered_channel_without_retransmits() {
    within(60, "unordered channel", async {
        let (a, b) = pair();
        let options = DataChannelOptions::new().ordered(false).max_retransmits(0);
        let (mut x, mut y) = open_channel(&a, &b, "lossy", &options).await;
        for end in [&x, &y] {
            assert!(!end.ordered());
            assert_eq!(end.max_retransmits(), Some(0));
            assert_eq!(end.max_packet_life_time(), None);
        }
        for i in 0..50 {
            x.send(Message::Text(i.to_string())).await.unwrap();
        }
        // Loopback loses nothing in practice; order is not promised, so compare as sets.
        let mut got: Vec<u32> = Vec::new();
        while got.len() < 50 {
            match y.next().await {
                Some(Ok(Message::Text(t))) => got.push(t.parse().unwrap()),
                other => panic!("unexpected {other:?}"),
            }
        }
        got.sort_unstable();
        assert_eq!(got, (0..50).collect::<Vec<_>>());
    })
    .await;
}

#[wasm_bindgen_test]
async fn negotiated_channels_with_fixed_ids() {
    within(60, "negotiated channels", async {
        let (a, b) = pair();
        let opts = |id| DataChannelOptions::new().negotiated(id).protocol("fixed");
        let mut x5 = a.create_data_channel("five", &opts(5)).unwrap();
        let mut y5 = b.create_data_channel("five", &opts(5)).unwrap();
        let mut x9 = a.create_data_channel("nine", &opts(9)).unwrap();
        let mut y9 = b.create_data_channel("nine", &opts(9)).unwrap();
        negotiate(&a, &b).await;
        for ch in [&x5, &y5, &x9, &y9] {
            ch.opened().await.unwrap();
            assert!(ch.negotiated());
            assert_eq!(ch.protocol(), "fixed");
        }
        assert_eq!(
            (x5.id(), y5.id(), x9.id(), y9.id()),
            (Some(5), Some(5), Some(9), Some(9))
        );
        x5.send("to five".into()).await.unwrap();
        y9.send("from nine".into()).await.unwrap();
        assert_eq!(y5.next().await, Some(Ok(Message::Text("to five".into()))));
        assert_eq!(x9.next().await, Some(Ok(Message::Text("from nine".into()))));
        // Negotiated channels are not announced: no `datachannel` event on either side.
        sleep_ms(200).await;
        let mut remote = b.data_channels();
        assert!(futures::poll!(remote.next()).is_pending());
    })
    .await;
}

#[wasm_bindgen_test]
async fn ten_thousand_small_messages_arrive_in_order() {
    within(120, "10,000 messages", async {
        let (_a, _b, mut x, y) = connected_channel().await;
        let mut outgoing =
            futures::stream::iter((0..10_000u32).map(|i| Ok(Message::Text(i.to_string()))));
        let receive = y.take(10_000).collect::<Vec<_>>();
        let send = x.send_all(&mut outgoing);
        let (sent, received) = futures::join!(send, receive);
        sent.unwrap();
        assert_eq!(received.len(), 10_000);
        for (i, m) in received.into_iter().enumerate() {
            assert_eq!(m, Ok(Message::Text(i.to_string())), "message {i}");
        }
    })
    .await;
}

/// 64 MiB through the Sink: `bufferedAmount` never exceeds the high-water mark plus one message.
#[wasm_bindgen_test]
async fn sink_back_pressure_over_64_mib() {
    within(240, "64 MiB with back-pressure", async {
        const TOTAL: usize = 64 * 1024 * 1024;
        const CHUNK: usize = 64 * 1024;
        const HIGH: u32 = 1024 * 1024;
        let (_a, _b, mut x, y) = connected_channel().await;
        x.set_buffer_thresholds(256 * 1024, HIGH);
        assert_eq!(x.buffered_amount_low_threshold(), 256 * 1024);
        assert_eq!(x.high_water_mark(), HIGH);

        let (done_tx, done_rx) = futures::channel::oneshot::channel();
        spawn_local(async move {
            let mut received = 0usize;
            let mut y = y;
            while received < TOTAL {
                match y.next().await {
                    Some(Ok(Message::Binary(b))) => received += b.len(),
                    other => panic!("unexpected {other:?}"),
                }
            }
            let _ = done_tx.send(received);
        });

        let chunk = vec![7u8; CHUNK];
        let mut peak = 0f64;
        let mut waited = 0u32;
        for _ in 0..TOTAL / CHUNK {
            if x.buffered_amount() >= f64::from(HIGH) {
                waited += 1;
            }
            x.feed(Message::Binary(chunk.clone())).await.unwrap();
            peak = peak.max(x.buffered_amount());
            assert!(
                peak <= f64::from(HIGH) + CHUNK as f64,
                "bufferedAmount {peak} above high-water + one message"
            );
        }
        assert_eq!(done_rx.await.unwrap(), TOTAL);
        assert!(
            waited > 0,
            "the sender never had to wait: the test did not exercise back-pressure"
        );
    })
    .await;
}

/// Two tasks sending on clones of one channel both get through a full buffer, and a high-water
/// mark equal to the low one (16 KiB messages fill the buffer to exactly 64 KiB) cannot stall:
/// `bufferedamountlow` only fires when the amount falls from *above* the threshold.
#[wasm_bindgen_test]
async fn two_senders_on_clones_and_equal_thresholds_never_stall() {
    within(120, "two senders", async {
        const EACH: usize = 4 * 1024 * 1024;
        const CHUNK: usize = 16 * 1024;
        let (_a, _b, x, mut y) = connected_channel().await;
        x.set_buffer_thresholds(64 * 1024, 64 * 1024);
        assert_eq!(x.buffered_amount_low_threshold(), 64 * 1024 - 1);
        assert_eq!(x.high_water_mark(), 64 * 1024);
        // Two tasks of their own (one task would share one waker between both senders).
        let send = |mut channel: wasm_rtc::DataChannel, byte: u8| {
            let (done, finished) = futures::channel::oneshot::channel();
            spawn_local(async move {
                for _ in 0..EACH / CHUNK {
                    channel
                        .send(Message::Binary(vec![byte; CHUNK]))
                        .await
                        .unwrap();
                }
                let _ = done.send(());
            });
            async { finished.await.expect("the sender finished") }
        };
        let receive = async {
            let mut received = [0usize; 2];
            while received.iter().sum::<usize>() < 2 * EACH {
                match y.next().await {
                    Some(Ok(Message::Binary(b))) => received[usize::from(b[0])] += b.len(),
                    other => panic!("unexpected {other:?}"),
                }
            }
            received
        };
        let ((), (), received) = futures::join!(send(x.clone(), 0), send(x.clone(), 1), receive);
        assert_eq!(received, [EACH, EACH]);
    })
    .await;
}

#[wasm_bindgen_test]
async fn attributes_of_both_ends() {
    within(60, "attributes", async {
        let (a, b) = pair();
        let (x, y) = open_channel(
            &a,
            &b,
            "named",
            &DataChannelOptions::new()
                .protocol("chat/1")
                .max_packet_life_time(3000),
        )
        .await;
        for end in [&x, &y] {
            assert_eq!(end.label(), "named");
            assert_eq!(end.protocol(), "chat/1");
            assert!(end.ordered());
            assert!(!end.negotiated());
            assert_eq!(end.max_packet_life_time(), Some(3000));
            assert_eq!(end.max_retransmits(), None);
            assert_eq!(end.ready_state(), DataChannelState::Open);
            assert_eq!(end.buffered_amount(), 0.0);
        }
        assert_eq!(x.id(), y.id());
        assert!(x.id().is_some());
    })
    .await;
}

#[wasm_bindgen_test]
async fn closing_one_side_ends_the_other_sides_stream() {
    within(60, "close", async {
        let (_a, _b, mut x, mut y) = connected_channel().await;
        x.send("last words".into()).await.unwrap();
        assert_eq!(y.next().await, Some(Ok(Message::Text("last words".into()))));
        x.close();
        assert_eq!(y.next().await, None, "the remote's stream ends");
        y.closed().await;
        assert_eq!(y.ready_state(), DataChannelState::Closed);
        x.closed().await;
        assert_eq!(x.ready_state(), DataChannelState::Closed);

        // Sending on a closed channel, either end: Closed, from send_now and the Sink alike
        // (InvalidStateError in JavaScript, as the spec throws).
        for channel in [&mut x, &mut y] {
            assert_eq!(channel.send_now(&"late".into()), Err(Error::Closed));
            assert_eq!(channel.send("late".into()).await, Err(Error::Closed));
        }
        assert_eq!(Error::Closed.name(), "InvalidStateError");
        assert_eq!(y.opened().await, Err(Error::Closed));
    })
    .await;
}

#[wasm_bindgen_test]
async fn invalid_channel_options_are_type_errors_and_the_connection_keeps_working() {
    within(60, "invalid options", async {
        let (a, b) = pair();
        let both = DataChannelOptions::new()
            .max_retransmits(1)
            .max_packet_life_time(100);
        assert!(matches!(
            a.create_data_channel("x", &both),
            Err(Error::Type(_))
        ));
        let out_of_range = DataChannelOptions::new().negotiated(65535);
        assert!(matches!(
            a.create_data_channel("x", &out_of_range),
            Err(Error::Type(_))
        ));
        let (mut x, mut y) = open_channel(&a, &b, "fine", &DataChannelOptions::new()).await;
        x.send("works".into()).await.unwrap();
        assert_eq!(y.next().await, Some(Ok(Message::Text("works".into()))));
    })
    .await;
}

#[wasm_bindgen_test]
async fn messages_sent_before_the_receiver_polls_are_kept() {
    within(60, "early messages", async {
        let (_a, _b, mut x, mut y) = connected_channel().await;
        for i in 0..20 {
            x.send_now(&Message::Text(format!("early {i}"))).unwrap();
        }
        sleep_ms(300).await;
        for i in 0..20 {
            assert_eq!(
                y.next().await,
                Some(Ok(Message::Text(format!("early {i}"))))
            );
        }
        x.send(Message::Binary(vec![1, 2, 3])).await.unwrap();
        assert_eq!(y.next().await, Some(Ok(Message::Binary(vec![1, 2, 3]))));
    })
    .await;
}

/// A message whose `ArrayBuffer` JavaScript transferred away (detached) before this crate's
/// listener ran is a typed error item, not an exception through WebAssembly, and the messages
/// after it arrive as ever.
#[wasm_bindgen_test]
async fn a_detached_message_buffer_is_an_error_item_and_the_stream_goes_on() {
    within(60, "detached buffer", async {
        let (_a, _b, mut x, y) = connected_channel().await;
        // JavaScript's listener runs first: it takes the first binary message's buffer away.
        let take_first = js_sys::Function::new_with_args(
            "channel",
            "let taken = false;
             channel.addEventListener('message', (e) => {
               if (!taken && e.data instanceof ArrayBuffer) {
                 taken = true;
                 structuredClone(e.data, { transfer: [e.data] });
               }
             });",
        );
        take_first
            .call1(&wasm_bindgen::JsValue::NULL, y.as_raw())
            .unwrap();
        let mut viewed = DataChannel::view(y.as_raw());
        x.send(Message::Binary(vec![1, 2, 3])).await.unwrap();
        x.send(Message::Binary(vec![4, 5])).await.unwrap();
        x.send(Message::Text("after".into())).await.unwrap();
        match viewed.next().await {
            Some(Err(Error::Type(message))) => assert!(!message.is_empty()),
            other => panic!("a detached buffer gave {other:?}"),
        }
        assert_eq!(viewed.next().await, Some(Ok(Message::Binary(vec![4, 5]))));
        assert_eq!(viewed.next().await, Some(Ok(Message::Text("after".into()))));
        drop(y);
    })
    .await;
}

#[wasm_bindgen_test]
async fn split_halves_work_independently() {
    within(60, "split", async {
        let (_a, _b, x, y) = connected_channel().await;
        let (mut x_tx, mut x_rx) = x.split();
        let (mut y_tx, mut y_rx) = y.split();
        x_tx.send("ping".into()).await.unwrap();
        assert_eq!(y_rx.next().await, Some(Ok(Message::Text("ping".into()))));
        y_tx.send("pong".into()).await.unwrap();
        assert_eq!(x_rx.next().await, Some(Ok(Message::Text("pong".into()))));
    })
    .await;
}

/// The README's quick start, verbatim (the test below checks the README still holds exactly
/// this text).
mod readme_quick_start {
    include!("common/readme_quick_start.rs");

    pub async fn run() -> Result<(), Error> {
        chat().await
    }
}

/// The crate docs' "Two peers, one page" example, verbatim (without its `//! ` prefixes).
mod crate_docs_two_peers {
    include!("common/crate_docs_two_peers.rs");

    pub async fn run() -> Result<(), Error> {
        two_peers().await
    }
}

/// The two data-channel examples users copy first run to the end in the browser: no step waits
/// forever, and the message arrives (each asserts it).
#[wasm_bindgen_test]
async fn readme_and_crate_docs_examples_run() {
    let readme = include_str!("../README.md");
    assert!(
        readme.contains(include_str!("common/readme_quick_start.rs")),
        "tests/common/readme_quick_start.rs is the README's quick start"
    );
    let crate_docs: String = include_str!("../src/lib.rs")
        .lines()
        .filter_map(|l| l.strip_prefix("//! ").or((l == "//!").then_some("")))
        .flat_map(|l| [l, "\n"])
        .collect();
    assert!(
        crate_docs.contains(include_str!("common/crate_docs_two_peers.rs")),
        "tests/common/crate_docs_two_peers.rs is the crate docs' example"
    );
    within(60, "README quick start", readme_quick_start::run())
        .await
        .unwrap();
    within(60, "crate docs example", crate_docs_two_peers::run())
        .await
        .unwrap();
}

/// Two tasks wait on clones of one channel at once: each message goes to one of them, and every
/// waiting task is woken — none waits forever for a message that is already buffered.
#[wasm_bindgen_test]
async fn two_concurrent_consumers_of_clones_both_receive() {
    within(60, "two consumers", async {
        let (_a, _b, mut x, y) = connected_channel().await;
        let mut received = Vec::new();
        for _ in 0..2 {
            let (done, got) = futures::channel::oneshot::channel();
            let mut clone = y.clone();
            spawn_local(async move {
                let _ = done.send(clone.next().await);
            });
            received.push(got);
        }
        // Both tasks are waiting (each has polled its clone once) before anything arrives.
        sleep_ms(50).await;
        x.send(Message::Text("one".into())).await.unwrap();
        sleep_ms(50).await;
        x.send(Message::Text("two".into())).await.unwrap();
        let mut texts = Vec::new();
        for got in received {
            match within(10, "each consumer's message", got).await {
                Ok(Some(Ok(Message::Text(text)))) => texts.push(text),
                other => panic!("a consumer got {other:?}"),
            }
        }
        texts.sort();
        assert_eq!(texts, ["one", "two"]);
    })
    .await;
}

/// A sender waiting for buffer space while the thresholds are raised above what is buffered goes
/// on at once: `bufferedamountlow` fires only when the amount falls past the threshold, which it
/// would now never do, so the change itself wakes the waiting sender.
#[wasm_bindgen_test]
async fn raising_the_thresholds_wakes_a_waiting_sender() {
    use futures::FutureExt;
    within(60, "thresholds raised while waiting", async {
        let (_a, _b, x, mut y) = connected_channel().await;
        const CHUNK: usize = 64 * 1024;
        const HIGH: u32 = 1024 * 1024;
        x.set_buffer_thresholds(256 * 1024, HIGH);
        // A burst the browser buffers: 4 MiB, far above the high-water mark.
        for _ in 0..64 {
            x.send_now(&Message::Binary(vec![7; CHUNK])).unwrap();
        }
        assert!(
            x.buffered_amount() > 2.0 * f64::from(HIGH),
            "{}",
            x.buffered_amount()
        );
        let (done, sent) = futures::channel::oneshot::channel();
        let mut sender = x.clone();
        spawn_local(async move {
            let _ = done.send(sender.send(Message::Text("after".into())).await);
        });
        let mut sent = sent.fuse();
        // Waiting: more than `high` is buffered.
        futures::select! {
            _ = sent => panic!("the sink was ready above its high-water mark"),
            _ = sleep_ms(20).fuse() => {}
        }
        assert!(x.buffered_amount() > f64::from(HIGH));
        // Now everything buffered is below both thresholds.
        x.set_buffer_thresholds(32 * 1024 * 1024, 64 * 1024 * 1024);
        within(2, "the waiting send", sent).await.unwrap().unwrap();
        // Every byte still arrives, then the text.
        let mut bytes = 0;
        while bytes < 64 * CHUNK {
            match y.next().await {
                Some(Ok(Message::Binary(b))) => bytes += b.len(),
                other => panic!("{other:?}"),
            }
        }
        assert_eq!(y.next().await, Some(Ok(Message::Text("after".into()))));
    })
    .await;
}

/// Chromium 156 sometimes reports the remote-created end of an open channel `connecting` again,
/// and it stays so (seen in the soak, about once in 1,000 cycles: 25 s watched). Emulated here
/// by shadowing `readyState` on the one channel object, as that browser answers it: a send
/// through the `Sink` fails at once with a typed error, instead of waiting for an `open` that
/// never comes; before the channel was ever open, a send waits, as it should.
#[wasm_bindgen_test]
async fn a_channel_that_says_connecting_again_after_open_fails_sends_instead_of_hanging() {
    within(60, "connecting again", async {
        let (_a, _b, _x, mut y) = connected_channel().await;
        assert_eq!(y.ready_state(), DataChannelState::Open);
        let descriptor = js_sys::Object::new();
        let getter = js_sys::Function::new_no_args("return 'connecting'");
        js_sys::Reflect::set(&descriptor, &"get".into(), &getter).unwrap();
        let channel: &js_sys::Object = wasm_bindgen::JsCast::unchecked_ref(y.as_raw());
        js_sys::Object::define_property(channel, &"readyState".into(), &descriptor);
        assert_eq!(y.ready_state(), DataChannelState::Connecting);
        let sent = within(2, "the send", y.send(Message::Text("lost?".into()))).await;
        assert!(
            matches!(&sent, Err(Error::InvalidState(m)) if m.contains("connecting again")),
            "{sent:?}"
        );
    })
    .await;
}

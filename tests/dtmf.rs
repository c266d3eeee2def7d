//! DTMF in real browsers: a synthetic audio track sent between two local peers, tones played
//! through `RTCDTMFSender`, validation and clamping, and `play()` failing — never hanging — when
//! the connection closes or the sender stops sending.
#![cfg(target_arch = "wasm32")]

mod common;

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use common::*;
use futures::future::{select, Either};
use futures::{FutureExt, StreamExt};
use js_sys::Reflect;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use wasm_rtc::synthetic::{audio_tone, video_pattern};
use wasm_rtc::{DtmfSender, Error, RtpSender, TrackKind, TransceiverMedia};

wasm_bindgen_test_configure!(run_in_browser);

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

fn now() -> f64 {
    js_sys::Date::now()
}

/// Plays `tones` and records every tone change meanwhile with its time (ms after the call).
async fn play_recording(
    dtmf: &DtmfSender,
    tones: &str,
    duration: Duration,
    gap: Duration,
) -> (Result<(), Error>, Vec<(String, f64)>) {
    let mut changes = dtmf.tone_changes();
    let start = now();
    let play = dtmf.play(tones, duration, gap);
    futures::pin_mut!(play);
    let mut seen = Vec::new();
    let result = loop {
        match select(&mut play, changes.next()).await {
            Either::Left((result, _)) => break result,
            Either::Right((Some(tone), _)) => seen.push((tone, now() - start)),
            Either::Right((None, _)) => panic!("the tone-change stream ended"),
        }
    };
    // The event that resolved `play` is already queued on this stream too.
    while let Some(Some(tone)) = changes.next().now_or_never() {
        seen.push((tone, now() - start));
    }
    (result, seen)
}

/// Starts playing ten long tones and returns the `play` future once the first tone sounds.
async fn playing_first_tone(
    dtmf: &DtmfSender,
) -> Pin<Box<dyn Future<Output = Result<(), Error>> + '_>> {
    let mut changes = dtmf.tone_changes();
    let mut play = Box::pin(dtmf.play("1111111111", ms(300), ms(30)));
    match select(&mut play, changes.next()).await {
        Either::Right((tone, _)) => assert_eq!(tone.as_deref(), Some("1")),
        Either::Left((result, _)) => panic!("play resolved before any tone: {result:?}"),
    }
    play
}

fn tones_of(seen: &[(String, f64)]) -> Vec<&str> {
    seen.iter().map(|(t, _)| t.as_str()).collect()
}

#[wasm_bindgen_test]
async fn audio_senders_have_dtmf_video_senders_do_not() {
    within(20, "dtmf attribute", async {
        let a = peer();
        let video = a
            .add_track(&video_pattern(160, 120, 15).unwrap(), &[])
            .unwrap();
        assert_eq!(video.dtmf(), Ok(None), "a video sender has no DTMF sender");

        let audio = a.add_track(&audio_tone(440.0).unwrap(), &[]).unwrap();
        let dtmf = audio
            .dtmf()
            .unwrap()
            .expect("an audio sender has a DTMF sender");
        assert_eq!(
            audio.dtmf().unwrap(),
            Some(dtmf.clone()),
            "the same native sender each time"
        );
        assert_eq!(dtmf.tone_buffer(), "");
        // Not negotiated yet: the browser refuses, with a typed error and nothing queued.
        assert_eq!(dtmf.can_insert_dtmf(), Ok(false));
        let err = dtmf.insert_dtmf_default("123").unwrap_err();
        assert!(
            matches!(err, Error::InvalidState(_)),
            "insert before negotiation gave {err:?}"
        );
        let err = dtmf.play_default("1").await.unwrap_err();
        assert!(
            matches!(err, Error::InvalidState(_)),
            "play before negotiation gave {err:?}"
        );
        assert_eq!(dtmf.tone_buffer(), "");

        // An audio transceiver without a track has one too; it cannot send either.
        let empty = a
            .add_transceiver(
                &TransceiverMedia::Kind(TrackKind::Audio),
                &Default::default(),
            )
            .unwrap();
        let dtmf = empty
            .sender()
            .dtmf()
            .unwrap()
            .expect("an audio transceiver's sender has a DTMF sender");
        assert_eq!(dtmf.can_insert_dtmf(), Ok(false));
    })
    .await;
}

#[wasm_bindgen_test]
async fn play_resolves_after_every_tone_and_the_final_empty_one() {
    within(20, "play 1234#,*", async {
        let c = call().await;
        let (result, seen) = play_recording(&c.dtmf, "1234#,*", ms(40), ms(30)).await;
        console_log!("tone changes (ms after play): {seen:?}");
        result.unwrap();
        // Every tone, the comma reported as "," when its pause starts, then "" at the end.
        assert_eq!(tones_of(&seen), ["1", "2", "3", "4", "#", ",", "*", ""]);
        assert_eq!(c.dtmf.tone_buffer(), "");
        // The comma holds the next tone back two seconds.
        let (comma, star) = (seen[5].1, seen[6].1);
        assert!(
            star - comma >= 1900.0,
            "the comma paused {} ms",
            star - comma
        );
        let total = seen[7].1;
        let nominal = DtmfSender::playout_time("1234#,*", ms(40), ms(30))
            .unwrap()
            .as_millis() as f64;
        assert!(
            total >= nominal - 100.0 && total < nominal + 3000.0,
            "played in {total} ms, nominally {nominal}"
        );

        // The defaults work too, and a second play on the same sender resolves again.
        let (result, seen) = play_recording(
            &c.dtmf,
            "9d",
            DtmfSender::DEFAULT_DURATION,
            DtmfSender::DEFAULT_INTER_TONE_GAP,
        )
        .await;
        console_log!("default timing (ms after play): {seen:?}");
        result.unwrap();
        assert_eq!(tones_of(&seen), ["9", "D", ""], "lower-case d is sent as D");
        let start = now();
        c.dtmf.play_default("*").await.unwrap();
        assert!(
            now() - start >= 150.0,
            "one default tone took {} ms",
            now() - start
        );
    })
    .await;
}

#[wasm_bindgen_test]
async fn invalid_tones_are_rejected_before_the_browser_sees_them() {
    within(20, "invalid tones", async {
        let c = call().await;
        let mut changes = c.dtmf.tone_changes();
        c.dtmf.insert_dtmf("5678", ms(1000), ms(30)).unwrap();
        // Nothing has played yet (the first tone starts in a later task).
        assert_eq!(c.dtmf.tone_buffer(), "5678");
        for bad in ["12X", "1 2", "e", "+1", "1w"] {
            let err = c.dtmf.insert_dtmf(bad, ms(100), ms(70)).unwrap_err();
            assert!(
                matches!(&err, Error::InvalidCharacter(m) if m.contains("is not a DTMF tone")),
                "{bad:?} gave {err:?}"
            );
            assert_eq!(err.name(), "InvalidCharacterError");
            assert_eq!(c.dtmf.tone_buffer(), "5678", "{bad:?} left the queue alone");
        }
        let err = c.dtmf.play_default("12X").await.unwrap_err();
        assert!(
            matches!(err, Error::InvalidCharacter(_)),
            "play(\"12X\") gave {err:?}"
        );
        assert_eq!(
            changes.next().await.as_deref(),
            Some("5"),
            "the queued tones still play"
        );
        assert_eq!(c.dtmf.tone_buffer(), "678", "and only they");

        // Lower-case a-d are the same tones; the buffer shows them upper-case in every browser.
        c.dtmf.insert_dtmf("abcd", ms(1000), ms(30)).unwrap();
        assert_eq!(c.dtmf.tone_buffer(), "ABCD");
        // An empty string cancels what is queued.
        c.dtmf.play_default("").await.unwrap();
        assert_eq!(c.dtmf.tone_buffer(), "");
        assert_eq!(
            within(5, "end of the cancelled playout", changes.next())
                .await
                .as_deref(),
            Some("")
        );

        // Tones are checked before the browser is asked: on a sender that cannot send DTMF the
        // answer is still InvalidCharacter for bad tones (the browser would say InvalidState).
        let idle = peer()
            .add_track(&audio_tone(220.0).unwrap(), &[])
            .unwrap()
            .dtmf()
            .unwrap()
            .unwrap();
        assert!(matches!(
            idle.insert_dtmf_default("12X"),
            Err(Error::InvalidCharacter(_))
        ));
        assert!(matches!(
            idle.insert_dtmf_default("12"),
            Err(Error::InvalidState(_))
        ));
    })
    .await;
}

#[wasm_bindgen_test]
async fn out_of_range_timing_is_clamped_not_rejected() {
    within(20, "clamping", async {
        let c = call().await;
        // Zero duration and gap are raised to 40 ms and 30 ms: no error, and each tone still
        // takes at least 70 ms.
        let (result, seen) = play_recording(&c.dtmf, "11", Duration::ZERO, Duration::ZERO).await;
        console_log!("0 ms / 0 ms (ms after play): {seen:?}");
        result.unwrap();
        assert_eq!(tones_of(&seen), ["1", "1", ""]);
        assert!(
            seen[1].1 - seen[0].1 >= 60.0,
            "a clamped tone slot took {} ms",
            seen[1].1 - seen[0].1
        );
        assert!(
            seen[2].1 - seen[1].1 >= 60.0,
            "a clamped tone slot took {} ms",
            seen[2].1 - seen[1].1
        );

        // Seven seconds is lowered to 6: the tone ends after 6 s plus the gap, not 7.
        let (result, seen) = play_recording(&c.dtmf, "1", Duration::from_secs(7), ms(30)).await;
        console_log!("7 s / 30 ms (ms after play): {seen:?}");
        result.unwrap();
        assert_eq!(tones_of(&seen), ["1", ""]);
        let slot = seen[1].1 - seen[0].1;
        assert!(
            (5900.0..6900.0).contains(&slot),
            "a 7 s tone played for {slot} ms"
        );

        // Values far out of range are clamped too (u32 milliseconds at most), never an error.
        c.dtmf
            .insert_dtmf("2", Duration::MAX, Duration::MAX)
            .unwrap();
        c.dtmf
            .insert_dtmf("", Duration::MAX, Duration::MAX)
            .unwrap();
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_new_insert_replaces_the_queue_and_play_waits_for_it() {
    within(20, "insert while playing", async {
        let c = call().await;
        let mut changes = c.dtmf.tone_changes();
        let play = c.dtmf.play("111", ms(300), ms(30));
        futures::pin_mut!(play);
        // While the first "1" plays, replace the two queued ones.
        match select(&mut play, changes.next()).await {
            Either::Right((tone, _)) => assert_eq!(tone.as_deref(), Some("1")),
            Either::Left((result, _)) => panic!("play resolved before any tone: {result:?}"),
        }
        c.dtmf.insert_dtmf("22", ms(40), ms(30)).unwrap();
        play.await.unwrap();
        let mut rest = Vec::new();
        while let Some(Some(tone)) = changes.next().now_or_never() {
            rest.push(tone);
        }
        assert_eq!(
            rest,
            ["2", "2", ""],
            "play resolved once the replacement tones had played"
        );
    })
    .await;
}

#[wasm_bindgen_test]
async fn play_fails_instead_of_hanging_when_the_local_connection_closes() {
    within(20, "local close", async {
        let c = call().await;
        let play = playing_first_tone(&c.dtmf).await;
        // close() fires no event at all.
        c.a.close();
        let start = now();
        let err = within(5, "play after close", play).await.unwrap_err();
        assert_eq!(err, Error::Closed);
        assert!(
            now() - start < 1500.0,
            "noticed the close after {} ms",
            now() - start
        );
        assert_eq!(c.dtmf.can_insert_dtmf(), Ok(false));
        assert!(matches!(
            c.dtmf.insert_dtmf_default("1"),
            Err(Error::InvalidState(_))
        ));
    })
    .await;
}

#[wasm_bindgen_test]
async fn play_fails_when_the_remote_peer_closes() {
    within(20, "remote close", async {
        let c = call().await;
        let play = playing_first_tone(&c.dtmf).await;
        // Both browsers would keep "playing" into a closed transport (canInsertDTMF stays true).
        c.b.close();
        let err = within(10, "play after remote close", play)
            .await
            .unwrap_err();
        assert_eq!(err, Error::Closed);
    })
    .await;
}

#[wasm_bindgen_test]
async fn play_fails_when_the_sender_stops_sending() {
    within(20, "removeTrack", async {
        let c = call().await;
        let play = playing_first_tone(&c.dtmf).await;
        c.a.remove_track(&c.sender).unwrap();
        negotiate(&c.a, &c.b).await;
        let err = within(10, "play after removeTrack", play)
            .await
            .unwrap_err();
        assert!(
            matches!(err, Error::InvalidState(_)),
            "play after removeTrack gave {err:?}"
        );
        assert_eq!(c.dtmf.can_insert_dtmf(), Ok(false));
        assert!(matches!(
            c.dtmf.insert_dtmf_default("1"),
            Err(Error::InvalidState(_))
        ));
    })
    .await;
}

/// A stand-in `RTCDTMFSender` the test drives by hand: `insertDTMF` only sets `toneBuffer`, and
/// `tonechange` events are dispatched with [`fire`]. For what no real browser does on cue.
fn fake_sender() -> (web_sys::EventTarget, DtmfSender) {
    let target = web_sys::EventTarget::new().unwrap();
    let insert = js_sys::Function::new_with_args("tones", "this.toneBuffer = tones;");
    Reflect::set(&target, &"insertDTMF".into(), &insert).unwrap();
    Reflect::set(&target, &"toneBuffer".into(), &"".into()).unwrap();
    Reflect::set(&target, &"canInsertDTMF".into(), &true.into()).unwrap();
    let dtmf = DtmfSender::from(target.clone().unchecked_into::<web_sys::RtcdtmfSender>());
    (target, dtmf)
}

fn set(target: &web_sys::EventTarget, name: &str, value: impl Into<JsValue>) {
    Reflect::set(target, &name.into(), &value.into()).unwrap();
}

/// Dispatches a `tonechange` with `tone` after setting the fake's `toneBuffer` to `buffer`.
fn fire(target: &web_sys::EventTarget, tone: &str, buffer: &str) {
    set(target, "toneBuffer", buffer);
    let event = web_sys::Event::new("tonechange").unwrap();
    Reflect::set(&event, &"tone".into(), &tone.into()).unwrap();
    target.dispatch_event(&event).unwrap();
}

#[wasm_bindgen_test]
async fn play_ignores_an_empty_tone_while_its_tones_are_still_queued() {
    within(10, "fake playout", async {
        let (target, dtmf) = fake_sender();
        let play = dtmf.play("12", ms(40), ms(30));
        futures::pin_mut!(play);
        assert!(futures::poll!(&mut play).is_pending());
        assert_eq!(dtmf.tone_buffer(), "12");
        // The end of an earlier playout, delivered after this insert: not ours.
        fire(&target, "", "12");
        sleep_ms(10).await;
        assert!(
            futures::poll!(&mut play).is_pending(),
            "a stale empty tone resolved play"
        );
        fire(&target, "1", "2");
        fire(&target, "2", "");
        sleep_ms(10).await;
        assert!(
            futures::poll!(&mut play).is_pending(),
            "play resolved before the final empty tone"
        );
        fire(&target, "", "");
        within(2, "play after the final empty tone", play)
            .await
            .unwrap();
    })
    .await;
}

#[wasm_bindgen_test]
async fn play_times_out_when_a_sender_goes_silent_without_a_word() {
    within(15, "silent sender", async {
        let (target, dtmf) = fake_sender();
        let start = now();
        let play = dtmf.play("11", ms(40), ms(30));
        futures::pin_mut!(play);
        sleep_ms(10).await;
        fire(&target, "1", "1");
        // …and then nothing: no tone, no end, yet canInsertDTMF stays true.
        let err = play.await.unwrap_err();
        let elapsed = now() - start;
        assert!(
            matches!(&err, Error::Timeout(_)),
            "a silent sender gave {err:?}"
        );
        // The window: the longest step (a comma's 2 s) plus the longest tone (6 s).
        assert!(
            (7900.0..10_000.0).contains(&elapsed),
            "gave up after {elapsed} ms"
        );
    })
    .await;
}

#[wasm_bindgen_test]
async fn play_notices_can_insert_dtmf_turning_false_without_any_event() {
    within(10, "canInsertDTMF false", async {
        let (target, dtmf) = fake_sender();
        let play = dtmf.play("11", ms(40), ms(30));
        futures::pin_mut!(play);
        fire(&target, "1", "1");
        set(&target, "canInsertDTMF", false);
        let start = now();
        let err = play.await.unwrap_err();
        assert!(matches!(err, Error::InvalidState(_)), "gave {err:?}");
        assert!(now() - start < 1000.0, "noticed after {} ms", now() - start);
    })
    .await;
}

#[wasm_bindgen_test]
async fn browsers_without_dtmf_or_can_insert_dtmf_say_unsupported() {
    within(10, "unsupported", async {
        // An RTCRtpSender without a `dtmf` attribute: the browser has no DTMF at all.
        let sender =
            RtpSender::from(js_sys::Object::new().unchecked_into::<web_sys::RtcRtpSender>());
        assert_eq!(sender.dtmf(), Err(Error::unsupported("RTCRtpSender.dtmf")));

        // A DTMF sender that predates canInsertDTMF: Unsupported, and play still works.
        let (target, dtmf) = fake_sender();
        Reflect::delete_property(
            target.unchecked_ref::<js_sys::Object>(),
            &"canInsertDTMF".into(),
        )
        .unwrap();
        assert_eq!(
            dtmf.can_insert_dtmf(),
            Err(Error::unsupported("RTCDTMFSender.canInsertDTMF"))
        );
        let play = dtmf.play("1", ms(40), ms(30));
        futures::pin_mut!(play);
        sleep_ms(300).await;
        assert!(
            futures::poll!(&mut play).is_pending(),
            "the missing attribute is not a stopped sender"
        );
        fire(&target, "1", "");
        fire(&target, "", "");
        within(2, "play", play).await.unwrap();
    })
    .await;
}

/// A sender's `tone_changes()` ends when the connection closes (closing fires no `tonechange`
/// to end it by); it also ends when the last handle is dropped — of the connection and of what
/// keeps it open (the sender and the DTMF sender): the stream alone does not.
#[wasm_bindgen_test]
async fn tone_changes_end_when_the_connection_closes() {
    within(60, "tone_changes after close", async {
        let c = call().await;
        let mut changes = c.dtmf.tone_changes();
        c.a.close();
        within(2, "the stream ends", async {
            while changes.next().await.is_some() {}
        })
        .await;

        let d = call().await;
        let mut changes = d.dtmf.tone_changes();
        drop((d.a, d.b, d.sender, d.dtmf));
        within(2, "the stream ends after drop", async {
            while changes.next().await.is_some() {}
        })
        .await;
    })
    .await;
}

/// Measured, not assumed: both engines cap `interToneGap` at 6000 ms (webrtc-pc's insertDTMF
/// steps do too), so a 7000 ms gap asked of the browser itself plays as a 6000 ms one — and the
/// wrapper's clamp agrees. Firefox waits the gap once between two tones; Chromium waits it twice
/// (measured with gaps of 1, 3, 5 and 6 s: 40 ms tones 2·gap + 40 ms apart), which `play()`'s
/// stall timeout allows for.
#[wasm_bindgen_test]
async fn the_inter_tone_gap_is_capped_where_the_browsers_cap_it() {
    within(60, "a long gap", async {
        let c = call().await;
        let mut changes = c.dtmf.tone_changes();
        // The browser's own insertDTMF, past the wrapper's clamping.
        let insert: js_sys::Function = Reflect::get(c.dtmf.as_raw(), &"insertDTMF".into())
            .unwrap()
            .dyn_into()
            .unwrap();
        insert
            .call3(c.dtmf.as_raw(), &"12".into(), &40.into(), &7000.into())
            .unwrap();
        let mut at = Vec::new();
        while at.len() < 2 {
            let tone = within(15, "the next tone", changes.next()).await.unwrap();
            if tone == "1" || tone == "2" {
                at.push(now());
            }
        }
        let measured = at[1] - at[0];
        let gap = DtmfSender::clamp_inter_tone_gap(ms(7000));
        assert_eq!(gap, ms(6000));
        let user_agent = web_sys::window().unwrap().navigator().user_agent().unwrap();
        let gaps_between_tones = if user_agent.contains("Firefox/") {
            1.0
        } else {
            2.0
        };
        let expected = 40.0 + gaps_between_tones * gap.as_millis() as f64;
        assert!(
            (measured - expected).abs() < 500.0,
            "the browser played a 7000 ms gap as {measured} ms between tones; expected {expected}"
        );
    })
    .await;
}

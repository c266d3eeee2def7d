//! DTMF: [`DtmfSender`] wraps
//! [`RTCDTMFSender`](https://developer.mozilla.org/en-US/docs/Web/API/RTCDTMFSender), the
//! touch-tone sender of an audio [`RtpSender`](crate::RtpSender), with tone validation, the
//! spec's clamping, a [`Stream`](futures::Stream) of `tonechange` events and a future that
//! resolves once the tones have played ([`DtmfSender::play`]).

use std::time::Duration;

use futures::future::{select, Either};
use futures::StreamExt;
use wasm_bindgen::{JsCast, JsValue};

use crate::attribute;
use crate::error::Error;
use crate::event::{Emit, EventStream};
use crate::rtp::RtpSender;
use crate::sys;
use crate::timer::timer;

/// How long [`DtmfSender::play`] waits between two liveness checks of the sender (whether the
/// connection closed or the sender stopped being able to send DTMF).
const LIVENESS_INTERVAL: Duration = Duration::from_millis(250);

/// How much longer than the longest step of its own playout (one tone slot, or a comma's pause)
/// [`DtmfSender::play`] waits for the next `tonechange` before it gives up: the longest tone,
/// so that a tone of an earlier `insertDTMF` still playing when `play` starts is no stall.
const STALL_SLACK: Duration = DtmfSender::MAX_DURATION;

/// An `RTCDTMFSender`: sends DTMF (touch-tone) tones on an audio [`RtpSender`](crate::RtpSender),
/// out of band as RFC 4733 telephone events.
///
/// Get one with [`RtpSender::dtmf`](crate::RtpSender::dtmf). A cheap handle: clones, and handles
/// of the same sender, are equal.
///
/// * [`insert_dtmf`](Self::insert_dtmf) validates and normalises the tones *before* the browser
///   sees them (so every browser rejects the same strings, and nothing is queued on a rejected
///   call) and clamps the timing as the spec does;
/// * [`tone_changes`](Self::tone_changes) is the `tonechange` events as a stream of tones, `""`
///   when the buffer has finished playing;
/// * [`play`](Self::play) inserts tones and resolves once they have all played — or fails, never
///   hangs, if the connection closes or the sender stops sending DTMF.
///
/// ```no_run
/// # async fn f(sender: wasm_rtc::RtpSender) -> Result<(), wasm_rtc::Error> {
/// use std::time::Duration;
/// if let Some(dtmf) = sender.dtmf()? {
///     // "1", "2", "3", a two-second pause, then "#"; 100 ms tones with 70 ms gaps.
///     dtmf.play_default("123,#").await?;
///     // Shorter tones: 50 ms each, 40 ms apart.
///     dtmf.play("456", Duration::from_millis(50), Duration::from_millis(40)).await?;
/// }
/// # Ok(()) }
/// ```
///
/// [MDN](https://developer.mozilla.org/en-US/docs/Web/API/RTCDTMFSender)
#[derive(Debug, Clone)]
pub struct DtmfSender {
    raw: web_sys::RtcdtmfSender,
    /// The RTP sender it belongs to, when known: its transport tells [`play`](Self::play) that the
    /// connection closed.
    sender: Option<RtpSender>,
}

impl PartialEq for DtmfSender {
    fn eq(&self, other: &Self) -> bool {
        self.raw == other.raw
    }
}

impl Eq for DtmfSender {}

impl DtmfSender {
    /// The spec's default tone duration: 100 ms.
    pub const DEFAULT_DURATION: Duration = Duration::from_millis(100);
    /// The spec's default gap between tones (`interToneGap`): 70 ms.
    pub const DEFAULT_INTER_TONE_GAP: Duration = Duration::from_millis(70);
    /// The shortest tone: shorter durations are raised to 40 ms.
    pub const MIN_DURATION: Duration = Duration::from_millis(40);
    /// The longest tone: longer durations are lowered to 6000 ms.
    pub const MAX_DURATION: Duration = Duration::from_millis(6000);
    /// The shortest gap between tones: shorter gaps are raised to 30 ms.
    pub const MIN_INTER_TONE_GAP: Duration = Duration::from_millis(30);
    /// The longest gap between tones: longer gaps are lowered to 6000 ms.
    pub const MAX_INTER_TONE_GAP: Duration = Duration::from_millis(6000);
    /// The pause a comma (`,`) in the tones stands for: 2 seconds.
    pub const COMMA_DELAY: Duration = Duration::from_millis(2000);
    /// The characters a tone string may contain (`a`–`d` are accepted too and mean `A`–`D`).
    pub const TONE_CHARACTERS: &'static str = "0123456789ABCD#*,";

    /// Validates and normalises a tone string as `insertDTMF` does: `0`–`9`, `A`–`D` (`a`–`d`
    /// are upper-cased, as the spec requires), `#`, `*`, and `,` (a two-second pause). The empty
    /// string is valid: inserted, it cancels the queued tones.
    ///
    /// [`Error::InvalidCharacter`] (the browser's `InvalidCharacterError`) names the first
    /// character that is not a tone.
    ///
    /// ```
    /// use wasm_rtc::{DtmfSender, Error};
    /// assert_eq!(DtmfSender::normalize_tones("12ab#*,").unwrap(), "12AB#*,");
    /// assert!(matches!(DtmfSender::normalize_tones("12X"), Err(Error::InvalidCharacter(_))));
    /// ```
    pub fn normalize_tones(tones: &str) -> Result<String, Error> {
        tones
            .chars()
            .enumerate()
            .map(|(index, c)| match c.to_ascii_uppercase() {
                tone @ ('0'..='9' | 'A'..='D' | '#' | '*' | ',') => Ok(tone),
                _ => Err(Error::InvalidCharacter(format!(
                    "{c:?} (character {index} of {tones:?}) is not a DTMF tone: use 0-9, A-D, #, * and ,"
                ))),
            })
            .collect()
    }

    /// A tone duration clamped as the spec does: to 40–6000 ms, in whole milliseconds
    /// (fractions are dropped).
    ///
    /// ```
    /// use std::time::Duration;
    /// use wasm_rtc::DtmfSender;
    /// assert_eq!(DtmfSender::clamp_duration(Duration::ZERO), Duration::from_millis(40));
    /// assert_eq!(DtmfSender::clamp_duration(Duration::from_secs(7)), Duration::from_millis(6000));
    /// ```
    pub fn clamp_duration(duration: Duration) -> Duration {
        let ms = millis(duration).clamp(millis(Self::MIN_DURATION), millis(Self::MAX_DURATION));
        Duration::from_millis(u64::from(ms))
    }

    /// A gap between tones clamped as the spec and the browsers do: to 30–6000 ms, in whole
    /// milliseconds (fractions are dropped). Measured: Chromium and Firefox both play a longer
    /// gap as 6000 ms.
    ///
    /// ```
    /// use std::time::Duration;
    /// use wasm_rtc::DtmfSender;
    /// assert_eq!(DtmfSender::clamp_inter_tone_gap(Duration::ZERO), Duration::from_millis(30));
    /// assert_eq!(DtmfSender::clamp_inter_tone_gap(Duration::from_secs(1)), Duration::from_secs(1));
    /// assert_eq!(DtmfSender::clamp_inter_tone_gap(Duration::from_secs(7)), Duration::from_secs(6));
    /// ```
    pub fn clamp_inter_tone_gap(gap: Duration) -> Duration {
        let ms = millis(gap).clamp(
            millis(Self::MIN_INTER_TONE_GAP),
            millis(Self::MAX_INTER_TONE_GAP),
        );
        Duration::from_millis(u64::from(ms))
    }

    /// How long `tones` take to play with this timing (clamped as
    /// [`insert_dtmf`](Self::insert_dtmf) clamps it), as the spec says: each tone takes its
    /// duration plus the gap, each comma [`COMMA_DELAY`](Self::COMMA_DELAY). The final
    /// `tonechange` (`""`) comes about this long after the first in Firefox; Chromium waits each
    /// gap twice (measured), so there it comes later by the sum of the gaps.
    ///
    /// [`Error::InvalidCharacter`] for a string that is not tones.
    ///
    /// ```
    /// use std::time::Duration;
    /// use wasm_rtc::DtmfSender;
    /// let ms = Duration::from_millis;
    /// assert_eq!(DtmfSender::playout_time("12,3", ms(100), ms(70)).unwrap(), ms(3 * 170 + 2000));
    /// ```
    pub fn playout_time(
        tones: &str,
        duration: Duration,
        inter_tone_gap: Duration,
    ) -> Result<Duration, Error> {
        let tones = Self::normalize_tones(tones)?;
        let slot = Self::clamp_duration(duration) + Self::clamp_inter_tone_gap(inter_tone_gap);
        Ok(tones
            .chars()
            .map(|tone| if tone == ',' { Self::COMMA_DELAY } else { slot })
            .fold(Duration::ZERO, |total, step| total.saturating_add(step)))
    }

    /// `insertDTMF(tones, duration, interToneGap)`: replaces the tone buffer with `tones` and
    /// starts playing them (after the tone playing now, if any). An empty string cancels the
    /// queued tones.
    ///
    /// The tones are checked first ([`normalize_tones`](Self::normalize_tones)): a string with a
    /// character that is not a tone fails with [`Error::InvalidCharacter`] before the browser is
    /// called, so the buffer is left as it was. `a`–`d` are sent as `A`–`D`. The timing is
    /// clamped as the spec does — `duration` to 40–6000 ms
    /// ([`clamp_duration`](Self::clamp_duration)), `inter_tone_gap` to 30–6000 ms
    /// ([`clamp_inter_tone_gap`](Self::clamp_inter_tone_gap)) — so out-of-range values are not
    /// errors, in every browser.
    ///
    /// The browser's errors: [`Error::InvalidState`] when the sender cannot send DTMF (no
    /// negotiated connection yet, a transceiver that is not sending, stopped, or closed: see
    /// [`can_insert_dtmf`](Self::can_insert_dtmf)).
    ///
    /// [MDN](https://developer.mozilla.org/en-US/docs/Web/API/RTCDTMFSender/insertDTMF)
    pub fn insert_dtmf(
        &self,
        tones: &str,
        duration: Duration,
        inter_tone_gap: Duration,
    ) -> Result<(), Error> {
        let tones = Self::normalize_tones(tones)?;
        self.insert_normalized(
            &tones,
            Self::clamp_duration(duration),
            Self::clamp_inter_tone_gap(inter_tone_gap),
        )
    }

    /// [`insert_dtmf`](Self::insert_dtmf) with the spec's default timing: 100 ms tones, 70 ms
    /// apart.
    pub fn insert_dtmf_default(&self, tones: &str) -> Result<(), Error> {
        self.insert_dtmf(tones, Self::DEFAULT_DURATION, Self::DEFAULT_INTER_TONE_GAP)
    }

    fn insert_normalized(
        &self,
        tones: &str,
        duration: Duration,
        gap: Duration,
    ) -> Result<(), Error> {
        let args = [
            JsValue::from_str(tones),
            JsValue::from(millis(duration)),
            JsValue::from(millis(gap)),
        ];
        sys::call(&self.raw, "RTCDTMFSender", "insertDTMF", &args).map(drop)
    }

    /// `toneBuffer`: the tones still to play, upper-case (the tone playing now is no longer in
    /// it). Empty when nothing is queued.
    ///
    /// [MDN](https://developer.mozilla.org/en-US/docs/Web/API/RTCDTMFSender/toneBuffer)
    pub fn tone_buffer(&self) -> String {
        attribute::string_attribute(&self.raw, "toneBuffer").unwrap_or_default()
    }

    /// `canInsertDTMF`: whether the sender can send DTMF now — the connection is negotiated, the
    /// transceiver is sending, and the remote side accepts telephone events.
    ///
    /// [`Error::Unsupported`] (`"RTCDTMFSender.canInsertDTMF"`) in browsers that predate the
    /// attribute; there [`insert_dtmf`](Self::insert_dtmf) still reports an unusable sender
    /// with [`Error::InvalidState`].
    ///
    /// [MDN](https://developer.mozilla.org/en-US/docs/Web/API/RTCDTMFSender/canInsertDTMF)
    pub fn can_insert_dtmf(&self) -> Result<bool, Error> {
        js_sys::Reflect::get(&self.raw, &JsValue::from_str("canInsertDTMF"))
            .ok()
            .and_then(|v| v.as_bool())
            .ok_or_else(|| Error::unsupported("RTCDTMFSender.canInsertDTMF"))
    }

    /// The `tonechange` events from now on, as the `tone` of each: a tone as it starts playing
    /// (`"1"`, `"A"`, …, and `","` as a pause starts), then `""` once the buffer has finished
    /// playing.
    ///
    /// Subscribe before calling [`insert_dtmf`](Self::insert_dtmf) so no tone is missed. The
    /// stream does not end with a playout (a sender can play tones again); it ends when the
    /// connection is closed or its last handle dropped (which fire no `tonechange`), for a
    /// sender reached through a connection. Drop it to stop listening sooner.
    ///
    /// [MDN](https://developer.mozilla.org/en-US/docs/Web/API/RTCDTMFSender/tonechange_event)
    pub fn tone_changes(&self) -> EventStream<String> {
        let changes = EventStream::new().on(self.raw.as_ref(), "tonechange", |event| {
            Emit::Item(attribute::string_attribute(event, "tone").unwrap_or_default())
        });
        match &self.sender {
            Some(sender) => sender.owner().bound(changes),
            None => changes,
        }
    }

    /// Inserts `tones` ([`insert_dtmf`](Self::insert_dtmf), with its validation and clamping)
    /// and resolves once they have played: at the `tonechange` with the empty tone that follows,
    /// when the buffer is empty. `""` only cancels what is queued and resolves at once.
    ///
    /// It never waits forever:
    /// * [`Error::Closed`] if the connection closes while the tones play (at once for a sender
    ///   reached through its [`PeerConnection`](crate::PeerConnection), else once the sender's
    ///   DTLS transport is `closed`), and [`Error::Operation`] if the transport `failed`;
    /// * [`Error::InvalidState`] if the sender can no longer send DTMF (`canInsertDTMF` turned
    ///   false: the transceiver stopped or stopped sending, e.g. after `remove_track` — at once
    ///   in Firefox, once renegotiated in Chrome; Firefox also stops DTMF on
    ///   `replace_track(None)`, where Chrome plays on);
    /// * [`Error::Timeout`] if no `tonechange` comes for 6 s (the longest
    ///   tone) longer than the longest step of this playout — a tone plus its gap, or a comma's
    ///   2 s; 8 s with short tones. A last resort for a browser that stops playing without
    ///   saying so: the two cases above are noticed long before.
    ///
    /// The sender's state is checked at each `tonechange` and every 250 ms, so those errors come
    /// within about that long. A later
    /// `insert_dtmf` on the same sender replaces the remaining tones; this future then resolves
    /// when *those* have played (or times out if their steps are longer than its window).
    ///
    /// Cancel-safe: dropping the future stops waiting, detaches its listener and leaves the
    /// tones playing.
    pub async fn play(
        &self,
        tones: &str,
        duration: Duration,
        inter_tone_gap: Duration,
    ) -> Result<(), Error> {
        let tones = Self::normalize_tones(tones)?;
        let (duration, gap) = (
            Self::clamp_duration(duration),
            Self::clamp_inter_tone_gap(inter_tone_gap),
        );
        // Listen before inserting: the first tonechange may be dispatched soon after.
        let mut changes = self.tone_changes();
        self.insert_normalized(&tones, duration, gap)?;
        if tones.is_empty() {
            return Ok(());
        }
        // Chromium waits each gap twice (measured): the longest step is a tone and two gaps.
        let stall = (duration + gap + gap)
            .max(Self::COMMA_DELAY)
            .saturating_add(STALL_SLACK);
        let mut stalled = timer(stall);
        loop {
            let check = timer(LIVENESS_INTERVAL);
            match select(changes.next(), select(check, &mut stalled)).await {
                Either::Left((Some(tone), _)) => {
                    self.check_alive()?;
                    // An empty tone ends *a* playout: ours only if nothing is queued any more
                    // (an earlier playout's last event can still be on its way when we insert).
                    if tone.is_empty() && self.tone_buffer().is_empty() {
                        return Ok(());
                    }
                    stalled = timer(stall);
                }
                // The stream has no end of its own; treat one like a closed sender.
                Either::Left((None, _)) => return Err(Error::Closed),
                Either::Right((Either::Left(_), _)) => self.check_alive()?,
                Either::Right((Either::Right(_), _)) => {
                    self.check_alive()?;
                    return Err(Error::Timeout(format!(
                        "DTMF playout stalled: no tonechange for {} ms with {:?} still queued",
                        stall.as_millis(),
                        self.tone_buffer()
                    )));
                }
            }
        }
    }

    /// [`play`](Self::play) with the spec's default timing: 100 ms tones, 70 ms apart.
    pub async fn play_default(&self, tones: &str) -> Result<(), Error> {
        self.play(tones, Self::DEFAULT_DURATION, Self::DEFAULT_INTER_TONE_GAP)
            .await
    }

    /// Fails if the tones can no longer play: the connection closed or failed (seen on the RTP
    /// sender's DTLS transport, when known), or the sender can no longer send DTMF.
    fn check_alive(&self) -> Result<(), Error> {
        if let Some(sender) = &self.sender {
            let transport = js_sys::Reflect::get(sender.as_raw(), &JsValue::from_str("transport"))
                .ok()
                .filter(JsValue::is_object);
            match transport
                .and_then(|t| attribute::string_attribute(&t, "state"))
                .as_deref()
            {
                Some("closed") => return Err(Error::Closed),
                Some("failed") => {
                    return Err(Error::Operation(
                        "the connection failed while playing DTMF".into(),
                    ))
                }
                _ => {}
            }
        }
        if self.can_insert_dtmf() == Ok(false) {
            return Err(Error::InvalidState(
                "the sender can no longer send DTMF (canInsertDTMF is false); the remaining tones were not played"
                    .into(),
            ));
        }
        Ok(())
    }

    /// The browser's `RTCDTMFSender`.
    pub fn as_raw(&self) -> &web_sys::RtcdtmfSender {
        &self.raw
    }
}

impl From<web_sys::RtcdtmfSender> for DtmfSender {
    /// Wraps a native sender. Without its [`RtpSender`](crate::RtpSender),
    /// [`play`](DtmfSender::play) notices a closed connection through `canInsertDTMF` only
    /// (prefer [`RtpSender::dtmf`](crate::RtpSender::dtmf)).
    fn from(raw: web_sys::RtcdtmfSender) -> Self {
        DtmfSender { raw, sender: None }
    }
}

/// DTMF on an RTP sender.
impl RtpSender {
    /// `dtmf`: the sender's [`DtmfSender`].
    ///
    /// `Ok(None)` for a video sender (the attribute is `null`: only audio carries DTMF);
    /// [`Error::Unsupported`] (`"RTCRtpSender.dtmf"`) in a browser without DTMF at all. An audio
    /// sender has one even before negotiation, when it cannot send yet (see
    /// [`DtmfSender::can_insert_dtmf`]).
    ///
    /// [MDN](https://developer.mozilla.org/en-US/docs/Web/API/RTCRtpSender/dtmf)
    pub fn dtmf(&self) -> Result<Option<DtmfSender>, Error> {
        let dtmf = js_sys::Reflect::get(self.as_raw(), &JsValue::from_str("dtmf"))?;
        if dtmf.is_null() {
            return Ok(None);
        }
        if !dtmf.is_object() {
            return Err(Error::unsupported("RTCRtpSender.dtmf"));
        }
        Ok(Some(DtmfSender {
            raw: dtmf.unchecked_into(),
            sender: Some(self.clone()),
        }))
    }
}

/// `duration` in whole milliseconds, saturating at `u32::MAX` (what `unsigned long` holds).
fn millis(duration: Duration) -> u32 {
    u32::try_from(duration.as_millis()).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[test]
    fn every_tone_character_is_accepted_and_upper_cased() {
        assert_eq!(
            DtmfSender::normalize_tones("0123456789ABCD#*,").unwrap(),
            "0123456789ABCD#*,"
        );
        assert_eq!(DtmfSender::normalize_tones("abcd").unwrap(), "ABCD");
        assert_eq!(DtmfSender::normalize_tones("1a,B#c*d").unwrap(), "1A,B#C*D");
        assert_eq!(DtmfSender::normalize_tones("").unwrap(), "");
        for c in DtmfSender::TONE_CHARACTERS.chars() {
            assert_eq!(
                DtmfSender::normalize_tones(&c.to_string()).unwrap(),
                c.to_string()
            );
        }
    }

    #[test]
    fn anything_else_is_an_invalid_character_error() {
        for bad in [
            "12X", "e", "E", " ", "1 2", "w", "W", "p", "+", "-", ";", "١", "Ａ", "ß", "\0",
            "12\n", "ä",
        ] {
            match DtmfSender::normalize_tones(bad) {
                Err(err @ Error::InvalidCharacter(_)) => {
                    assert_eq!(err.name(), "InvalidCharacterError")
                }
                other => panic!("{bad:?}: expected InvalidCharacter, got {other:?}"),
            }
        }
    }

    #[test]
    fn the_error_names_the_first_bad_character_and_its_position() {
        let Err(Error::InvalidCharacter(message)) = DtmfSender::normalize_tones("12X4Y") else {
            panic!("expected InvalidCharacter");
        };
        assert!(message.contains("'X'"), "{message}");
        assert!(message.contains("character 2"), "{message}");
        // Positions count characters, not bytes.
        let Err(Error::InvalidCharacter(message)) = DtmfSender::normalize_tones("éX") else {
            panic!("expected InvalidCharacter");
        };
        assert!(
            message.contains("'é'") && message.contains("character 0"),
            "{message}"
        );
    }

    #[test]
    fn duration_is_clamped_to_40_through_6000_ms() {
        let clamp = DtmfSender::clamp_duration;
        assert_eq!(clamp(Duration::ZERO), ms(40));
        assert_eq!(clamp(ms(39)), ms(40));
        assert_eq!(clamp(ms(40)), ms(40));
        assert_eq!(clamp(ms(100)), ms(100));
        assert_eq!(clamp(ms(6000)), ms(6000));
        assert_eq!(clamp(ms(6001)), ms(6000));
        assert_eq!(clamp(Duration::MAX), ms(6000));
        assert_eq!(
            clamp(Duration::from_micros(40_999)),
            ms(40),
            "fractions of a millisecond are dropped"
        );
        assert_eq!(clamp(Duration::from_micros(39_999)), ms(40));
    }

    #[test]
    fn gap_is_clamped_to_30_through_6000_ms() {
        let clamp = DtmfSender::clamp_inter_tone_gap;
        assert_eq!(clamp(Duration::ZERO), ms(30));
        assert_eq!(clamp(ms(29)), ms(30));
        assert_eq!(clamp(ms(30)), ms(30));
        assert_eq!(clamp(ms(70)), ms(70));
        assert_eq!(clamp(ms(6000)), ms(6000));
        assert_eq!(clamp(ms(6001)), ms(6000));
        assert_eq!(clamp(ms(600_000)), ms(6000));
        assert_eq!(clamp(Duration::MAX), ms(6000));
        assert_eq!(clamp(Duration::from_micros(70_900)), ms(70));
    }

    #[test]
    fn defaults_and_limits_are_the_specs() {
        assert_eq!(DtmfSender::DEFAULT_DURATION, ms(100));
        assert_eq!(DtmfSender::DEFAULT_INTER_TONE_GAP, ms(70));
        assert_eq!(
            (DtmfSender::MIN_DURATION, DtmfSender::MAX_DURATION),
            (ms(40), ms(6000))
        );
        assert_eq!(DtmfSender::MIN_INTER_TONE_GAP, ms(30));
        assert_eq!(DtmfSender::MAX_INTER_TONE_GAP, ms(6000));
        assert_eq!(DtmfSender::COMMA_DELAY, ms(2000));
        // The defaults are inside the limits, so clamping leaves them alone.
        assert_eq!(
            DtmfSender::clamp_duration(DtmfSender::DEFAULT_DURATION),
            ms(100)
        );
        assert_eq!(
            DtmfSender::clamp_inter_tone_gap(DtmfSender::DEFAULT_INTER_TONE_GAP),
            ms(70)
        );
    }

    #[test]
    fn playout_time_counts_tone_slots_and_comma_pauses_with_clamped_timing() {
        let time = |tones, d, g| DtmfSender::playout_time(tones, ms(d), ms(g)).unwrap();
        assert_eq!(time("", 100, 70), Duration::ZERO);
        assert_eq!(time("1", 100, 70), ms(170));
        assert_eq!(time("1234#,*", 40, 30), ms(6 * 70 + 2000));
        assert_eq!(time(",,", 40, 30), ms(4000));
        assert_eq!(time("11", 0, 0), ms(2 * 70), "clamped up to 40 + 30");
        assert_eq!(time("1", 10_000, 30), ms(6030), "clamped down to 6000");
        assert_eq!(
            DtmfSender::playout_time("1", Duration::MAX, Duration::MAX).unwrap(),
            ms(6000 + 6000),
            "both clamped down to 6000"
        );
        assert!(matches!(
            DtmfSender::playout_time("1x", ms(100), ms(70)),
            Err(Error::InvalidCharacter(_))
        ));
    }
}

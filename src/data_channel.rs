//! [`DataChannel`]: an `RTCDataChannel` as a `Stream` of [`Message`]s and a `Sink` with
//! back-pressure.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::pin::Pin;
use std::rc::{Rc, Weak};
use std::task::{Context, Poll};

use futures::channel::oneshot;
use futures::future::{select, Either};
use futures::{FutureExt, Sink, Stream, StreamExt};
use wasm_bindgen::JsCast;
use web_sys::{
    MessageEvent, RtcDataChannel, RtcDataChannelState, RtcDataChannelType, RtcPeerConnection,
};

use crate::attribute;
use crate::enums::DataChannelState;
use crate::error::Error;
use crate::event::{state_stream, Emit, End, EventStream, Listener, Wakers};
use crate::max_message_size::MaxMessageSize;
use crate::operation::{self, Closed};
use crate::sys;

/// One data-channel message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// A text message (sent as a string, arrives as a string).
    Text(String),
    /// A binary message (sent as bytes, arrives as an `ArrayBuffer`).
    Binary(Vec<u8>),
}

impl Message {
    /// The size on the wire: UTF-8 bytes for text, bytes for binary.
    pub fn len(&self) -> usize {
        match self {
            Message::Text(s) => s.len(),
            Message::Binary(b) => b.len(),
        }
    }

    /// Whether the message is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl From<String> for Message {
    fn from(s: String) -> Self {
        Message::Text(s)
    }
}

impl From<&str> for Message {
    fn from(s: &str) -> Self {
        Message::Text(s.to_owned())
    }
}

impl From<Vec<u8>> for Message {
    fn from(b: Vec<u8>) -> Self {
        Message::Binary(b)
    }
}

impl DataChannelState {
    /// From web-sys' enum, read without a string crossing the boundary (it is checked on every
    /// send). A value web-sys does not know counts as closed.
    fn from_raw(state: RtcDataChannelState) -> Self {
        match state {
            RtcDataChannelState::Connecting => DataChannelState::Connecting,
            RtcDataChannelState::Open => DataChannelState::Open,
            RtcDataChannelState::Closing => DataChannelState::Closing,
            _ => DataChannelState::Closed,
        }
    }
}

/// Default high-water mark: the Sink stops accepting while more than this is buffered.
pub const DEFAULT_HIGH_WATER_MARK: u32 = 1024 * 1024;
/// Default low-water mark (`bufferedAmountLowThreshold`): the Sink accepts again below it.
pub const DEFAULT_LOW_WATER_MARK: u32 = 256 * 1024;

struct Inner {
    raw: sys::DataChannelExt,
    /// The connection's `sctp.maxMessageSize`, checked before every send.
    max_message_size: MaxMessageSize,
    incoming: EventStream<Result<Message, Error>>,
    high_water: Cell<u32>,
    /// Whether it is closed for sending, and what ends with the channel.
    lifetime: Rc<Lifetime>,
    /// The `open`, `bufferedamountlow` and `close` listeners that wake a waiting `poll_ready`
    /// (and set `closed`): attached at creation for a channel that receives, and for the npm
    /// package's send-only view only once a send has to wait (it usually lives for one send
    /// that need not wait: attaching and detaching three listeners per message was most of its
    /// cost).
    wake_sender: RefCell<Option<[Listener; 3]>>,
    /// Whether dropping the last handle closes the channel: not for a view.
    owned: bool,
    /// The connection it belongs to, kept open while the channel is (a `PeerConnection`'s
    /// state, type-erased: this module is below `peer`).
    connection: RefCell<Option<Rc<dyn Any>>>,
}

impl Drop for Inner {
    fn drop(&mut self) {
        if self.owned {
            self.raw.close();
        }
        self.incoming.end();
    }
}

/// What ends with a channel, and ends it: the channel's `close` event, or its connection
/// closing or going away ([`End::end`], which the connection calls). The spec's close steps
/// close a connection's channels *without* firing `close` at them (Chromium and Firefox fire it
/// anyway), so a channel cannot wait for the event alone.
struct Lifetime {
    /// Set by `close()` and when the channel ends. Browsers do not all throw on `send()` once a
    /// channel is closed (some drop the message silently), so sends check this first.
    closed: Cell<bool>,
    /// Woken by `open`, `bufferedamountlow`, new thresholds and the end: every task waiting in
    /// `poll_ready` (clones of one channel may send from several tasks).
    send_wakers: Wakers,
    /// Dropped when the channel ends: completes `ended`.
    end_signal: RefCell<Option<oneshot::Sender<()>>>,
    /// Completes when the channel ends, for `opened()` and `closed()`.
    ended: Closed,
    /// Whether the channel was ever seen open. A channel never goes back to `connecting`, but
    /// Chromium 156 sometimes says the remote-created end is (and then stays so): a sender
    /// waiting for `open` would wait forever, so it fails instead.
    seen_open: Cell<bool>,
    /// The incoming stream, ended with the channel (buffered messages are still delivered).
    incoming: Weak<dyn End>,
}

impl End for Lifetime {
    fn end(&self) {
        self.closed.set(true);
        drop(self.end_signal.borrow_mut().take());
        if let Some(incoming) = self.incoming.upgrade() {
            incoming.end();
        }
        self.send_wakers.wake_all();
    }
}

/// An `RTCDataChannel`: a [`Stream`] of incoming [`Message`]s and a [`Sink`] for outgoing ones.
///
/// * **Receiving**: poll it as a `Stream<Item = Result<Message, Error>>`. Messages are buffered
///   from the moment the channel exists, so none is lost before you start polling. The stream
///   ends when the channel closes (either side), or when its connection is closed or its last
///   handle dropped — whether or not the browser fires `close` then (the spec says it does not). An `error` event is yielded as `Err` — except
///   the remote peer hanging up: Chrome reports the other side's `close()` as an SCTP
///   "User-Initiated Abort" error, Firefox reports nothing; both simply end the stream here.
/// * **Sending with back-pressure**: use it as a `Sink<Message>` (`SinkExt::send`, `send_all`).
///   The sink is not ready while `bufferedAmount` is at or above the high-water mark, and wakes on
///   `bufferedamountlow`; see [`set_buffer_thresholds`](Self::set_buffer_thresholds).
/// * **Sending now**: [`send_now`](Self::send_now) hands one message to the browser without waiting.
/// * Split it with `StreamExt::split` into a sending and a receiving half, or just clone it.
///
/// A message larger than the connection's `maxMessageSize` is refused with [`Error::Type`] and the
/// channel stays open. Clones share one channel; dropping the last clone closes it. A channel of
/// a [`PeerConnection`](crate::PeerConnection) — made by it or received from the remote side —
/// keeps that connection open while it lives, so a function may return the channel alone.
///
/// ```no_run
/// use futures::{SinkExt, StreamExt};
/// use wasm_rtc::{DataChannel, Message};
/// async fn echo(mut channel: DataChannel) -> Result<(), wasm_rtc::Error> {
///     channel.opened().await?;
///     while let Some(message) = channel.next().await {
///         channel.send(message?).await?;
///     }
///     Ok(())
/// }
/// ```
#[derive(Clone)]
pub struct DataChannel {
    inner: Rc<Inner>,
}

/// The same browser object: handles (and views) of one native `RTCDataChannel` are equal.
impl PartialEq for DataChannel {
    fn eq(&self, other: &Self) -> bool {
        self.as_raw() == other.as_raw()
    }
}

impl Eq for DataChannel {}

impl std::fmt::Debug for DataChannel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DataChannel")
            .field("label", &self.label())
            .field("id", &self.id())
            .field("ready_state", &self.ready_state())
            .finish()
    }
}

/// A `message` event's data as a [`Message`], in as few boundary crossings as it takes (this
/// runs once per message): the bytes of the `ArrayBuffer` that `binaryType` `"arraybuffer"`
/// gives, copied once into the `Vec`, in one step out of WebAssembly; a string in two.
///
/// A buffer that a listener before this one transferred away (detached) cannot be read: a
/// [`Error::Type`] item with the browser's message, and the messages after it arrive as ever.
fn decode(event: &web_sys::Event) -> Emit<Result<Message, Error>> {
    let bytes = match sys::message_bytes(event) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => {
            return Emit::Item(match sys::message_text(event) {
                Some(text) => Ok(Message::Text(text)),
                None => Err(Error::Operation("a message event without data".to_owned())),
            })
        }
        Err(unreadable) => return Emit::Item(Err(Error::from(unreadable))),
    };
    // No bytes: an empty ArrayBuffer — or data that is no buffer at all (a Blob, in a view of a
    // channel whose `binaryType` is `"blob"`): only then is the type checked.
    if bytes.is_empty() {
        // Only `message` events reach here, and every one is a MessageEvent.
        let data = event.unchecked_ref::<MessageEvent>().data();
        if !data.is_instance_of::<js_sys::ArrayBuffer>() {
            return Emit::Item(Err(if data.is_instance_of::<web_sys::Blob>() {
                Error::NotSupported(
                    "a binary message arrived as a Blob (the channel's binaryType is \"blob\"): \
                     set it to \"arraybuffer\", or adopt() the channel, to read binary messages"
                        .to_owned(),
                )
            } else {
                Error::Operation(format!("unexpected message data: {data:?}"))
            }));
        }
    }
    Emit::Item(Ok(Message::Binary(bytes)))
}

/// SCTP cause code 12, "User-Initiated Abort" (RFC 4960 §3.3.10.12).
const SCTP_USER_INITIATED_ABORT: f64 = 12.0;

fn channel_error(event: &web_sys::Event) -> Emit<Result<Message, Error>> {
    // RTCErrorEvent.error is an RTCError (a DOMException with extra fields).
    match attribute::member(event, "error") {
        // The remote peer closed its connection (Chrome aborts the association); the `close`
        // event that follows ends the stream, as it does in Firefox, which sends no error.
        Ok(error)
            if attribute::string_attribute(&error, "errorDetail").as_deref()
                == Some("sctp-failure")
                && attribute::number_attribute(&error, "sctpCauseCode")
                    == Some(SCTP_USER_INITIATED_ABORT) =>
        {
            Emit::Skip
        }
        Ok(error) if error.is_object() => Emit::Item(Err(Error::from(error))),
        _ => Emit::Item(Err(Error::Operation("data channel error".to_owned()))),
    }
}

impl DataChannel {
    /// Takes over `raw`, a channel JavaScript made (or received): binary messages arrive as
    /// bytes (it sets `binaryType` to `"arraybuffer"`), sends wait at the
    /// [default thresholds](Self::set_buffer_thresholds), and dropping the last handle closes
    /// it. Its messages are buffered from now on.
    ///
    /// Without its connection the wrapper cannot read `maxMessageSize`, so oversize messages
    /// are left to the browser to refuse. To look at a channel that stays JavaScript's, use
    /// [`view`](Self::view).
    pub fn adopt(raw: RtcDataChannel) -> Self {
        Self::wrap(raw, None, true)
    }

    /// Looks at `raw`, a channel that stays JavaScript's: the same `Stream` and `Sink`, but it
    /// changes nothing on the channel — not `binaryType`, not `bufferedAmountLowThreshold` — and
    /// never closes it (dropping the last handle detaches its listeners, nothing else; an
    /// explicit [`close`](Self::close) still closes). Messages are buffered from now on; with
    /// `binaryType` `"blob"` (the spec's default is `"arraybuffer"`, but JavaScript may set
    /// it, and older browsers began with `"blob"`), a binary message is an
    /// [`Error::NotSupported`] item: its bytes could only be read asynchronously, out of order.
    pub fn view(raw: &RtcDataChannel) -> Self {
        Self::wrap(raw.clone(), None, false)
    }

    /// Wraps a channel of `pc`, taken over (`owned`) or looked at (see
    /// [`adopt`](Self::adopt), [`view`](Self::view)); starts buffering its messages at once.
    pub(crate) fn wrap(raw: RtcDataChannel, pc: Option<RtcPeerConnection>, owned: bool) -> Self {
        if owned {
            raw.set_binary_type(RtcDataChannelType::Arraybuffer);
            raw.set_buffered_amount_low_threshold(DEFAULT_LOW_WATER_MARK);
        }
        let incoming = EventStream::new();
        // The channel's own `close` listener first (it ends the incoming stream too): a task
        // that the end of the stream wakes may run between two listeners of one event, and must
        // find the channel closed for sending already.
        let channel = Self::with_incoming(raw, pc, incoming.clone(), owned);
        channel.listen_for_send_wakeups();
        let target: &web_sys::EventTarget = channel.inner.raw.as_ref();
        let _ = incoming
            .on(target, "message", decode)
            .on(target, "error", channel_error);
        channel
    }

    /// A send-side view of a channel someone else owns (JavaScript, through the npm package's
    /// `sendWithBackpressure`): the same `Sink` back-pressure, but it buffers no incoming
    /// messages (its `Stream` is empty), leaves `binaryType` and `bufferedAmountLowThreshold` as
    /// they are (see [`set_buffer_thresholds`](Self::set_buffer_thresholds)), and does not close
    /// the channel when dropped.
    #[cfg(feature = "js")]
    pub(crate) fn borrowed(raw: RtcDataChannel) -> Self {
        let incoming = EventStream::new();
        incoming.end();
        Self::with_incoming(raw, None, incoming, false)
    }

    fn with_incoming(
        raw: RtcDataChannel,
        pc: Option<RtcPeerConnection>,
        incoming: EventStream<Result<Message, Error>>,
        owned: bool,
    ) -> Self {
        let (end_signal, ended) = operation::closed_signal();
        let lifetime = Rc::new(Lifetime {
            closed: Cell::new(false),
            send_wakers: Wakers::default(),
            end_signal: RefCell::new(Some(end_signal)),
            ended,
            seen_open: Cell::new(false),
            incoming: incoming.ender(),
        });
        DataChannel {
            inner: Rc::new(Inner {
                raw: raw.unchecked_into(),
                max_message_size: MaxMessageSize::new(pc.map(JsCast::unchecked_into)),
                incoming,
                high_water: Cell::new(DEFAULT_HIGH_WATER_MARK),
                lifetime,
                wake_sender: RefCell::new(None),
                owned,
                connection: RefCell::new(None),
            }),
        }
    }

    /// Attaches the listeners that wake a waiting sender, unless they are attached already.
    fn listen_for_send_wakeups(&self) {
        let inner = &self.inner;
        if inner.wake_sender.borrow().is_some() {
            return;
        }
        let target: &web_sys::EventTarget = inner.raw.as_ref();
        let waker_for = |event, closes: bool| {
            let lifetime = inner.lifetime.clone();
            Listener::new(target, event, move |_| {
                if closes {
                    lifetime.end();
                } else {
                    lifetime.send_wakers.wake_all();
                }
            })
        };
        *inner.wake_sender.borrow_mut() = Some([
            waker_for("open", false),
            waker_for("bufferedamountlow", false),
            waker_for("close", true),
        ]);
    }

    /// Resolves once the channel is open; [`Error::Closed`] if it closes first, or its
    /// connection does.
    pub async fn opened(&self) -> Result<(), Error> {
        let target: &web_sys::EventTarget = self.inner.raw.as_ref();
        let mut once = EventStream::new().on(target, "open", |_| Emit::Last(()));
        // Checked after listening: the state cannot change in between (one thread, no await).
        match self.ready_state() {
            DataChannelState::Open => return Ok(()),
            DataChannelState::Closing | DataChannelState::Closed => return Err(Error::Closed),
            DataChannelState::Connecting => {}
        }
        match select(once.next(), self.inner.lifetime.ended.clone()).await {
            Either::Left((Some(()), _)) => {
                self.inner.lifetime.seen_open.set(true);
                Ok(())
            }
            _ => Err(Error::Closed),
        }
    }

    /// Resolves once the channel is closed (by either side), or its connection is.
    pub async fn closed(&self) {
        if self.ready_state() != DataChannelState::Closed {
            let _ = self.inner.lifetime.ended.clone().await;
        }
    }

    /// Keeps `connection` (a `PeerConnection`'s state) open as long as this channel is.
    pub(crate) fn keep_open(&self, connection: Rc<dyn Any>) {
        *self.inner.connection.borrow_mut() = Some(connection);
    }

    /// What ends the channel when its connection closes or goes away (see `Lifetime`).
    pub(crate) fn ender(&self) -> Weak<dyn End> {
        let lifetime: Rc<dyn End> = self.inner.lifetime.clone();
        Rc::downgrade(&lifetime)
    }

    /// The largest message the connection can send now (`sctp.maxMessageSize`), or `None` while
    /// the browser does not know it yet (before the SCTP transport exists).
    pub fn max_message_size(&self) -> Option<f64> {
        self.inner.max_message_size.get()
    }

    /// Sends one message now, without waiting for buffer space.
    ///
    /// Errors: [`Error::Type`] if it is larger than [`max_message_size`](Self::max_message_size)
    /// (the channel stays open); [`Error::Closed`] if the channel is closing or closed (checked
    /// here too, because some browsers drop such a message silently), as from the `Sink` and
    /// every call after `close()` (in JavaScript, an `InvalidStateError`, as the spec throws);
    /// [`Error::InvalidState`] if it is still connecting; [`Error::Operation`] if the browser's
    /// send queue is full.
    pub fn send_now(&self, message: &Message) -> Result<(), Error> {
        if self.inner.lifetime.closed.get() {
            return Err(Error::Closed);
        }
        if let Some(max) = self.max_message_size() {
            if message.len() as f64 > max {
                return Err(Error::Type(format!(
                    "message of {} bytes is larger than maxMessageSize ({max} bytes)",
                    message.len()
                )));
            }
        }
        let result = match message {
            Message::Text(text) => self.inner.raw.send_str(text),
            Message::Binary(bytes) => self.inner.raw.send_bytes(bytes),
        };
        result.map_err(|thrown| match Error::from(thrown) {
            // Closed before its `close` event reached us.
            Error::InvalidState(_)
                if matches!(
                    self.ready_state(),
                    DataChannelState::Closing | DataChannelState::Closed
                ) =>
            {
                Error::Closed
            }
            error => error,
        })
    }

    /// Sets the back-pressure thresholds of the `Sink`: it stops accepting while `bufferedAmount`
    /// is at or above `high`, and accepts again when it falls to `low`
    /// (`bufferedAmountLowThreshold`). Defaults: 256 KiB and 1 MiB. `low` is kept below `high`:
    /// `bufferedamountlow` fires only when the amount falls *below* the threshold, so a sink
    /// waiting at exactly `high == low` would never wake.
    ///
    /// A sender waiting for space checks again at once: raised above what is buffered, `low`
    /// would never see the amount fall past it, and `bufferedamountlow` would never come.
    pub fn set_buffer_thresholds(&self, low: u32, high: u32) {
        let high = high.max(1);
        self.inner
            .raw
            .set_buffered_amount_low_threshold(low.min(high - 1));
        self.inner.high_water.set(high);
        self.inner.lifetime.send_wakers.wake_all();
    }

    /// The `label` given at creation.
    pub fn label(&self) -> String {
        self.inner.raw.label()
    }

    /// The SCTP stream id, once assigned.
    pub fn id(&self) -> Option<u16> {
        self.inner.raw.id()
    }

    /// The subprotocol given at creation.
    pub fn protocol(&self) -> String {
        self.inner.raw.protocol()
    }

    /// Whether messages arrive in order.
    pub fn ordered(&self) -> bool {
        self.inner.raw.ordered()
    }

    /// `maxPacketLifeTime`, if the channel is partially reliable by time.
    pub fn max_packet_life_time(&self) -> Option<u16> {
        self.inner.raw.max_packet_life_time()
    }

    /// `maxRetransmits`, if the channel is partially reliable by count.
    pub fn max_retransmits(&self) -> Option<u16> {
        self.inner.raw.max_retransmits()
    }

    /// Whether the channel was negotiated by the application (`negotiated: true`).
    pub fn negotiated(&self) -> bool {
        self.inner.raw.negotiated()
    }

    /// `readyState`.
    pub fn ready_state(&self) -> DataChannelState {
        let state = DataChannelState::from_raw(self.inner.raw.ready_state());
        if state == DataChannelState::Open {
            self.inner.lifetime.seen_open.set(true);
        }
        state
    }

    /// `readyState` now, then at every change (`open`, `closing`, `closed`), and the stream
    /// ends after `closed` — also when the channel's connection closes or goes away, where the
    /// spec fires no event at the channel: a value a UI can bind. It does not keep the channel
    /// open.
    pub fn ready_states(&self) -> EventStream<DataChannelState> {
        let raw = self.inner.raw.clone();
        let read = move || DataChannelState::from_raw(raw.ready_state());
        let target: &web_sys::EventTarget = self.inner.raw.as_ref();
        let is_final = |s: &DataChannelState| *s == DataChannelState::Closed;
        let events = ["open", "closing", "close"];
        state_stream(
            target,
            &events,
            read,
            is_final,
            Some(DataChannelState::Closed),
        )
        .until(self.inner.lifetime.ended.clone().map(drop))
    }

    /// `bufferedAmount`: bytes queued for sending.
    pub fn buffered_amount(&self) -> f64 {
        self.inner.raw.buffered_amount_f64()
    }

    /// `bufferedAmountLowThreshold`: the low-water mark.
    pub fn buffered_amount_low_threshold(&self) -> u32 {
        self.inner.raw.buffered_amount_low_threshold()
    }

    /// The high-water mark of the `Sink`.
    pub fn high_water_mark(&self) -> u32 {
        self.inner.high_water.get()
    }

    /// Closes the channel. Buffered outgoing messages are still sent; the receiving stream ends
    /// when the browser reports `close`.
    pub fn close(&self) {
        self.inner.lifetime.closed.set(true);
        self.inner.raw.close();
    }

    /// The browser's `RTCDataChannel`.
    pub fn as_raw(&self) -> &RtcDataChannel {
        &self.inner.raw
    }
}

impl Stream for DataChannel {
    type Item = Result<Message, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.incoming.poll_shared(cx)
    }
}

impl Sink<Message> for DataChannel {
    type Error = Error;

    fn poll_ready(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), Error>> {
        let ready = || match self.ready_state() {
            DataChannelState::Connecting if self.inner.lifetime.seen_open.get() => {
                Some(Err(Error::InvalidState(
                    "the browser says the channel is connecting again after it was open \
                     (Chromium 156 does, for the remote-created end, and stays so): it cannot \
                     send"
                        .into(),
                )))
            }
            DataChannelState::Connecting => None,
            DataChannelState::Open => {
                (self.buffered_amount() < f64::from(self.inner.high_water.get())).then_some(Ok(()))
            }
            DataChannelState::Closing | DataChannelState::Closed => Some(Err(Error::Closed)),
        };
        if self.inner.lifetime.closed.get() {
            return Poll::Ready(Err(Error::Closed));
        }
        if let Some(result) = ready() {
            return Poll::Ready(result);
        }
        self.listen_for_send_wakeups();
        self.inner.lifetime.send_wakers.wait(cx);
        // Checked again after registering; events cannot run in between (one thread).
        match ready() {
            Some(result) => Poll::Ready(result),
            None => Poll::Pending,
        }
    }

    fn start_send(self: Pin<&mut Self>, message: Message) -> Result<(), Error> {
        self.send_now(&message)
    }

    /// Ready at once: messages are handed to the browser in `start_send`.
    fn poll_flush(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Result<(), Error>> {
        Poll::Ready(Ok(()))
    }

    /// Closes the channel.
    fn poll_close(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Result<(), Error>> {
        self.close();
        Poll::Ready(Ok(()))
    }
}

//! [`NatsSignaling`]: signals between browsers anywhere, through a `nats-server` (an existing,
//! maintained message broker that clusters) and its WebSocket listener.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};
use std::time::Duration;

use futures::future::{select, AbortHandle, Abortable, Either};
use futures::{Sink, Stream};

use super::json::MAX_SIGNAL_BYTES;
use super::nats_connection::NatsConnection;
pub use super::nats_protocol::NatsAuth;
use super::nats_protocol::{self, ServerOp};
use super::signal::Signal;
use crate::error::Error;
use crate::event::{EventStream, Wakers};
use crate::timer::timer;

/// How a [`NatsSignaling`] connects: credentials, timeouts, back-off and the subject its rooms
/// live under. Built from [`NatsOptions::new`] (or `default()`) and the methods below.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NatsOptions {
    /// The credentials sent in `CONNECT` (none by default).
    pub auth: NatsAuth,
    /// How long a (re)connection may take, from opening the socket to the server's answer to
    /// the subscription (5 s by default).
    pub connect_timeout: Duration,
    /// How long the server may be silent before this side asks it with a `PING` (20 s by
    /// default); two such `PING`s unanswered and the connection counts as lost (a server that
    /// stopped, a network path that died without closing the socket): it is closed and
    /// reconnected, the state saying [`Error::Timeout`].
    pub ping_interval: Duration,
    /// The wait before the first reconnection attempt, doubled after each failed one (250 ms
    /// by default), up to [`max_reconnect_delay`](Self::max_reconnect_delay); each wait is
    /// spread by ±20% so that many clients of one restarted server do not return at once.
    pub reconnect_delay: Duration,
    /// The longest wait between reconnection attempts (5 s by default).
    pub max_reconnect_delay: Duration,
    /// The subject a room is a token under: room `r` is subject `{subject_prefix}.r`
    /// (`"wasm-rtc"` by default). Every peer of a room must use the same.
    pub subject_prefix: String,
    /// The client name the server shows in its monitoring (`"wasm-rtc"` by default).
    pub name: String,
}

impl Default for NatsOptions {
    fn default() -> Self {
        NatsOptions {
            auth: NatsAuth::None,
            connect_timeout: Duration::from_secs(5),
            ping_interval: Duration::from_secs(20),
            reconnect_delay: Duration::from_millis(250),
            max_reconnect_delay: Duration::from_secs(5),
            subject_prefix: "wasm-rtc".into(),
            name: "wasm-rtc".into(),
        }
    }
}

impl NatsOptions {
    /// The defaults: no credentials, a 5 s connect timeout, a `PING` after 20 s of silence,
    /// back-off from 250 ms to 5 s.
    pub fn new() -> Self {
        Self::default()
    }

    /// Authenticates with a token (the server's `authorization { token: … }`).
    pub fn token(mut self, token: impl Into<String>) -> Self {
        self.auth = NatsAuth::Token(token.into());
        self
    }

    /// Authenticates with a user and password.
    pub fn user_password(mut self, user: impl Into<String>, password: impl Into<String>) -> Self {
        self.auth = NatsAuth::UserPassword {
            user: user.into(),
            password: password.into(),
        };
        self
    }

    /// Sets [`connect_timeout`](Self::connect_timeout).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Sets [`ping_interval`](Self::ping_interval).
    pub fn ping_interval(mut self, interval: Duration) -> Self {
        self.ping_interval = interval;
        self
    }

    /// Sets the back-off between reconnection attempts: from `first`, doubling, up to `most`.
    pub fn reconnect_delay(mut self, first: Duration, most: Duration) -> Self {
        self.reconnect_delay = first;
        self.max_reconnect_delay = most.max(first);
        self
    }

    /// Sets [`subject_prefix`](Self::subject_prefix).
    pub fn subject_prefix(mut self, prefix: impl Into<String>) -> Self {
        self.subject_prefix = prefix.into();
        self
    }

    /// The wait before reconnection attempt `attempt` (1 for the first), before the spread.
    fn backoff(&self, attempt: u32) -> Duration {
        let doubled = self
            .reconnect_delay
            .saturating_mul(1u32 << attempt.saturating_sub(1).min(20));
        doubled.min(self.max_reconnect_delay)
    }
}

/// Where a [`NatsSignaling`] stands, as [`NatsSignaling::states`] reports it.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum NatsState {
    /// Connected and subscribed: signals go out at once.
    Connected,
    /// The connection was lost (`error` says why: the last failure); attempt `attempt` to get
    /// it back is waiting or under way. Signals sent meanwhile wait and go out once connected.
    Reconnecting {
        /// The attempt under way or next, from 1.
        attempt: u32,
        /// Why the connection, or the last attempt, failed.
        error: Error,
    },
    /// Closed by this side (dropped or `close()`d): nothing more is sent or received.
    Closed,
}

/// A signaling transport through a `nats-server`'s WebSocket listener: peers of one room anywhere
/// (other browsers, other machines) meet on one NATS subject, `{subject_prefix}.{room}`, and
/// each receives what the others send (never its own).
///
/// It speaks the NATS client protocol itself over the browser's `WebSocket`: no client library
/// and no server of our own. It answers the server's `PING`s, turns each `-ERR` into a typed
/// error, and when the socket drops it reconnects with back-off (see [`NatsOptions`]),
/// holding what is sent meanwhile; [`states`](Self::states) shows this as a `Stream` a UI can
/// bind. Delivery is NATS's: at most once, in order per sender; what a peer sends while *it* is
/// away is not replayed, so a negotiator says `hello` again and re-offers when a peer appears.
///
/// A `Sink<Signal>` and a `Stream<Item = Result<Signal, Error>>`, like every transport of the
/// crate: a received message that is no signal, and a server `-ERR`, are `Err` items, and the
/// stream goes on. Dropping it closes the socket and ends the stream.
///
/// ```no_run
/// use wasm_rtc::{Configuration, NatsOptions, NatsSignaling, Negotiator, NegotiatorOptions};
/// use wasm_rtc::PeerConnection;
/// # async fn run() -> Result<(), wasm_rtc::Error> {
/// let room = NatsSignaling::connect(
///     "wss://signaling.example.com:8443",
///     "room-42",
///     NatsOptions::new().token("s3cret"),
/// )
/// .await?;
/// let states = room.states(); // show it: Connected, Reconnecting { .. }, …
/// let pc = PeerConnection::new(&Configuration::new())?;
/// let negotiator = Negotiator::start(&pc, room, NegotiatorOptions::new("alice", "room-42", true));
/// # Ok(()) }
/// ```
///
/// [NATS protocol](https://docs.nats.io/reference/reference-protocols/nats-protocol),
/// [nats-server WebSocket](https://docs.nats.io/running-a-nats-service/configuration/websocket)
pub struct NatsSignaling {
    shared: Rc<Shared>,
    task: AbortHandle,
}

/// What the transport and its connection task share.
struct Shared {
    room: String,
    subject: String,
    /// The connection while it is up.
    connection: RefCell<Option<Rc<NatsConnection>>>,
    /// `PUB`s waiting for a connection, and their bytes.
    queue: RefCell<VecDeque<String>>,
    queued_bytes: Cell<usize>,
    /// Senders waiting for the queue to empty (flush) or shrink (ready).
    drained: Wakers,
    incoming: EventStream<Result<Signal, Error>>,
    state: RefCell<NatsState>,
    watchers: RefCell<Vec<EventStream<NatsState>>>,
    max_payload: Cell<usize>,
}

/// The most bytes held while disconnected; a sender waits (`poll_ready`) beyond it.
const MAX_QUEUED_BYTES: usize = 4 * 1024 * 1024;

impl NatsSignaling {
    /// Connects to the `nats-server` WebSocket listener at `url` (`ws://` or `wss://`) and joins
    /// `room`; resolves once the server has taken the credentials and the subscription.
    ///
    /// Errors: [`Error::Syntax`] for a room that is not one NATS subject token (empty, or with
    /// whitespace, `.`, `*` or `>`) or a URL the browser refuses; [`Error::Network`] when
    /// nothing answers at `url`; [`Error::NotAllowed`] when the server refuses the credentials
    /// (its words kept, e.g. "Authorization Violation"); [`Error::Timeout`] when the handshake
    /// takes longer than [`NatsOptions::connect_timeout`]; [`Error::Unsupported`] without a
    /// `WebSocket`.
    pub async fn connect(url: &str, room: &str, options: NatsOptions) -> Result<Self, Error> {
        if !crate::attribute::has_global("WebSocket") {
            return Err(Error::unsupported("WebSocket"));
        }
        nats_protocol::check_token("room", room)?;
        let subject = format!("{}.{room}", options.subject_prefix);
        for token in options.subject_prefix.split('.') {
            nats_protocol::check_token("subject prefix token", token)?;
        }
        let incoming = EventStream::new();
        let early = incoming.clone();
        let connection = NatsConnection::open(
            url,
            &options.auth,
            &options.name,
            &subject,
            options.connect_timeout,
            &mut |op| deliver(&early, op),
        )
        .await?;
        let shared = Rc::new(Shared {
            room: room.to_string(),
            subject,
            max_payload: Cell::new(connection.max_payload()),
            connection: RefCell::new(Some(Rc::new(connection))),
            queue: RefCell::new(VecDeque::new()),
            queued_bytes: Cell::new(0),
            drained: Wakers::default(),
            incoming,
            state: RefCell::new(NatsState::Connected),
            watchers: RefCell::new(Vec::new()),
        });
        let (task, registration) = AbortHandle::new_pair();
        let run = run(shared.clone(), url.to_string(), options);
        wasm_bindgen_futures::spawn_local(async move {
            let _ = Abortable::new(run, registration).await;
        });
        Ok(NatsSignaling { shared, task })
    }

    /// The room's name.
    pub fn room(&self) -> &str {
        &self.shared.room
    }

    /// The NATS subject the room is (`{subject_prefix}.{room}`).
    pub fn subject(&self) -> &str {
        &self.shared.subject
    }

    /// Where it stands now.
    pub fn state(&self) -> NatsState {
        self.shared.state.borrow().clone()
    }

    /// Its state, now and at every change: a stream that starts with the current state and
    /// ends with [`NatsState::Closed`]. Each call returns a stream of its own; it may outlive
    /// the transport (take it before handing the transport to a negotiator).
    pub fn states(&self) -> EventStream<NatsState> {
        let stream = EventStream::new();
        stream.push(self.state());
        self.shared.watchers.borrow_mut().push(stream.clone());
        stream
    }

    /// The largest signal the server accepts, in bytes of JSON (its `max_payload`).
    pub fn max_payload(&self) -> usize {
        self.shared.max_payload.get()
    }

    fn close_now(&self) {
        if *self.shared.state.borrow() == NatsState::Closed {
            return;
        }
        self.task.abort();
        self.shared.connection.borrow_mut().take();
        self.shared.queue.borrow_mut().clear();
        self.shared.set_state(NatsState::Closed);
        self.shared.incoming.end();
        self.shared.drained.wake_all();
    }

    fn closed(&self) -> bool {
        *self.shared.state.borrow() == NatsState::Closed
    }
}

impl Drop for NatsSignaling {
    fn drop(&mut self) {
        self.close_now();
    }
}

impl Shared {
    fn set_state(&self, state: NatsState) {
        *self.state.borrow_mut() = state.clone();
        let mut watchers = self.watchers.borrow_mut();
        // A watcher whose every other handle is gone has no reader left.
        watchers.retain(|watcher| watcher.has_reader());
        for watcher in watchers.iter() {
            watcher.push(state.clone());
            if state == NatsState::Closed {
                watcher.end();
            }
        }
    }

    /// A connection is up: it sends what waited, in order.
    fn connected(&self, connection: NatsConnection) {
        self.max_payload.set(connection.max_payload());
        let waiting: String = std::mem::take(&mut *self.queue.borrow_mut())
            .into_iter()
            .collect();
        self.queued_bytes.set(0);
        if !waiting.is_empty() && connection.send(&waiting).is_err() {
            // Lost again at once: it waits for the next connection.
            self.queue.borrow_mut().push_back(waiting);
        }
        *self.connection.borrow_mut() = Some(Rc::new(connection));
        self.set_state(NatsState::Connected);
        self.drained.wake_all();
    }
}

/// What a message or `-ERR` from the server becomes on the incoming stream.
fn deliver(incoming: &EventStream<Result<Signal, Error>>, op: ServerOp) {
    match op {
        ServerOp::Msg { payload, .. } => incoming.push(match String::from_utf8(payload) {
            Ok(text) => Signal::from_json(&text),
            Err(_) => Err(Error::Data("a signal that is not UTF-8 text".into())),
        }),
        ServerOp::Err(message) => incoming.push(Err(nats_protocol::server_error(&message))),
        _ => {}
    }
}

/// The connection task: reads the connection while it is up, reconnects with back-off when it
/// drops, until aborted (by the transport's drop or close).
async fn run(shared: Rc<Shared>, url: String, options: NatsOptions) {
    loop {
        let lost = serve(&shared, options.ping_interval).await;
        shared.connection.borrow_mut().take();
        let mut error = lost;
        let mut attempt = 0;
        let connection = loop {
            attempt += 1;
            shared.set_state(NatsState::Reconnecting {
                attempt,
                error: error.clone(),
            });
            let spread = 0.8 + 0.4 * js_sys::Math::random();
            let wait = options.backoff(attempt).mul_f64(spread);
            timer(wait).await;
            let incoming = shared.incoming.clone();
            let opened = NatsConnection::open(
                &url,
                &options.auth,
                &options.name,
                &shared.subject,
                options.connect_timeout,
                &mut |op| deliver(&incoming, op),
            )
            .await;
            match opened {
                Ok(connection) => break connection,
                Err(failed) => error = failed,
            }
        };
        shared.connected(connection);
    }
}

/// How many of this side's `PING`s may go unanswered before the connection counts as lost.
const MOST_UNANSWERED_PINGS: u32 = 2;

/// Reads the current connection until it is lost; returns why. After `ping_interval` of
/// silence it asks the server with a `PING`; anything the server sends is an answer.
async fn serve(shared: &Shared, ping_interval: Duration) -> Error {
    let Some(connection) = shared.connection.borrow().clone() else {
        return Error::Network("the connection was closed".into());
    };
    let mut unanswered = 0;
    loop {
        let silence = timer(ping_interval);
        // `next_op` may be dropped at any await: it takes bytes off the socket only once they
        // are in its parser.
        let op = match select(Box::pin(connection.next_op()), silence).await {
            Either::Left((op, _)) => op,
            Either::Right(_) if unanswered >= MOST_UNANSWERED_PINGS => {
                return Error::Timeout(format!(
                    "the signaling server answered none of {MOST_UNANSWERED_PINGS} PINGs in {} ms",
                    ping_interval.as_millis() * u128::from(MOST_UNANSWERED_PINGS)
                ));
            }
            Either::Right(_) => {
                unanswered += 1;
                if let Err(error) = connection.send(nats_protocol::PING) {
                    return error;
                }
                continue;
            }
        };
        unanswered = 0;
        match op {
            Ok(ServerOp::Ping) => {
                if let Err(error) = connection.send(nats_protocol::PONG) {
                    return error;
                }
            }
            Ok(ServerOp::Err(message)) => {
                let closes = nats_protocol::closes_connection(&message);
                deliver(&shared.incoming, ServerOp::Err(message.clone()));
                if closes {
                    return nats_protocol::server_error(&message);
                }
            }
            Ok(msg @ ServerOp::Msg { .. }) => deliver(&shared.incoming, msg),
            Ok(ServerOp::Info(_) | ServerOp::Pong | ServerOp::Ok) => {}
            Err(error) => return error,
        }
    }
}

impl Stream for NatsSignaling {
    type Item = Result<Signal, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.shared.incoming.poll_shared(cx)
    }
}

impl Sink<Signal> for NatsSignaling {
    type Error = Error;

    /// Ready unless over 4 MiB wait for a connection; [`Error::Closed`] once closed.
    fn poll_ready(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), Error>> {
        if self.closed() {
            return Poll::Ready(Err(Error::Closed));
        }
        if self.shared.queued_bytes.get() >= MAX_QUEUED_BYTES {
            self.shared.drained.wait(cx);
            return Poll::Pending;
        }
        Poll::Ready(Ok(()))
    }

    /// Publishes `signal` to the room (or holds it until connected): [`Error::Data`] for a
    /// signal over [`MAX_SIGNAL_BYTES`] or over the server's [`max_payload`](NatsSignaling::max_payload)
    /// — it is not sent, and the transport goes on.
    fn start_send(self: Pin<&mut Self>, signal: Signal) -> Result<(), Error> {
        if self.closed() {
            return Err(Error::Closed);
        }
        let json = signal.to_json()?;
        let most = MAX_SIGNAL_BYTES.min(self.shared.max_payload.get());
        if json.len() > most {
            return Err(Error::Data(format!(
                "a signal of {} bytes is over the most this room takes ({most} bytes{})",
                json.len(),
                if most < MAX_SIGNAL_BYTES {
                    ": the signaling server's max_payload"
                } else {
                    ""
                }
            )));
        }
        let frame = nats_protocol::publish(&self.shared.subject, &json);
        let sent = match self.shared.connection.borrow().as_ref() {
            Some(connection) => connection.send(&frame).is_ok(),
            None => false,
        };
        if !sent {
            let queued = self.shared.queued_bytes.get() + frame.len();
            self.shared.queued_bytes.set(queued);
            self.shared.queue.borrow_mut().push_back(frame);
        }
        Ok(())
    }

    /// Done once nothing waits for a connection.
    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), Error>> {
        if self.closed() {
            return Poll::Ready(Err(Error::Closed));
        }
        if self.shared.queue.borrow().is_empty() {
            return Poll::Ready(Ok(()));
        }
        self.shared.drained.wait(cx);
        Poll::Pending
    }

    /// Closes the socket: nothing more is sent (what still waits for a connection is dropped)
    /// or received.
    fn poll_close(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Result<(), Error>> {
        self.close_now();
        Poll::Ready(Ok(()))
    }
}

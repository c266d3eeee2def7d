//! One WebSocket connection to a `nats-server`, from the handshake (`INFO`, then `CONNECT`,
//! `SUB` and a `PING` the server must answer) to its end. [`NatsSignaling`](super::NatsSignaling)
//! opens one per (re)connection.

use std::cell::{Cell, RefCell};
use std::time::Duration;

use futures::future::{select, Either};
use futures::StreamExt;
use wasm_bindgen::JsCast;
use web_sys::{BinaryType, CloseEvent, MessageEvent, WebSocket};

use super::nats_protocol::{self, NatsAuth, Parser, ServerOp};
use crate::attribute;
use crate::error::Error;
use crate::event::{Emit, EventStream};
use crate::timer::timer;

/// What the socket brought.
enum SocketEvent {
    Open,
    Bytes(Vec<u8>),
    /// The socket closed (or never opened): why, in words.
    Closed(String),
}

/// A NATS connection over a browser `WebSocket`, past its handshake. Dropping it detaches its
/// listeners and closes the socket.
pub(crate) struct NatsConnection {
    socket: WebSocket,
    events: EventStream<SocketEvent>,
    parser: RefCell<Parser>,
    /// The server's `max_payload`, from its `INFO`.
    max_payload: Cell<usize>,
}

/// What the server promises every client at least (nats-server's default `max_payload`), for
/// an `INFO` that does not say.
const DEFAULT_MAX_PAYLOAD: usize = 1024 * 1024;

impl NatsConnection {
    /// Connects to `url`, authenticates with `auth` and subscribes to `subject` as `sid`, all
    /// within `timeout`: [`Error::Syntax`] for a URL the browser refuses, [`Error::Network`]
    /// when no server answers there, [`Error::NotAllowed`] when the server refuses the
    /// credentials, [`Error::Timeout`] when the handshake takes longer. `first` receives the
    /// messages that arrive within the handshake.
    pub(crate) async fn open(
        url: &str,
        auth: &NatsAuth,
        name: &str,
        subject: &str,
        timeout: Duration,
        first: &mut dyn FnMut(ServerOp),
    ) -> Result<NatsConnection, Error> {
        let socket = WebSocket::new(url)?;
        socket.set_binary_type(BinaryType::Arraybuffer);
        let events = EventStream::new()
            .on(socket.as_ref(), "open", |_| Emit::Item(SocketEvent::Open))
            .on(socket.as_ref(), "message", |event| {
                let data = event.unchecked_ref::<MessageEvent>().data();
                Emit::Item(SocketEvent::Bytes(match data.as_string() {
                    Some(text) => text.into_bytes(),
                    None => js_sys::Uint8Array::new(&data).to_vec(),
                }))
            })
            .on(socket.as_ref(), "close", |event| {
                let event = event.unchecked_ref::<CloseEvent>();
                Emit::Last(SocketEvent::Closed(format!(
                    "the WebSocket closed (code {}{})",
                    event.code(),
                    match event.reason() {
                        reason if reason.is_empty() => String::new(),
                        reason => format!(": {reason}"),
                    }
                )))
            });
        let connection = NatsConnection {
            socket,
            events,
            parser: RefCell::new(Parser::default()),
            max_payload: Cell::new(DEFAULT_MAX_PAYLOAD),
        };
        let handshake = Box::pin(connection.handshake(auth, name, subject, first));
        let timer = timer(timeout);
        let outcome = match select(handshake, timer).await {
            Either::Left((outcome, _)) => Some(outcome),
            Either::Right(_) => None,
        };
        match outcome {
            Some(Ok(())) => Ok(connection),
            Some(Err(Error::Network(why))) => Err(Error::Network(format!(
                "could not connect to the signaling server at {url}: {why}"
            ))),
            Some(Err(error)) => Err(error),
            None => Err(Error::Timeout(format!(
                "the signaling server at {url} did not complete the NATS handshake within {} ms",
                timeout.as_millis()
            ))),
        }
    }

    async fn handshake(
        &self,
        auth: &NatsAuth,
        name: &str,
        subject: &str,
        first: &mut dyn FnMut(ServerOp),
    ) -> Result<(), Error> {
        loop {
            match self.next_op().await? {
                ServerOp::Info(json) => {
                    self.read_info(&json);
                    break;
                }
                ServerOp::Err(message) => return Err(nats_protocol::server_error(&message)),
                _ => {}
            }
        }
        let greeting = [
            nats_protocol::connect(auth, name),
            nats_protocol::subscribe(subject, SID),
            nats_protocol::PING.to_string(),
        ]
        .concat();
        self.send(&greeting)?;
        // The server answers in order: a `PONG` means it took the CONNECT and the SUB.
        loop {
            match self.next_op().await? {
                ServerOp::Pong => return Ok(()),
                ServerOp::Err(message) => return Err(nats_protocol::server_error(&message)),
                ServerOp::Ping => self.send(nats_protocol::PONG)?,
                ServerOp::Info(json) => self.read_info(&json),
                op @ ServerOp::Msg { .. } => first(op),
                ServerOp::Ok => {}
            }
        }
    }

    /// Takes what it needs of an `INFO`: the largest payload the server accepts.
    fn read_info(&self, json: &str) {
        let max_payload = js_sys::JSON::parse(json)
            .ok()
            .and_then(|info| attribute::number_attribute(&info, "max_payload"));
        if let Some(max) = max_payload.filter(|max| *max >= 1.0) {
            self.max_payload.set(max as usize);
        }
    }

    /// The server's `max_payload`: the largest message it takes, in bytes.
    pub(crate) fn max_payload(&self) -> usize {
        self.max_payload.get()
    }

    /// The next operation from the server: [`Error::Network`] once the socket has closed,
    /// [`Error::Data`] if the server broke the protocol.
    pub(crate) async fn next_op(&self) -> Result<ServerOp, Error> {
        let mut events = self.events.clone();
        loop {
            if let Some(op) = self.parser.borrow_mut().next_op()? {
                return Ok(op);
            }
            match events.next().await {
                Some(SocketEvent::Bytes(bytes)) => self.parser.borrow_mut().push(&bytes),
                Some(SocketEvent::Open) => {}
                Some(SocketEvent::Closed(why)) => return Err(Error::Network(why)),
                None => return Err(Error::Network("the WebSocket closed".into())),
            }
        }
    }

    /// Writes protocol text: [`Error::Network`] unless the socket is open (what is sent to a
    /// closing socket is lost, so it is not sent).
    pub(crate) fn send(&self, text: &str) -> Result<(), Error> {
        if self.socket.ready_state() != WebSocket::OPEN {
            return Err(Error::Network("the WebSocket is not open".into()));
        }
        Ok(self.socket.send_with_str(text)?)
    }
}

impl Drop for NatsConnection {
    fn drop(&mut self) {
        // Listeners first, then the socket: no event of this socket reaches anyone afterwards.
        self.events.end();
        let _ = self.socket.close();
    }
}

/// The one subscription id a connection uses.
const SID: &str = "1";

//! The NATS client protocol, as far as signaling needs it: reading what a `nats-server` sends
//! (`INFO`, `MSG`, `HMSG`, `PING`, `PONG`, `+OK`, `-ERR`) from a byte stream that arrives in
//! arbitrary pieces, and writing what a client sends (`CONNECT`, `SUB`, `PUB`, `PING`, `PONG`).
//! Pure logic, no browser: [`NatsSignaling`](super::NatsSignaling) feeds it WebSocket frames.
//!
//! [Protocol reference](https://docs.nats.io/reference/reference-protocols/nats-protocol)

use crate::error::Error;

/// The longest control line read (an `INFO` of a large cluster lists every server's URL; far
/// below this). A longer line is a protocol error, not a reason to buffer without end.
const MAX_CONTROL_LINE: usize = 64 * 1024;

/// The largest message read, whatever the server claims: nats-server's own hard limit.
const MAX_MESSAGE: usize = 64 * 1024 * 1024;

/// One operation from the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ServerOp {
    /// `INFO {json}`: the server's description (its JSON text).
    Info(String),
    /// `MSG` (or `HMSG`, headers dropped): a message on a subscription.
    Msg {
        /// The subject it was published to.
        subject: String,
        /// The subscription id it is delivered for.
        sid: String,
        /// The payload.
        payload: Vec<u8>,
    },
    /// `PING`: answer with `PONG`.
    Ping,
    /// `PONG`: the answer to a `PING` of ours.
    Pong,
    /// `+OK` (verbose mode only).
    Ok,
    /// `-ERR 'message'`: the server's message, quotes removed.
    Err(String),
}

/// Reads server operations from bytes that may split or join operations anywhere.
#[derive(Debug, Default)]
pub(crate) struct Parser {
    buffer: Vec<u8>,
    /// Where the unread bytes start in `buffer`.
    start: usize,
}

impl Parser {
    /// Adds bytes as they came off the socket.
    pub(crate) fn push(&mut self, bytes: &[u8]) {
        // What was read goes, so the buffer holds at most one unfinished operation.
        self.buffer.drain(..self.start);
        self.start = 0;
        self.buffer.extend_from_slice(bytes);
    }

    /// The next complete operation, `Ok(None)` until one has fully arrived; [`Error::Data`] for
    /// bytes that break the protocol (the connection cannot be read any further).
    pub(crate) fn next_op(&mut self) -> Result<Option<ServerOp>, Error> {
        let unread = &self.buffer[self.start..];
        let Some(end) = unread.windows(2).position(|w| w == b"\r\n") else {
            if unread.len() > MAX_CONTROL_LINE {
                return Err(protocol_error("a control line without end"));
            }
            return Ok(None);
        };
        let line = std::str::from_utf8(&unread[..end])
            .map_err(|_| protocol_error("a control line that is not UTF-8"))?;
        let (op, rest) = line
            .split_once([' ', '\t'])
            .map_or((line, ""), |(op, rest)| (op, rest.trim()));
        let after_line = self.start + end + 2;
        let parsed = match op.to_ascii_uppercase().as_str() {
            "PING" => ServerOp::Ping,
            "PONG" => ServerOp::Pong,
            "+OK" => ServerOp::Ok,
            "-ERR" => ServerOp::Err(rest.trim_matches('\'').to_string()),
            "INFO" => ServerOp::Info(rest.to_string()),
            "MSG" | "HMSG" => {
                let headers = op.eq_ignore_ascii_case("HMSG");
                let Some((subject, sid, header_len, total_len)) = message_line(rest, headers)
                else {
                    return Err(protocol_error(&format!("a malformed {op} line: {line:?}")));
                };
                if total_len > MAX_MESSAGE || header_len > total_len {
                    return Err(protocol_error(&format!("a malformed {op} line: {line:?}")));
                }
                let payload_end = after_line + total_len;
                if self.buffer.len() < payload_end + 2 {
                    return Ok(None);
                }
                if &self.buffer[payload_end..payload_end + 2] != b"\r\n" {
                    return Err(protocol_error("a message longer than its line says"));
                }
                let payload = self.buffer[after_line + header_len..payload_end].to_vec();
                self.start = payload_end + 2;
                return Ok(Some(ServerOp::Msg {
                    subject,
                    sid,
                    payload,
                }));
            }
            _ => return Err(protocol_error(&format!("an unknown operation: {line:?}"))),
        };
        self.start = after_line;
        Ok(Some(parsed))
    }
}

/// `subject sid [reply-to] [#header bytes] #total bytes` of a `MSG` or `HMSG` line.
fn message_line(rest: &str, headers: bool) -> Option<(String, String, usize, usize)> {
    let words: Vec<&str> = rest.split_ascii_whitespace().collect();
    let counts = if headers { 2 } else { 1 };
    if words.len() != 2 + counts && words.len() != 3 + counts {
        return None;
    }
    let total: usize = words[words.len() - 1].parse().ok()?;
    let header = if headers {
        words[words.len() - 2].parse().ok()?
    } else {
        0
    };
    Some((words[0].to_string(), words[1].to_string(), header, total))
}

fn protocol_error(what: &str) -> Error {
    Error::Data(format!(
        "the signaling server broke the NATS protocol: {what}"
    ))
}

/// How a client proves who it is in `CONNECT`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum NatsAuth {
    /// No credentials.
    #[default]
    None,
    /// A token (`auth_token`; the server's `authorization { token }`).
    Token(String),
    /// A user and password (the server's `authorization { user, password }` or `users`).
    UserPassword {
        /// The user.
        user: String,
        /// The password.
        password: String,
    },
}

/// The `CONNECT` line: no `+OK` for every operation (`verbose: false`), no echo of this
/// client's own messages, no headers.
pub(crate) fn connect(auth: &NatsAuth, name: &str) -> String {
    let credentials = match auth {
        NatsAuth::None => String::new(),
        NatsAuth::Token(token) => format!(r#","auth_token":{}"#, json_string(token)),
        NatsAuth::UserPassword { user, password } => format!(
            r#","user":{},"pass":{}"#,
            json_string(user),
            json_string(password)
        ),
    };
    format!(
        concat!(
            r#"CONNECT {{"verbose":false,"pedantic":false,"lang":"rust-wasm","version":"{}","#,
            r#""protocol":1,"echo":false,"headers":false,"no_responders":false,"name":{}{}}}"#,
            "\r\n"
        ),
        env!("CARGO_PKG_VERSION"),
        json_string(name),
        credentials
    )
}

/// `SUB subject sid`.
pub(crate) fn subscribe(subject: &str, sid: &str) -> String {
    format!("SUB {subject} {sid}\r\n")
}

/// `PUB subject #bytes` and the payload.
pub(crate) fn publish(subject: &str, payload: &str) -> String {
    format!("PUB {subject} {}\r\n{payload}\r\n", payload.len())
}

/// `PING`.
pub(crate) const PING: &str = "PING\r\n";

/// `PONG`.
pub(crate) const PONG: &str = "PONG\r\n";

/// A subject token for a room name: [`Error::Syntax`] unless it is non-empty and free of what
/// NATS gives a meaning (whitespace, `.` between tokens, the wildcards `*` and `>`).
pub(crate) fn check_token(what: &str, token: &str) -> Result<(), Error> {
    let bad = token
        .chars()
        .find(|c| c.is_whitespace() || c.is_control() || matches!(c, '.' | '*' | '>'));
    match bad {
        _ if token.is_empty() => Err(Error::Syntax(format!("an empty {what}"))),
        Some(c) => Err(Error::Syntax(format!(
            "{what} {token:?} has {c:?}, which a NATS subject token cannot hold"
        ))),
        None => Ok(()),
    }
}

/// The typed error for a server's `-ERR` text: [`Error::NotAllowed`] for authentication and
/// permission failures, [`Error::Data`] for a payload over the server's limit,
/// [`Error::Operation`] for anything else. The server's words are kept.
pub(crate) fn server_error(message: &str) -> Error {
    let lower = message.to_ascii_lowercase();
    let text = format!("the signaling server said: {message}");
    if lower.contains("authorization")
        || lower.contains("authentication")
        || lower.contains("permissions violation")
    {
        Error::NotAllowed(text)
    } else if lower.contains("maximum payload") {
        Error::Data(text)
    } else {
        Error::Operation(text)
    }
}

/// Whether the server closes the connection after this `-ERR` (the NATS protocol: every error
/// does but a permissions violation, which only refuses the one operation).
pub(crate) fn closes_connection(message: &str) -> bool {
    !message
        .to_ascii_lowercase()
        .contains("permissions violation")
}

/// `s` as a JSON string literal.
fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(parser: &mut Parser) -> Vec<ServerOp> {
        let mut ops = Vec::new();
        while let Some(op) = parser.next_op().unwrap() {
            ops.push(op);
        }
        ops
    }

    #[test]
    fn reads_operations_split_and_joined_anywhere() {
        let wire = b"INFO {\"server_id\":\"x\",\"max_payload\":1048576}\r\nPING\r\nMSG room.a 1 5\r\nhello\r\n+OK\r\npong\r\nMSG room.a 1 reply.to 9\r\nhe\r\nllo w\r\n-ERR 'Authorization Violation'\r\n";
        let expected = vec![
            ServerOp::Info(r#"{"server_id":"x","max_payload":1048576}"#.into()),
            ServerOp::Ping,
            ServerOp::Msg {
                subject: "room.a".into(),
                sid: "1".into(),
                payload: b"hello".to_vec(),
            },
            ServerOp::Ok,
            ServerOp::Pong,
            ServerOp::Msg {
                subject: "room.a".into(),
                sid: "1".into(),
                payload: b"he\r\nllo w".to_vec(),
            },
            ServerOp::Err("Authorization Violation".into()),
        ];
        let mut whole = Parser::default();
        whole.push(wire);
        assert_eq!(all(&mut whole), expected);
        // Every split point, and byte by byte.
        for cut in 0..wire.len() {
            let mut parser = Parser::default();
            parser.push(&wire[..cut]);
            let mut ops = all(&mut parser);
            parser.push(&wire[cut..]);
            ops.extend(all(&mut parser));
            assert_eq!(ops, expected, "split at {cut}");
        }
        let mut parser = Parser::default();
        let mut ops = Vec::new();
        for byte in wire {
            parser.push(&[*byte]);
            ops.extend(all(&mut parser));
        }
        assert_eq!(ops, expected);
    }

    #[test]
    fn drops_headers_of_hmsg() {
        let mut parser = Parser::default();
        parser.push(b"HMSG room.a 2 18 23\r\nNATS/1.0\r\nA: b\r\n\r\nhello\r\n");
        assert_eq!(
            all(&mut parser),
            vec![ServerOp::Msg {
                subject: "room.a".into(),
                sid: "2".into(),
                payload: b"hello".to_vec()
            }]
        );
    }

    #[test]
    fn protocol_violations_are_data_errors() {
        for wire in [
            &b"HELLO there\r\n"[..],
            b"MSG room 1\r\n",
            b"MSG room 1 x\r\n",
            b"MSG room 1 3\r\nhello\r\n",
            b"MSG room 1 99999999999\r\n",
            b"\xff\xfe\r\n",
        ] {
            let mut parser = Parser::default();
            parser.push(wire);
            let error = parser.next_op().unwrap_err();
            assert!(matches!(error, Error::Data(_)), "{wire:?}: {error:?}");
        }
        let mut parser = Parser::default();
        parser.push(&vec![b'A'; MAX_CONTROL_LINE + 1]);
        assert!(matches!(parser.next_op(), Err(Error::Data(_))));
    }

    #[test]
    fn writes_client_operations() {
        assert_eq!(
            publish("r.a", "{\"x\":\"é\"}"),
            "PUB r.a 10\r\n{\"x\":\"é\"}\r\n"
        );
        assert_eq!(subscribe("r.a", "1"), "SUB r.a 1\r\n");
        let line = connect(&NatsAuth::Token("t\"o\\k\n".into()), "peer");
        assert!(
            line.ends_with("\r\n") && line.starts_with("CONNECT {"),
            "{line}"
        );
        let json: serde_json::Value =
            serde_json::from_str(line.trim_start_matches("CONNECT ").trim_end()).unwrap();
        assert_eq!(json["auth_token"], "t\"o\\k\n");
        assert_eq!(json["echo"], false);
        assert_eq!(json["verbose"], false);
        assert_eq!(json["name"], "peer");
        let line = connect(
            &NatsAuth::UserPassword {
                user: "u".into(),
                password: "p".into(),
            },
            "x",
        );
        let json: serde_json::Value =
            serde_json::from_str(line.trim_start_matches("CONNECT ").trim_end()).unwrap();
        assert_eq!((&json["user"], &json["pass"]), (&"u".into(), &"p".into()));
        assert!(json.get("auth_token").is_none());
    }

    #[test]
    fn names_server_errors() {
        assert!(
            matches!(server_error("Authorization Violation"), Error::NotAllowed(m) if m.contains("Authorization Violation"))
        );
        assert!(matches!(
            server_error("Permissions Violation for Publish to \"x\""),
            Error::NotAllowed(_)
        ));
        assert!(matches!(
            server_error("Maximum Payload Violation"),
            Error::Data(_)
        ));
        assert!(matches!(
            server_error("Unknown Protocol Operation"),
            Error::Operation(_)
        ));
        assert!(!closes_connection(
            "Permissions Violation for Subscription to \"x\""
        ));
        assert!(closes_connection("Authorization Violation"));
    }

    #[test]
    fn room_names_must_be_one_subject_token() {
        assert!(check_token("room", "call-42_A").is_ok());
        for bad in ["", "a.b", "a b", "*", ">", "a\tb"] {
            assert!(
                matches!(check_token("room", bad), Err(Error::Syntax(_))),
                "{bad:?}"
            );
        }
    }
}

//! [`IceCandidate`] (the `RTCIceCandidateInit` dictionary) and the parser for its candidate line
//! (RFC 8839 §5.1), shared by the wrappers and the shim.

use serde::{Deserialize, Serialize};

use crate::enums::{CandidateProtocol, CandidateType, TcpType};
use crate::error::Error;
use crate::prelude::*;

/// An ICE candidate as signalled between peers: the `RTCIceCandidateInit` dictionary.
///
/// Serializes to the same JSON as the browser's `RTCIceCandidate.toJSON()`, so it can travel over
/// any signaling channel. [`IceCandidate::fields`] parses the candidate line.
///
/// ```
/// use wasm_rtc::{IceCandidate, CandidateType};
/// let c = IceCandidate::new("candidate:1 1 udp 2122260223 192.0.2.7 54400 typ host", Some("0"), Some(0));
/// let f = c.fields().unwrap();
/// assert_eq!((f.port, f.kind), (54400, CandidateType::Host));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct IceCandidate {
    /// The `candidate:` line; empty means end-of-candidates.
    pub candidate: String,
    /// The media stream identification tag this candidate belongs to.
    #[serde(default)]
    pub sdp_mid: Option<String>,
    /// The index of the m-line this candidate belongs to.
    #[serde(default, rename = "sdpMLineIndex")]
    pub sdp_m_line_index: Option<u16>,
    /// The ICE username fragment (generation) this candidate belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username_fragment: Option<String>,
    /// For a relay candidate gathered by this browser: the protocol to the TURN server
    /// (`"udp"`, `"tcp"`, `"tls"`), as the browser reports it in `RTCIceCandidate.relayProtocol`.
    /// It is not part of the candidate line, so it is `None` for remote candidates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relay_protocol: Option<String>,
}

impl IceCandidate {
    /// A candidate from its line, mid and m-line index.
    pub fn new(
        candidate: impl Into<String>,
        sdp_mid: Option<&str>,
        sdp_m_line_index: Option<u16>,
    ) -> Self {
        IceCandidate {
            candidate: candidate.into(),
            sdp_mid: sdp_mid.map(str::to_owned),
            sdp_m_line_index,
            ..Default::default()
        }
    }

    /// The dictionary of a native `RTCIceCandidate` (or any object with its members): what the
    /// browser hands out in `icecandidate` events and `RTCIceTransport`'s candidate lists.
    #[cfg(feature = "wrappers")]
    pub(crate) fn read(native: &wasm_bindgen::JsValue) -> Self {
        use crate::attribute::{number_attribute, string_attribute};
        IceCandidate {
            candidate: string_attribute(native, "candidate").unwrap_or_default(),
            sdp_mid: string_attribute(native, "sdpMid"),
            sdp_m_line_index: number_attribute(native, "sdpMLineIndex").map(|i| i as u16),
            username_fragment: string_attribute(native, "usernameFragment"),
            relay_protocol: string_attribute(native, "relayProtocol"),
        }
    }

    /// The `RTCIceCandidateInit` dictionary for `addIceCandidate`: the members this candidate
    /// has (`relayProtocol` is not one; the browser knows it only of its own candidates).
    #[cfg(feature = "wrappers")]
    pub(crate) fn to_init(&self) -> crate::sys::CandidateInit {
        use wasm_bindgen::JsCast;
        let init: crate::sys::CandidateInit = js_sys::Object::new().unchecked_into();
        init.set_candidate(&self.candidate);
        if let Some(mid) = &self.sdp_mid {
            init.set_sdp_mid(mid);
        }
        if let Some(index) = self.sdp_m_line_index {
            init.set_sdp_m_line_index(index);
        }
        if let Some(ufrag) = &self.username_fragment {
            init.set_username_fragment(ufrag);
        }
        init
    }

    /// Parses the candidate line. Fails with [`Error::Syntax`] on a malformed line.
    pub fn fields(&self) -> Result<CandidateFields, Error> {
        let mut fields = CandidateFields::parse(&self.candidate)?;
        if fields.username_fragment.is_none() {
            fields.username_fragment = self.username_fragment.clone();
        }
        Ok(fields)
    }

    /// Whether this is the end-of-candidates marker (an empty candidate line).
    pub fn is_end_of_candidates(&self) -> bool {
        self.candidate.is_empty()
    }
}

/// The fields of a candidate line, named as in `RTCIceCandidate`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "camelCase")]
pub struct CandidateFields {
    /// The foundation: candidates with the same foundation share a base and a server.
    pub foundation: String,
    /// The component: 1 for RTP, 2 for RTCP.
    pub component: u16,
    /// The transport protocol.
    pub protocol: CandidateProtocol,
    /// The priority.
    pub priority: u32,
    /// The address: an IPv4 or IPv6 literal, or an mDNS host name ending in `.local`.
    pub address: String,
    /// The port.
    pub port: u16,
    /// The candidate type.
    #[serde(rename = "type")]
    pub kind: CandidateType,
    /// For reflexive and relay candidates: the base address (`raddr`).
    pub related_address: Option<String>,
    /// For reflexive and relay candidates: the base port (`rport`).
    pub related_port: Option<u16>,
    /// For TCP candidates: the TCP type.
    pub tcp_type: Option<TcpType>,
    /// The username fragment (`ufrag` extension), when the line carries it.
    pub username_fragment: Option<String>,
    /// Other extension attributes, in order (e.g. `generation`, `network-id`, `network-cost`).
    pub extensions: Vec<(String, String)>,
}

/// `invalid ICE candidate "<line>": <why…>`, built without `core::fmt` (its code is a fifth of
/// the shim-only wasm).
fn syntax(line: &str, why: &[&str]) -> Error {
    let mut message = String::from("invalid ICE candidate \"");
    message.push_str(line);
    message.push_str("\": ");
    for part in why {
        message.push_str(part);
    }
    Error::Syntax(message)
}

/// A number field: digits only (the grammar's `1*DIGIT`; Rust's parser would also take `+5`).
fn number<T: core::str::FromStr>(line: &str, token: Option<&str>, what: &str) -> Result<T, Error> {
    let token = token.ok_or_else(|| syntax(line, &["missing ", what]))?;
    token
        .bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| token.parse().ok())
        .flatten()
        .ok_or_else(|| syntax(line, &["bad ", what]))
}

fn is_ice_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '+' || c == '/'
}

/// An IP literal or a host name (RFC 8839's `connection-address`). A name's last label is not
/// all digits (RFC 1123 §2.1), so `999.1.1.1` or `1.2.3` is a bad IPv4 literal, not a name.
fn valid_address(address: &str) -> bool {
    let name = |address: &str| {
        !address.is_empty()
            && address.split('.').all(|label| {
                !label.is_empty() && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            })
            && !address
                .rsplit('.')
                .next()
                .unwrap_or_default()
                .bytes()
                .all(|b| b.is_ascii_digit())
    };
    is_ipv4(address) || is_ipv6(address) || name(address)
}

// The two IP literal checks are ours, not `std::net`'s parser: it is 3.6 KB of the shim-only
// wasm, which only needs a yes or no. Unit tests hold them to `std::net`'s answers.

/// A dotted-quad IPv4 literal: four decimal numbers up to 255, without leading zeros.
fn is_ipv4(text: &str) -> bool {
    ipv4_bytes(text.as_bytes())
}

fn ipv4_bytes(text: &[u8]) -> bool {
    let mut parts = 0;
    for part in text.split(|&b| b == b'.') {
        parts += 1;
        let number = (1..=3).contains(&part.len())
            && part.iter().all(u8::is_ascii_digit)
            && !(part.len() > 1 && part[0] == b'0')
            && part.iter().fold(0u32, |n, &d| n * 10 + u32::from(d - b'0')) <= 255;
        if parts > 4 || !number {
            return false;
        }
    }
    parts == 4
}

/// An IPv6 literal (RFC 4291 §2.2): eight groups of up to four hex digits, one `::` standing for
/// one or more zero groups, and optionally an IPv4 literal in place of the last two groups.
fn is_ipv6(text: &str) -> bool {
    let text = text.as_bytes();
    // How many 16-bit groups `part` (colon-separated, maybe ending in IPv4) spells; None if invalid.
    let groups = |part: &[u8], ipv4_last: bool| -> Option<usize> {
        if part.is_empty() {
            return Some(0);
        }
        let mut count = 0;
        let mut pieces = part.split(|&b| b == b':').peekable();
        while let Some(piece) = pieces.next() {
            if ipv4_last && pieces.peek().is_none() && piece.contains(&b'.') {
                count += if ipv4_bytes(piece) { 2 } else { return None };
            } else if (1..=4).contains(&piece.len()) && piece.iter().all(u8::is_ascii_hexdigit) {
                count += 1;
            } else {
                return None;
            }
        }
        Some(count)
    };
    match text.windows(2).position(|pair| pair == b"::") {
        None => groups(text, true) == Some(8),
        Some(at) => {
            let (head, tail) = (&text[..at], &text[at + 2..]);
            !tail.windows(2).any(|pair| pair == b"::")
                && matches!((groups(head, false), groups(tail, true)), (Some(h), Some(t)) if h + t <= 7)
        }
    }
}

impl CandidateFields {
    /// Parses a candidate line, with or without the `a=` and `candidate:` prefixes.
    ///
    /// ```
    /// use wasm_rtc::{CandidateFields, CandidateType, TcpType};
    /// let f = CandidateFields::parse(
    ///     "candidate:3 1 tcp 1518280447 2001:db8::1 9 typ host tcptype active generation 0").unwrap();
    /// assert_eq!(f.tcp_type, Some(TcpType::Active));
    /// assert!(CandidateFields::parse("candidate:garbage").is_err());
    /// ```
    pub fn parse(line: &str) -> Result<Self, Error> {
        let trimmed = line.trim();
        let body = trimmed.strip_prefix("a=").unwrap_or(trimmed);
        let body = body
            .strip_prefix("candidate:")
            .ok_or_else(|| syntax(line, &["it must start with \"candidate:\""]))?;
        let mut tokens = body.split_ascii_whitespace();

        let foundation = tokens.next().unwrap_or_default();
        if foundation.is_empty() || foundation.len() > 32 || !foundation.chars().all(is_ice_char) {
            return Err(syntax(line, &["bad foundation"]));
        }
        let component: u16 = number(line, tokens.next(), "component")?;
        if component == 0 || component > 256 {
            return Err(syntax(line, &["component out of range"]));
        }
        let protocol = match tokens.next() {
            Some(p) if p.eq_ignore_ascii_case("udp") => CandidateProtocol::Udp,
            Some(p) if p.eq_ignore_ascii_case("tcp") => CandidateProtocol::Tcp,
            _ => return Err(syntax(line, &["protocol must be udp or tcp"])),
        };
        let priority: u32 = number(line, tokens.next(), "priority")?;
        let address = tokens.next().unwrap_or_default();
        if !valid_address(address) {
            return Err(syntax(line, &["bad address"]));
        }
        let port: u16 = number(line, tokens.next(), "port")?;
        if tokens.next() != Some("typ") {
            return Err(syntax(line, &["missing \"typ\""]));
        }
        let kind = tokens
            .next()
            .and_then(CandidateType::from_spec)
            .ok_or_else(|| syntax(line, &["unknown candidate type"]))?;

        let mut fields = CandidateFields {
            foundation: foundation.to_owned(),
            component,
            protocol,
            priority,
            address: address.to_owned(),
            port,
            kind,
            related_address: None,
            related_port: None,
            tcp_type: None,
            username_fragment: None,
            extensions: Vec::new(),
        };
        while let Some(key) = tokens.next() {
            let value = tokens
                .next()
                .ok_or_else(|| syntax(line, &[key, " has no value"]))?;
            match key {
                "raddr" if valid_address(value) => fields.related_address = Some(value.to_owned()),
                "raddr" => return Err(syntax(line, &["bad raddr"])),
                "rport" => fields.related_port = Some(number(line, Some(value), "rport")?),
                "tcptype" => {
                    fields.tcp_type = Some(
                        TcpType::from_spec(value).ok_or_else(|| syntax(line, &["bad tcptype"]))?,
                    )
                }
                "ufrag" => fields.username_fragment = Some(value.to_owned()),
                _ => fields.extensions.push((key.to_owned(), value.to_owned())),
            }
        }
        Ok(fields)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ip_literals_as_std_net_reads_them() {
        let cases = [
            "0.0.0.0",
            "192.0.2.7",
            "255.255.255.255",
            "256.0.0.1",
            "1.2.3",
            "1.2.3.4.5",
            "01.2.3.4",
            "1.2.3.04",
            "1..2.3",
            "1.2.3.4.",
            ".1.2.3.4",
            "1.2.3.-4",
            "1.2.3.+4",
            "1.2.3.4 ",
            "",
            ".",
            "1234.1.1.1",
            "0.0.0.00",
            "::",
            "::1",
            "1::",
            "2001:db8::1",
            "2001:0db8:0000:0000:0000:ff00:0042:8329",
            "2001:db8:0:0:0:0:2:1",
            "1:2:3:4:5:6:7:8",
            "1:2:3:4:5:6:7:8:9",
            "1:2:3:4:5:6:7",
            "1:2:3:4:5:6:7::",
            "::2:3:4:5:6:7:8",
            "1::2::3",
            ":::",
            "1:::2",
            ":1::2",
            "1::2:",
            "12345::1",
            "g::1",
            "::ffff:192.0.2.1",
            "::192.0.2.1",
            "1:2:3:4:5:6:1.2.3.4",
            "1:2:3:4:5:6:7:1.2.3.4",
            "1:2:3:4:5::1.2.3.4",
            "1.2.3.4::",
            "::1.2.3.4:1",
            "::ffff:1.2.3",
            "::ffff:256.1.1.1",
            "fe80::1%eth0",
            "[::1]",
            "FE80::ABCD",
            "::0:0:0:0:0:0:0",
            "::0:0:0:0:0:0",
            "0:0:0:0:0:0:0::",
            "1:2:3:4:5:6::",
            "1:2:3:4:5:6::7",
            "host.local",
            "a:b",
            "1",
            "00000::1",
            "0000::1",
        ];
        for case in cases {
            assert_eq!(
                is_ipv4(case) || is_ipv6(case),
                case.parse::<std::net::IpAddr>().is_ok(),
                "{case:?}"
            );
        }
    }

    #[test]
    fn ipv4_host_with_chrome_extensions() {
        let f = CandidateFields::parse(
            "candidate:842163049 1 udp 1677729535 192.0.2.33 51823 typ host generation 0 ufrag EsAw network-id 1 network-cost 10",
        )
        .unwrap();
        assert_eq!(f.foundation, "842163049");
        assert_eq!(f.component, 1);
        assert_eq!(f.protocol, CandidateProtocol::Udp);
        assert_eq!(f.priority, 1677729535);
        assert_eq!(f.address, "192.0.2.33");
        assert_eq!(f.port, 51823);
        assert_eq!(f.kind, CandidateType::Host);
        assert_eq!(f.username_fragment.as_deref(), Some("EsAw"));
        assert_eq!(
            f.extensions,
            vec![
                ("generation".into(), "0".into()),
                ("network-id".into(), "1".into()),
                ("network-cost".into(), "10".into())
            ]
        );
    }

    #[test]
    fn ipv6_and_sdp_prefix() {
        let f =
            CandidateFields::parse("a=candidate:1 2 UDP 2122194687 2001:db8::5:1 60000 typ host")
                .unwrap();
        assert_eq!(f.address, "2001:db8::5:1");
        assert_eq!(f.component, 2);
        assert_eq!(f.protocol, CandidateProtocol::Udp);
    }

    #[test]
    fn mdns_local_name() {
        let f = CandidateFields::parse(
            "candidate:2395300328 1 udp 2113937151 3f1c5b8e-8b2f-4b8a-9c0e-1b2b3c4d5e6f.local 54321 typ host generation 0",
        )
        .unwrap();
        assert!(f.address.ends_with(".local"));
        assert_eq!(f.port, 54321);
    }

    #[test]
    fn tcp_types() {
        for (t, want) in [
            ("active", TcpType::Active),
            ("passive", TcpType::Passive),
            ("so", TcpType::So),
        ] {
            let f = CandidateFields::parse(&format!(
                "candidate:4 1 tcp 1518214911 192.0.2.9 9 typ host tcptype {t}"
            ))
            .unwrap();
            assert_eq!(f.protocol, CandidateProtocol::Tcp);
            assert_eq!(f.tcp_type, Some(want));
        }
    }

    #[test]
    fn srflx_and_relay_with_related_address() {
        let f = CandidateFields::parse(
            "candidate:3 1 udp 1686052607 203.0.113.4 61665 typ srflx raddr 192.0.2.33 rport 51823 generation 0",
        )
        .unwrap();
        assert_eq!(f.kind, CandidateType::Srflx);
        assert_eq!(f.related_address.as_deref(), Some("192.0.2.33"));
        assert_eq!(f.related_port, Some(51823));

        let f = CandidateFields::parse(
            "candidate:5 1 udp 41885439 198.51.100.2 50000 typ relay raddr 203.0.113.4 rport 61665",
        )
        .unwrap();
        assert_eq!(f.kind, CandidateType::Relay);
        assert_eq!(f.related_port, Some(61665));
    }

    #[test]
    fn garbage_is_a_syntax_error() {
        for bad in [
            "",
            "garbage",
            "candidate:",
            "candidate:1 1 udp",
            "candidate:1 x udp 1 192.0.2.1 1 typ host",
            "candidate:1 1 sctp 1 192.0.2.1 1 typ host",
            "candidate:1 1 udp 99999999999 192.0.2.1 1 typ host",
            "candidate:1 1 udp 1 192.0.2.1 70000 typ host",
            "candidate:1 1 udp 1 192.0.2.1 1 type host",
            "candidate:1 1 udp 1 192.0.2.1 1 typ elsewhere",
            "candidate:1 1 udp 1 bad_address! 1 typ host",
            "candidate:1 1 udp 1 192.0.2.1 1 typ srflx raddr",
            "candidate:1 1 tcp 1 192.0.2.1 1 typ host tcptype sideways",
            "candidate:1 0 udp 1 192.0.2.1 1 typ host",
            // Signed numbers, and dotted numbers that are no IPv4 literal (nor a host name).
            "candidate:1 +1 udp 1 192.0.2.1 1 typ host",
            "candidate:1 1 udp +5 192.0.2.1 1 typ host",
            "candidate:1 1 udp 1 192.0.2.1 +9 typ host",
            "candidate:1 1 udp 1 999.1.1.1 1 typ host",
            "candidate:1 1 udp 1 1.2.3 1 typ host",
            "candidate:1 1 udp 1 01.2.3.4 1 typ host",
            "candidate:1 1 udp 1 192.0.2.1 1 typ srflx raddr 192.0.2.300 rport 9",
        ] {
            let err = CandidateFields::parse(bad).unwrap_err();
            assert!(matches!(err, Error::Syntax(_)), "{bad:?} gave {err:?}");
        }
    }

    #[test]
    fn names_are_the_serde_names() {
        for kind in [
            CandidateType::Host,
            CandidateType::Srflx,
            CandidateType::Prflx,
            CandidateType::Relay,
        ] {
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.as_str());
        }
        for protocol in [CandidateProtocol::Udp, CandidateProtocol::Tcp] {
            assert_eq!(serde_json::to_value(protocol).unwrap(), protocol.as_str());
        }
        for tcp in [TcpType::Active, TcpType::Passive, TcpType::So] {
            assert_eq!(serde_json::to_value(tcp).unwrap(), tcp.as_str());
        }
    }

    #[test]
    fn ufrag_falls_back_to_the_dictionary() {
        let mut c = IceCandidate::new(
            "candidate:1 1 udp 1 192.0.2.1 1 typ host",
            Some("0"),
            Some(0),
        );
        c.username_fragment = Some("abcd".into());
        assert_eq!(
            c.fields().unwrap().username_fragment.as_deref(),
            Some("abcd")
        );
        assert!(IceCandidate::default().is_end_of_candidates());
    }
}

//! The wasm-rtc demo: Alice and Bob, two `RTCPeerConnection`s in one tab, chat over a data
//! channel. Written the way a Rust front-end uses wasm-rtc, with plain web-sys for the DOM.
//!
//! * `lib.rs`      starts the page and reports how it went in `#status`
//! * `link.rs`     connects the two peers (offer/answer, trickle ICE)
//! * `chat.rs`     one side of the chat: pane ⇄ data channel
//! * `states.rs`   live `connectionState` badges
//! * `pane.rs`     one side's DOM
//! * `listener.rs` DOM events as RAII listeners and streams
//! * `selftest.rs` `?selftest`: sends a message each way and checks it arrived
#![forbid(unsafe_code)]

mod chat;
mod link;
mod listener;
mod pane;
mod selftest;
mod states;

use std::rc::Rc;

use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen_futures::spawn_local;
use wasm_rtc::{Configuration, Error, PeerConnection};
use web_sys::{Document, Element};

use crate::pane::{by_id, Pane};

/// Runs when the module is instantiated (`init()` in index.html).
#[wasm_bindgen(start)]
pub fn start() {
    spawn_local(async {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let selftest = document
            .location()
            .and_then(|l| l.search().ok())
            .is_some_and(|q| q.contains("selftest"));
        let status = Status {
            document: document.clone(),
            element: by_id(&document, "status").ok(),
            selftest,
        };
        match run(&document, &status).await {
            Ok(()) => {}
            Err(error) if selftest => status.show(&format!("SELFTEST FAIL: {error}"), "error"),
            Err(error) => status.show(&format!("Could not start the demo: {error}"), "error"),
        }
    });
}

async fn run(document: &Document, status: &Status) -> Result<(), Error> {
    let alice_pane = Rc::new(Pane::find(document, "alice")?);
    let bob_pane = Rc::new(Pane::find(document, "bob")?);

    // No ICE servers: both peers are on this machine, host candidates are enough.
    let alice = PeerConnection::new(&Configuration::new())?;
    let bob = PeerConnection::new(&Configuration::new())?;
    states::show_connection_state(alice_pane.clone(), &alice);
    states::show_connection_state(bob_pane.clone(), &bob);

    status.show("Connecting Alice and Bob…", "busy");
    let (alices_channel, bobs_channel) = link::connect(&alice, &bob, &alice_pane, &bob_pane).await?;
    // From here on each side's task owns its connection and channel for the page's lifetime.
    spawn_local(chat::run(alice_pane.clone(), alice, alices_channel));
    spawn_local(chat::run(bob_pane.clone(), bob, bobs_channel));
    status.show("Connected: type on either side.", "ok");

    if status.selftest {
        status.show("SELFTEST RUNNING", "busy");
        match selftest::run(&alice_pane, &bob_pane).await {
            Ok(()) => status.show("SELFTEST PASS", "ok"),
            Err(reason) => status.show(&format!("SELFTEST FAIL: {reason}"), "error"),
        }
    }
    Ok(())
}

/// The page-wide status line, `#status`; in self-test mode also the document title, for
/// `chromium --dump-dom` and friends.
struct Status {
    document: Document,
    element: Option<Element>,
    selftest: bool,
}

impl Status {
    fn show(&self, text: &str, kind: &str) {
        match &self.element {
            Some(element) => {
                element.set_text_content(Some(text));
                let _ = element.set_attribute("data-kind", kind);
            }
            // A page without #status still says what happened.
            None => self.document.set_title(text),
        }
        if self.selftest {
            self.document.set_title(text);
        }
    }
}

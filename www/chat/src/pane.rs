//! [`Pane`]: one person's half of the page (state badges, message log, input and Send button),
//! found by id in www/index.html.

use wasm_bindgen::JsCast;
use wasm_rtc::{Error, PeerConnectionState};
use web_sys::{Document, Element, HtmlButtonElement, HtmlFormElement, HtmlInputElement};

use crate::listener::DomEvents;

/// What a log line is; also its CSS class.
#[derive(Clone, Copy)]
pub enum Entry {
    /// Typed here and sent.
    Sent,
    /// Arrived over the data channel.
    Received,
    /// Something that happened.
    Info,
    /// Something that failed.
    Error,
}

impl Entry {
    fn class(self) -> &'static str {
        match self {
            Entry::Sent => "sent",
            Entry::Received => "received",
            Entry::Info => "info",
            Entry::Error => "error",
        }
    }
}

/// The DOM of one side: `#<id>-connection`, `#<id>-channel`, `#<id>-log`, `#<id>-form`,
/// `#<id>-input`, `#<id>-send`.
pub struct Pane {
    document: Document,
    connection: Element,
    channel: Element,
    log: Element,
    form: HtmlFormElement,
    input: HtmlInputElement,
    send: HtmlButtonElement,
}

/// `document.getElementById(id)` as a `T`, or a `NotFound` error naming it.
pub fn by_id<T: JsCast>(document: &Document, id: &str) -> Result<T, Error> {
    document
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<T>().ok())
        .ok_or_else(|| Error::NotFound(format!("the page has no suitable #{id} element")))
}

impl Pane {
    /// Finds the pane whose element ids start with `id`.
    pub fn find(document: &Document, id: &str) -> Result<Self, Error> {
        let part = |name: &str| format!("{id}-{name}");
        Ok(Pane {
            document: document.clone(),
            connection: by_id(document, &part("connection"))?,
            channel: by_id(document, &part("channel"))?,
            log: by_id(document, &part("log"))?,
            form: by_id(document, &part("form"))?,
            input: by_id(document, &part("input"))?,
            send: by_id(document, &part("send"))?,
        })
    }

    /// Shows the connection's `connectionState` (CSS colours it by `data-state`).
    pub fn set_connection_state(&self, state: &PeerConnectionState) {
        show_state(&self.connection, state.as_str());
    }

    /// Shows the data channel's state.
    pub fn set_channel_state(&self, state: &str) {
        show_state(&self.channel, state);
    }

    /// Enables or disables typing and sending.
    pub fn enable(&self, enabled: bool) {
        self.input.set_disabled(!enabled);
        self.send.set_disabled(!enabled);
        if enabled {
            self.input.set_placeholder("Type a message and press Enter");
        }
    }

    /// Whether typing and sending are enabled (the channel is open).
    pub fn is_enabled(&self) -> bool {
        !self.send.disabled()
    }

    /// Appends one line to the log and scrolls to it.
    pub fn log(&self, entry: Entry, text: &str) {
        let Ok(line) = self.document.create_element("div") else {
            return;
        };
        line.set_class_name(&format!("entry {}", entry.class()));
        line.set_text_content(Some(text));
        // Appending a new element to a live element cannot fail.
        let _ = self.log.append_child(&line);
        self.log.set_scroll_top(self.log.scroll_height());
    }

    /// Whether a message with exactly this text was received here.
    pub fn has_received(&self, text: &str) -> bool {
        let Ok(lines) = self.log.query_selector_all(".entry.received") else {
            return false;
        };
        (0..lines.length())
            .filter_map(|i| lines.item(i))
            .any(|line| line.text_content().as_deref() == Some(text))
    }

    /// The Send button's clicks and Enter in the input, as a stream; the page does not reload.
    pub fn submits(&self) -> Result<DomEvents<()>, Error> {
        DomEvents::new(&self.form, "submit", |event| event.prevent_default())
    }

    /// The text typed in the input, if any.
    pub fn typed(&self) -> Option<String> {
        let text = self.input.value();
        (!text.trim().is_empty()).then_some(text)
    }

    /// Empties the input, ready for the next message.
    pub fn clear_input(&self) {
        self.input.set_value("");
        let _ = self.input.focus();
    }

    /// Types `text` into the input and submits the form, as a person would (used by the self-test).
    pub fn type_and_send(&self, text: &str) -> Result<(), Error> {
        self.input.set_value(text);
        self.form.request_submit().map_err(Error::from)
    }
}

fn show_state(badge: &Element, state: &str) {
    badge.set_text_content(Some(state));
    let _ = badge.set_attribute("data-state", state);
}

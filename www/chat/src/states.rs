//! Shows a connection's `connectionState` in its pane, live.

use std::rc::Rc;

use futures::StreamExt;
use wasm_bindgen_futures::spawn_local;
use wasm_rtc::{PeerConnection, PeerConnectionState};

use crate::pane::Pane;

/// Shows `peer`'s state now and after every change, until the connection closes.
///
/// The task holds only the stream, not the connection, so it never keeps a connection open.
pub fn show_connection_state(pane: Rc<Pane>, peer: &PeerConnection) {
    // Read and subscribe with no `await` in between, so no change can slip through.
    pane.set_connection_state(&peer.connection_state());
    let mut changes = peer.connection_state_changes();
    spawn_local(async move {
        while let Some(state) = changes.next().await {
            pane.set_connection_state(&state);
        }
        // The stream ends when the connection is closed or dropped.
        pane.set_connection_state(&PeerConnectionState::Closed);
    });
}

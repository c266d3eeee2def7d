//! `wasm_rtc::leptos` in real browsers: the README's Leptos 0.8 component, bound to a
//! connection's state, a data channel's state and messages, and stats samples, updates its DOM
//! as the call connects, talks and closes; unmounting it leaves no listener behind. Built with
//! `--features "leptos leptos/csr"` (the README's test command does).
#![cfg(all(target_arch = "wasm32", feature = "leptos"))]

mod common;
#[path = "common/ui_chat.rs"]
mod ui_chat;
mod readme {
    include!("common/readme_leptos.rs");
}

use leptos::prelude::*;
use readme::Chat;
use ui_chat::Mounted;
use wasm_bindgen_test::*;
use wasm_rtc::{DataChannel, PeerConnection};

wasm_bindgen_test_configure!(run_in_browser);

fn mount(root: &web_sys::HtmlElement, pc: PeerConnection, channel: DataChannel) -> Mounted {
    let handle = leptos::mount::mount_to(root.clone(), move || view! { <Chat pc channel /> });
    Mounted::new(move || drop(handle))
}

#[wasm_bindgen_test]
fn the_readme_leptos_component_is_the_readmes() {
    assert!(
        include_str!("../README.md").contains(include_str!("common/readme_leptos.rs")),
        "tests/common/readme_leptos.rs is the README's example"
    );
}

#[wasm_bindgen_test]
async fn the_readme_chat_follows_a_call_from_new_to_closed_and_leaves_nothing_behind() {
    common::within(90, "leptos chat", ui_chat::a_call_from_new_to_closed(mount)).await;
}

#[wasm_bindgen_test]
async fn unmounting_a_view_of_a_live_connection_detaches_its_listeners() {
    common::within(
        60,
        "leptos unmount",
        ui_chat::unmounting_leaves_the_connection(mount),
    )
    .await;
}

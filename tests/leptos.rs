//! `wasm_rtc::leptos` in real browsers: the README's Leptos 0.8 component, bound to a
//! connection's state, a data channel's state and messages, and stats samples, updates its DOM
//! as the call connects, talks and closes; unmounting it leaves no listener behind. Built with `--features "leptos
//! leptos/csr"` (the README's test command does).
#![cfg(all(target_arch = "wasm32", feature = "leptos"))]

mod common;

use common::*;
use futures::{SinkExt, StreamExt};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use wasm_rtc::{DataChannelOptions, Message};

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh element in the page's body to mount a view into.
fn mount_point() -> web_sys::HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let element: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&element).unwrap();
    element
}

/// The text of the element matching `selector` inside `root`.
fn text(root: &web_sys::HtmlElement, selector: &str) -> String {
    element(root, selector).text_content().unwrap_or_default()
}

/// Waits (at most 20 s) until the text of `selector` satisfies `ready`.
async fn text_until(root: &web_sys::HtmlElement, selector: &str, ready: impl Fn(&str) -> bool) {
    within(20, selector, async {
        while !ready(&text(root, selector)) {
            sleep_ms(20).await;
        }
    })
    .await
}

mod readme {
    include!("common/readme_leptos.rs");
}
use readme::Chat;

/// The element matching `selector` inside `root`.
fn element(root: &web_sys::HtmlElement, selector: &str) -> web_sys::HtmlElement {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("{selector} in {}", root.inner_html()))
        .unchecked_into()
}

/// Types `text` into the `<input>` matching `selector`, as a user would (an `input` event).
fn type_into(root: &web_sys::HtmlElement, selector: &str, text: &str) {
    let input: web_sys::HtmlInputElement = element(root, selector).unchecked_into();
    input.set_value(text);
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
}

fn disabled(root: &web_sys::HtmlElement, selector: &str) -> bool {
    element(root, selector).has_attribute("disabled")
}

#[wasm_bindgen_test]
fn the_readme_leptos_component_is_the_readmes() {
    assert!(
        include_str!("../README.md").contains(include_str!("common/readme_leptos.rs")),
        "tests/common/readme_leptos.rs is the README's example"
    );
}

/// The README's `Chat`, mounted on one end of a loopback call and driven as a user would: the
/// state goes from new to connected, messages from the other end appear, a typed message is
/// sent, the rate shows, hang-up shows closed; unmounted, it leaves no listener behind.
#[wasm_bindgen_test]
async fn the_readme_chat_follows_a_call_from_new_to_closed_and_leaves_nothing_behind() {
    within(90, "leptos chat", async {
        let _alone = one_at_a_time().await;
        let baseline = settled_listeners().await;
        let (a, b) = pair();
        let channel = a
            .create_data_channel("chat", &DataChannelOptions::new())
            .unwrap();
        let root = mount_point();
        let mounted = {
            let (pc, channel) = (a.clone(), channel.clone());
            leptos::mount::mount_to(root.clone(), move || view! { <Chat pc channel /> })
        };
        assert_eq!(text(&root, ".state"), "new");
        assert!(
            disabled(&root, ".send"),
            "no sending before the channel opens"
        );
        drop(channel);

        wasm_rtc::loopback::negotiate(&a, &b).await.unwrap();
        text_until(&root, ".state", |s| s == "connected").await;
        within(20, "send enabled", async {
            while disabled(&root, ".send") {
                sleep_ms(20).await;
            }
        })
        .await;

        let mut theirs = within(20, "remote channel", b.data_channels().next())
            .await
            .unwrap();
        within(20, "remote open", theirs.opened()).await.unwrap();
        for word in ["hello", "from", "bob"] {
            theirs.send(Message::from(word)).await.unwrap();
        }
        text_until(&root, ".log", |s| s == "hellofrombob").await;

        type_into(&root, ".draft", "hi bob");
        element(&root, ".send").click();
        let got = within(20, "bob receives", theirs.next()).await;
        assert_eq!(got, Some(Ok(Message::from("hi bob"))));
        let draft: web_sys::HtmlInputElement = element(&root, ".draft").unchecked_into();
        assert_eq!(draft.value(), "", "the draft is cleared once sent");

        // The rate: keep sending until a sample's window holds some (a sample a second).
        within(20, "a rate", async {
            while text(&root, ".rate").is_empty() {
                type_into(&root, ".draft", "tick");
                element(&root, ".send").click();
                sleep_ms(100).await;
            }
        })
        .await;
        assert!(
            text(&root, ".rate").ends_with(" kbit/s"),
            "{}",
            text(&root, ".rate")
        );
        assert_eq!(text(&root, ".error"), "");

        element(&root, ".hang-up").click();
        text_until(&root, ".state", |s| s == "closed").await;
        assert_eq!(a.connection_state().as_str(), "closed");
        within(20, "send disabled", async {
            while !disabled(&root, ".send") {
                sleep_ms(20).await;
            }
        })
        .await;

        // Unmounted, every signal's task stops and its listeners go.
        drop(mounted);
        assert!(root.inner_html().is_empty(), "{}", root.inner_html());
        drop((theirs, a, b));
        assert_eq!(settled_listeners().await, baseline);
        root.remove();
    })
    .await;
}

#[wasm_bindgen_test]
async fn unmounting_a_view_of_a_live_connection_detaches_its_listeners() {
    within(60, "leptos unmount", async {
        let _alone = one_at_a_time().await;
        let baseline = settled_listeners().await;
        let (a, b, x, y) = connected_channel().await;
        let with_connection = settled_listeners().await;
        let root = mount_point();
        let mounted = {
            let (pc, channel) = (a.clone(), x.clone());
            leptos::mount::mount_to(root.clone(), move || view! { <Chat pc channel /> })
        };
        text_until(&root, ".state", |s| s == "connected").await;
        assert!(
            wasm_rtc::live_listeners() > with_connection,
            "the view listens"
        );
        drop(mounted);
        // The connection is still open and held here; only the view's listeners went.
        assert_eq!(settled_listeners().await, with_connection);
        assert_eq!(a.connection_state().as_str(), "connected");
        drop((a, b, x, y));
        assert_eq!(settled_listeners().await, baseline);
        root.remove();
    })
    .await;
}

//! The README's `Chat` component (its Leptos and its Yew version), mounted on one end of a
//! loopback call and driven as a user would, through the DOM: shared by tests/leptos.rs and
//! tests/yew.rs, which differ only in how they mount it.

use futures::{SinkExt, StreamExt};
use wasm_bindgen::JsCast;
use wasm_rtc::{DataChannel, DataChannelOptions, Message, PeerConnection};
use web_sys::{HtmlElement, HtmlInputElement};

use crate::common::*;

/// Unmounts the component when dropped.
pub struct Mounted(Option<Box<dyn FnOnce()>>);

impl Mounted {
    pub fn new(unmount: impl FnOnce() + 'static) -> Self {
        Mounted(Some(Box::new(unmount)))
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        if let Some(unmount) = self.0.take() {
            unmount();
        }
    }
}

/// Mounts `Chat { pc, channel }` into an element.
pub type Mount = fn(&HtmlElement, PeerConnection, DataChannel) -> Mounted;

/// A fresh element in the page's body to mount a component into.
fn mount_point() -> HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let element: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&element).unwrap();
    element
}

/// The element matching `selector` inside `root`.
fn element(root: &HtmlElement, selector: &str) -> HtmlElement {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("{selector} in {}", root.inner_html()))
        .unchecked_into()
}

/// The text of the element matching `selector` inside `root`.
fn text(root: &HtmlElement, selector: &str) -> String {
    element(root, selector).text_content().unwrap_or_default()
}

/// Waits (at most 20 s) until `ready` holds for `root`.
async fn until(what: &str, root: &HtmlElement, ready: impl Fn(&HtmlElement) -> bool) {
    within(20, what, async {
        while !ready(root) {
            sleep_ms(20).await;
        }
    })
    .await
}

/// Waits (at most 20 s) until the text of `selector` satisfies `ready`.
async fn text_until(root: &HtmlElement, selector: &str, ready: impl Fn(&str) -> bool) {
    until(selector, root, |root| {
        root.query_selector(selector).ok().flatten().is_some() && ready(&text(root, selector))
    })
    .await
}

fn disabled(root: &HtmlElement, selector: &str) -> bool {
    element(root, selector).has_attribute("disabled")
}

/// Types `text` into the `<input>` matching `selector`, as a user would (an `input` event).
fn type_into(root: &HtmlElement, selector: &str, text: &str) {
    let input: HtmlInputElement = element(root, selector).unchecked_into();
    input.set_value(text);
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
}

/// The whole call through the component: the state goes from new to connected, the send button
/// is enabled once the channel opens, messages from the other end appear in order, a typed
/// message is sent and the draft cleared, the rate shows, hang-up shows closed and disables
/// sending; unmounted, it leaves no listener behind.
pub async fn a_call_from_new_to_closed(mount: Mount) {
    let _alone = one_at_a_time().await;
    let baseline = settled_listeners().await;
    let (a, b) = pair();
    let channel = a
        .create_data_channel("chat", &DataChannelOptions::new())
        .unwrap();
    let root = mount_point();
    let mounted = mount(&root, a.clone(), channel);
    text_until(&root, ".state", |s| s == "new").await;
    assert!(
        disabled(&root, ".send"),
        "no sending before the channel opens"
    );

    wasm_rtc::loopback::negotiate(&a, &b).await.unwrap();
    text_until(&root, ".state", |s| s == "connected").await;
    until("send enabled", &root, |root| !disabled(root, ".send")).await;

    let mut theirs = within(20, "remote channel", b.data_channels().next())
        .await
        .unwrap();
    within(20, "remote open", theirs.opened()).await.unwrap();
    for word in ["hello", "from", "bob"] {
        theirs.send(Message::from(word)).await.unwrap();
    }
    text_until(&root, ".log", |s| s == "hellofrombob").await;

    type_into(&root, ".draft", "hi bob");
    // A framework may render the typed value before its handler sees it.
    sleep_ms(50).await;
    element(&root, ".send").click();
    let got = within(20, "bob receives", theirs.next()).await;
    assert_eq!(got, Some(Ok(Message::from("hi bob"))));
    until("the draft cleared once sent", &root, |root| {
        element(root, ".draft")
            .unchecked_into::<HtmlInputElement>()
            .value()
            .is_empty()
    })
    .await;

    // The rate: keep sending until a sample's window holds some (a sample a second).
    within(20, "a rate", async {
        while text(&root, ".rate").is_empty() {
            type_into(&root, ".draft", "tick");
            sleep_ms(50).await;
            element(&root, ".send").click();
            sleep_ms(50).await;
        }
    })
    .await;
    let rate = text(&root, ".rate");
    assert!(rate.ends_with(" kbit/s"), "{rate}");
    assert_eq!(text(&root, ".error"), "");

    element(&root, ".hang-up").click();
    text_until(&root, ".state", |s| s == "closed").await;
    assert_eq!(a.connection_state().as_str(), "closed");
    until("send disabled", &root, |root| disabled(root, ".send")).await;

    // Unmounted, every task of the component stops and its listeners go.
    drop(mounted);
    until("unmounted", &root, |root| root.inner_html().is_empty()).await;
    drop((theirs, a, b));
    assert_eq!(settled_listeners().await, baseline);
    root.remove();
}

/// Unmounting the component of a connection that stays open (held here) detaches only the
/// component's listeners.
pub async fn unmounting_leaves_the_connection(mount: Mount) {
    let _alone = one_at_a_time().await;
    let baseline = settled_listeners().await;
    let (a, b, x, y) = connected_channel().await;
    let with_connection = settled_listeners().await;
    let root = mount_point();
    let mounted = mount(&root, a.clone(), x.clone());
    text_until(&root, ".state", |s| s == "connected").await;
    assert!(
        wasm_rtc::live_listeners() > with_connection,
        "the component listens"
    );
    drop(mounted);
    until("unmounted", &root, |root| root.inner_html().is_empty()).await;
    assert_eq!(settled_listeners().await, with_connection);
    assert_eq!(a.connection_state().as_str(), "connected");
    drop((a, b, x, y));
    assert_eq!(settled_listeners().await, baseline);
    root.remove();
}

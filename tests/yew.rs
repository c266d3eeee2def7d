//! `wasm_rtc::yew` in real browsers: the README's Yew 0.23 component, built on the hooks
//! (`use_connection_state`, `use_data_channel`, `use_stats`), updates its DOM as the call
//! connects, talks and closes; unmounting it leaves no listener behind. Also
//! `use_peer_connection` and `use_media_stream`. Built with `--features "yew yew/csr"` (the
//! README's test command does).
#![cfg(all(target_arch = "wasm32", feature = "yew"))]

mod common;
#[path = "common/ui_chat.rs"]
mod ui_chat;
mod readme {
    include!("common/readme_yew.rs");
}

use std::cell::RefCell;
use std::rc::Rc;

use readme::{Chat, ChatProps};
use ui_chat::Mounted;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use wasm_rtc::synthetic::video_pattern;
use wasm_rtc::yew::{use_media_stream, use_peer_connection};
use wasm_rtc::{Configuration, DataChannel, MediaStream, PeerConnection, WeakPeerConnection};
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

fn mount(root: &web_sys::HtmlElement, pc: PeerConnection, channel: DataChannel) -> Mounted {
    let handle =
        yew::Renderer::<Chat>::with_root_and_props(root.clone().into(), ChatProps { pc, channel })
            .render();
    Mounted::new(move || handle.destroy())
}

#[wasm_bindgen_test]
fn the_readme_yew_component_is_the_readmes() {
    assert!(
        include_str!("../README.md").contains(include_str!("common/readme_yew.rs")),
        "tests/common/readme_yew.rs is the README's example"
    );
}

#[wasm_bindgen_test]
async fn the_readme_chat_follows_a_call_from_new_to_closed_and_leaves_nothing_behind() {
    common::within(90, "yew chat", ui_chat::a_call_from_new_to_closed(mount)).await;
}

#[wasm_bindgen_test]
async fn unmounting_a_component_of_a_live_connection_detaches_its_listeners() {
    common::within(
        60,
        "yew unmount",
        ui_chat::unmounting_leaves_the_connection(mount),
    )
    .await;
}

#[derive(Properties, PartialEq)]
struct OwnCallProps {
    /// Told (once) of the component's connection, weakly: the test must not keep it open.
    seen: Callback<WeakPeerConnection>,
    stream: Option<MediaStream>,
}

/// A component with a connection of its own and a `<video>` showing `stream`.
#[function_component]
fn OwnCall(props: &OwnCallProps) -> Html {
    let pc = use_peer_connection(&Configuration::new());
    let video = use_media_stream(props.stream.as_ref());
    {
        let (pc, seen) = (pc.clone(), props.seen.clone());
        use_effect_with((), move |_| {
            if let Ok(pc) = &pc {
                seen.emit(pc.downgrade());
            }
        });
    }
    let state = match &pc {
        Ok(pc) => pc.connection_state().to_string(),
        Err(e) => e.to_string(),
    };
    html! {
        <>
            <p class="state">{ state }</p>
            <video ref={video} muted=true />
        </>
    }
}

/// `use_peer_connection` makes one connection for the component's life (the same on every
/// render) and closes it when the component goes; `use_media_stream` shows a stream in the
/// `<video>`, follows a new stream, and clears the element when the component goes.
#[wasm_bindgen_test]
async fn a_components_own_connection_and_video_live_and_go_with_it() {
    common::within(60, "yew own call", async {
        let seen = Rc::new(RefCell::new(Vec::<WeakPeerConnection>::new()));
        let on_seen = {
            let seen = seen.clone();
            Callback::from(move |pc: WeakPeerConnection| seen.borrow_mut().push(pc))
        };
        let first = MediaStream::new(&[&video_pattern(64, 48, 10).unwrap()]).unwrap();
        let second = MediaStream::new(&[&video_pattern(64, 48, 10).unwrap()]).unwrap();
        let document = web_sys::window().unwrap().document().unwrap();
        let root: web_sys::Element = document.create_element("div").unwrap();
        document.body().unwrap().append_child(&root).unwrap();
        let mut handle = yew::Renderer::<OwnCall>::with_root_and_props(
            root.clone(),
            OwnCallProps {
                seen: on_seen.clone(),
                stream: Some(first.clone()),
            },
        )
        .render();
        let video = || {
            root.query_selector("video")
                .unwrap()
                .map(|v| v.unchecked_into::<web_sys::HtmlMediaElement>())
        };
        let shown = |element: &web_sys::HtmlMediaElement| element.src_object().map(|s| s.id());
        common::within(20, "the first stream shown", async {
            while video().and_then(|v| shown(&v)) != Some(first.id()) {
                common::sleep_ms(20).await;
            }
        })
        .await;
        let element = video().unwrap();
        assert!(element.autoplay(), "attach plays it");
        assert_eq!(
            root.query_selector(".state")
                .unwrap()
                .unwrap()
                .text_content(),
            Some("new".into())
        );

        // New props: the component renders again, with the same connection; the video follows.
        handle.update(OwnCallProps {
            seen: on_seen,
            stream: Some(second.clone()),
        });
        common::within(20, "the second stream shown", async {
            while shown(&element) != Some(second.id()) {
                common::sleep_ms(20).await;
            }
        })
        .await;
        assert_eq!(seen.borrow().len(), 1, "one connection, made once");
        let pc = seen.borrow()[0].upgrade().expect("open while mounted");
        drop(pc);

        handle.destroy();
        common::within(20, "unmounted", async {
            while root.query_selector("video").unwrap().is_some() {
                common::sleep_ms(20).await;
            }
        })
        .await;
        assert_eq!(shown(&element), None, "the element shows nothing after");
        assert!(
            seen.borrow()[0].upgrade().is_none(),
            "the component's connection is gone with it"
        );
        first.stop();
        second.stop();
        root.remove();
    })
    .await;
}

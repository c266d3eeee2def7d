//! DataChannel in real browsers: two peers in one page.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use futures::{SinkExt, StreamExt};
use wasm_bindgen_test::*;
use wasm_rtc::{DataChannelOptions, DataChannelState, Error, Message};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn text_and_binary_both_ways() {
    within(60, "text and binary", async {
        let (_a, _b, mut x, mut y) = connected_channel().await;
        for size in [0usize, 1, 64 * 1024] {
            let bytes: Vec<u8> = (0..size).map(|i| (i % 251) as u8).collect();
            let text: String = (0..size).map(|i| (b'a' + (i % 26) as u8) as char).collect();
            x.send(Message::Binary(bytes.clone())).await.unwrap();
            x.send(Message::Text(text.clone())).await.unwrap();
            assert_eq!(y.next().await, Some(Ok(Message::Binary(bytes.clone()))), "binary {size} a→b");
            assert_eq!(y.next().await, Some(Ok(Message::Text(text.clone()))), "text {size} a→b");
            y.send(Message::Binary(bytes.clone())).await.unwrap();
            y.send(Message::Text(text.clone())).await.unwrap();
            assert_eq!(x.next().await, Some(Ok(Message::Binary(bytes))), "binary {size} b→a");
            assert_eq!(x.next().await, Some(Ok(Message::Text(text))), "text {size} b→a");
        }
    })
    .await;
}

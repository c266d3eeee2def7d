//! `FileTransfer` between two connections in one page: 50 MB arrive intact with their progress,
//! a cancel from either side ends both, and a corrupted chunk, a short or long file and a
//! broken wire format are typed errors.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use futures::{SinkExt, StreamExt};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use wasm_rtc::{DataChannel, Error, FileHeader, FileTransfer, Message, TransferProgress};

wasm_bindgen_test_configure!(run_in_browser);

/// `size` bytes of a pattern no chunk repeats.
fn pattern(size: usize) -> Vec<u8> {
    (0..size)
        .map(|i| (i as u32).wrapping_mul(2_654_435_761).rotate_right(13) as u8)
        .collect()
}

fn blob(bytes: &[u8], mime: &str) -> web_sys::Blob {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).unwrap()
}

async fn bytes_of(blob: &web_sys::Blob) -> Vec<u8> {
    let buffer = JsFuture::from(blob.array_buffer()).await.unwrap();
    js_sys::Uint8Array::new(&buffer).to_vec()
}

async fn sha256_hex(bytes: &[u8]) -> String {
    let crypto = js_sys::Reflect::get(&js_sys::global(), &"crypto".into()).unwrap();
    let subtle: web_sys::SubtleCrypto = js_sys::Reflect::get(&crypto, &"subtle".into())
        .unwrap()
        .into();
    let digest = JsFuture::from(
        subtle
            .digest_with_str_and_buffer_source("SHA-256", &js_sys::Uint8Array::from(bytes))
            .unwrap(),
    )
    .await
    .unwrap();
    js_sys::Uint8Array::new(&digest)
        .to_vec()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[wasm_bindgen_test]
async fn fifty_megabytes_arrive_intact_with_their_progress() {
    let _alone = one_at_a_time().await;
    let (_a, _b, from, to) = connected_channel().await;
    let original = pattern(50 * 1024 * 1024);
    let file = blob(&original, "application/octet-stream");
    let receiving = FileTransfer::receive(&to);
    let mut progress = receiving.progress();
    let sending = FileTransfer::send(&from, &file, "fifty.bin");
    let (sent, received, seen) = within(240, "50 MB", async {
        let seen = async {
            let mut seen: Vec<TransferProgress> = Vec::new();
            while let Some(p) = progress.next().await {
                seen.push(p);
            }
            seen
        };
        futures::join!(sending, receiving, seen)
    })
    .await;
    sent.unwrap();
    let received = received.unwrap();
    assert_eq!(received.header.name, "fifty.bin");
    assert_eq!(received.header.size, original.len() as u64);
    assert_eq!(received.header.mime, "application/octet-stream");
    assert_eq!(received.blob.type_(), "application/octet-stream");
    assert_eq!(received.header.sha256, sha256_hex(&original).await);
    assert!(
        received.header.chunk_size >= 16 * 1024 && received.header.chunk_size <= 256 * 1024,
        "chunks sized by the SCTP max message size: {}",
        received.header.chunk_size
    );
    assert!(bytes_of(&received.blob).await == original, "the same bytes");
    // Progress: one per chunk, rising to the whole file, with a rate.
    let chunks = original.len().div_ceil(received.header.chunk_size as usize);
    assert_eq!(seen.len(), chunks);
    assert!(seen.windows(2).all(|w| w[0].bytes < w[1].bytes));
    let last = seen.last().unwrap();
    assert_eq!(
        (last.bytes, last.total),
        (original.len() as u64, original.len() as u64)
    );
    assert!(last.bytes_per_second > 0.0);
}

/// Starts a 16 MB transfer and waits until 1 MB has arrived.
async fn midway(
    from: &DataChannel,
    to: &DataChannel,
) -> (FileTransfer<()>, FileTransfer<wasm_rtc::ReceivedFile>) {
    let file = blob(&pattern(16 * 1024 * 1024), "");
    let receiving = FileTransfer::receive(to);
    let sending = FileTransfer::send(from, &file, "sixteen.bin");
    let mut progress = receiving.progress();
    within(30, "1 MB arrived", async {
        while let Some(p) = progress.next().await {
            if p.bytes >= 1024 * 1024 {
                return;
            }
        }
        panic!("the transfer ended before 1 MB");
    })
    .await;
    (sending, receiving)
}

fn aborted(result: Result<impl std::fmt::Debug, Error>, says: &str) {
    match result {
        Err(Error::Abort(message)) => assert!(message.contains(says), "{message:?}"),
        other => panic!("expected an Abort ({says}): {other:?}"),
    }
}

#[wasm_bindgen_test]
async fn the_sender_cancelling_midway_ends_both_sides() {
    let _alone = one_at_a_time().await;
    let (_a, _b, from, to) = connected_channel().await;
    let (sending, receiving) = midway(&from, &to).await;
    // From elsewhere, as a button would.
    let canceller = sending.canceller();
    canceller.cancel();
    let (sent, received) = within(30, "both ends", futures::future::join(sending, receiving)).await;
    aborted(sent, "cancelled");
    aborted(received, "the sender cancelled");
}

#[wasm_bindgen_test]
async fn the_receiver_cancelling_midway_ends_both_sides() {
    let _alone = one_at_a_time().await;
    let (_a, _b, from, to) = connected_channel().await;
    let (sending, receiving) = midway(&from, &to).await;
    receiving.cancel();
    let (sent, received) = within(30, "both ends", futures::future::join(sending, receiving)).await;
    aborted(sent, "the receiver cancelled");
    aborted(received, "cancelled");
}

/// Sends a transfer by hand: `header`, then `chunks`, then `end`.
async fn by_hand(channel: &mut DataChannel, header: &FileHeader, chunks: &[&[u8]]) {
    let header = serde_json::json!({
        "type": "file", "name": header.name, "size": header.size, "mime": header.mime,
        "sha256": header.sha256, "chunkSize": header.chunk_size,
    });
    channel
        .send(Message::Text(header.to_string()))
        .await
        .unwrap();
    for chunk in chunks {
        channel.send(Message::Binary(chunk.to_vec())).await.unwrap();
    }
    channel
        .send(Message::Text(r#"{"type":"end"}"#.into()))
        .await
        .unwrap();
}

fn data_error(result: Result<wasm_rtc::ReceivedFile, Error>, says: &str) {
    match result {
        Err(Error::Data(message)) => assert!(message.contains(says), "{message:?} says {says:?}"),
        other => panic!(
            "expected a Data error ({says}): {:?}",
            other.map(|f| f.header)
        ),
    }
}

#[wasm_bindgen_test]
async fn a_corrupted_chunk_a_wrong_size_and_a_broken_format_are_data_errors() {
    let _alone = one_at_a_time().await;
    let (_a, _b, mut from, to) = connected_channel().await;
    let original = pattern(300 * 1024);
    let header = FileHeader {
        name: "hand.bin".into(),
        size: original.len() as u64,
        mime: String::new(),
        sha256: sha256_hex(&original).await,
        chunk_size: 100 * 1024,
    };
    // One flipped bit in the middle chunk.
    let mut corrupted = original.clone();
    corrupted[150 * 1024] ^= 0x10;
    let receiving = FileTransfer::receive(&to);
    by_hand(
        &mut from,
        &header,
        &corrupted.chunks(100 * 1024).collect::<Vec<_>>(),
    )
    .await;
    data_error(within(20, "corrupted", receiving).await, "SHA-256");

    // The same bytes, whole: it arrives (the channel is still good).
    let receiving = FileTransfer::receive(&to);
    by_hand(
        &mut from,
        &header,
        &original.chunks(100 * 1024).collect::<Vec<_>>(),
    )
    .await;
    let file = within(20, "intact", receiving).await.unwrap();
    assert!(bytes_of(&file.blob).await == original);

    // Fewer bytes than announced.
    let receiving = FileTransfer::receive(&to);
    by_hand(&mut from, &header, &[&original[..1000]]).await;
    data_error(within(20, "short", receiving).await, "of the");

    // More bytes than announced.
    let receiving = FileTransfer::receive(&to);
    let small = FileHeader {
        size: 10,
        ..header.clone()
    };
    by_hand(&mut from, &small, &[&original[..1000]]).await;
    data_error(within(20, "long", receiving).await, "more than");
    // (The rest of that transfer is still on the channel: a new channel for the next one.)

    let (_c, _d, mut from, to) = connected_channel().await;
    let receiving = FileTransfer::receive(&to);
    from.send(Message::Binary(vec![1, 2, 3])).await.unwrap();
    data_error(within(20, "no header", receiving).await, "header");
    let receiving = FileTransfer::receive(&to);
    from.send(Message::Text("{\"type\":\"file\"}".into()))
        .await
        .unwrap();
    data_error(
        within(20, "a bad header", receiving).await,
        "not a transfer message",
    );
}

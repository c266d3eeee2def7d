//! `?selftest`: types and sends one message on each side, as a person would, and checks that it
//! shows up in the other side's log.

use gloo_timers::future::TimeoutFuture;

use crate::pane::Pane;

/// How long to wait for each step.
const STEP_TIMEOUT_MS: u32 = 15_000;
const POLL_MS: u32 = 50;

/// Alice → Bob, then Bob → Alice. `Err` says which step failed.
pub async fn run(alice: &Pane, bob: &Pane) -> Result<(), String> {
    exchange(("Alice", alice), ("Bob", bob), "Hello Bob, it's Alice! (selftest)").await?;
    exchange(("Bob", bob), ("Alice", alice), "Hi Alice, Bob here. (selftest)").await
}

async fn exchange((from_name, from): (&str, &Pane), (to_name, to): (&str, &Pane), text: &str) -> Result<(), String> {
    wait_for(
        || from.is_enabled(),
        &format!("{from_name}'s Send button was never enabled (channel not open)"),
    )
    .await?;
    from.type_and_send(text)
        .map_err(|e| format!("{from_name} could not submit: {e}"))?;
    wait_for(
        || to.has_received(text),
        &format!("{to_name} never received \"{text}\" from {from_name}"),
    )
    .await
}

async fn wait_for(condition: impl Fn() -> bool, failure: &str) -> Result<(), String> {
    for _ in 0..STEP_TIMEOUT_MS / POLL_MS {
        if condition() {
            return Ok(());
        }
        TimeoutFuture::new(POLL_MS).await;
    }
    if condition() {
        Ok(())
    } else {
        Err(format!("{failure} within {} s", STEP_TIMEOUT_MS / 1000))
    }
}

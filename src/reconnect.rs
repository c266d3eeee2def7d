//! [`ReconnectPolicy`] and [`CallState`]: how a [`Negotiator`](crate::Negotiator) brings a call
//! back when its path breaks (an ICE restart through signaling), and the state a UI shows.

use std::time::Duration;

/// When and how often a [`Negotiator`](crate::Negotiator) restarts ICE to bring a broken call
/// back: at once when the connection goes `failed`, after
/// [`disconnected_after`](Self::disconnected_after) when it stays `disconnected`; then again
/// after each [`delay`](Self::delay) while it does not come back, up to
/// [`max_attempts`](Self::max_attempts), after which the call is [`CallState::Failed`].
///
/// Both sides follow the connection's state; the side that made the call's first offer restarts
/// ICE (its offer goes through signaling, the other side answers): the answer to a restart must
/// keep each side's DTLS role, and Firefox, answering, takes the client role whatever it had
/// before, which only the first offerer's peer has.
///
/// An ICE restart keeps the DTLS and SCTP sessions: a reliable data channel delivers what was
/// sent while the path was down, in order, once it is back. An unreliable channel (with
/// `max_retransmits` or `max_packet_life_time`) may lose those messages, and media sent while the
/// path is down is lost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReconnectPolicy {
    /// Whether to restart at all (default: yes).
    pub enabled: bool,
    /// How long `disconnected` may last before a restart (default 2 s; browsers often recover
    /// from a short loss by themselves).
    pub disconnected_after: Duration,
    /// The wait after the first restart before the next (default 2 s); it doubles each time.
    pub first_delay: Duration,
    /// The longest wait between restarts (default 16 s).
    pub max_delay: Duration,
    /// Restarts before giving up (default 5).
    pub max_attempts: u32,
}

impl Default for ReconnectPolicy {
    fn default() -> Self {
        ReconnectPolicy {
            enabled: true,
            disconnected_after: Duration::from_secs(2),
            first_delay: Duration::from_secs(2),
            max_delay: Duration::from_secs(16),
            max_attempts: 5,
        }
    }
}

impl ReconnectPolicy {
    /// No reconnection: a broken call stays broken.
    pub fn disabled() -> Self {
        ReconnectPolicy {
            enabled: false,
            ..ReconnectPolicy::default()
        }
    }

    /// How long to wait after restart number `attempt` (from 1) for the connection to come
    /// back before the next: `first_delay` doubled `attempt - 1` times, at most `max_delay`.
    pub fn delay(&self, attempt: u32) -> Duration {
        let doublings = attempt.saturating_sub(1).min(31);
        self.first_delay
            .saturating_mul(1 << doublings)
            .min(self.max_delay)
    }
}

/// A call's state as a [`Negotiator`](crate::Negotiator) sees it (see
/// [`Negotiator::call_states`](crate::Negotiator::call_states)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CallState {
    /// Not connected yet.
    Connecting,
    /// Connected.
    Connected,
    /// The path broke; restart number `n` (from 1) is under way.
    Reconnecting(u32),
    /// Every restart the policy allows failed, or the connection failed with reconnection off.
    Failed,
    /// The connection is closed.
    Closed,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_double_up_to_the_maximum() {
        let policy = ReconnectPolicy::default();
        let delays: Vec<u64> = (1..=6).map(|n| policy.delay(n).as_secs()).collect();
        assert_eq!(delays, [2, 4, 8, 16, 16, 16]);
        assert_eq!(policy.delay(0), Duration::from_secs(2));
        assert_eq!(
            policy.delay(u32::MAX),
            Duration::from_secs(16),
            "no overflow"
        );
        let fast = ReconnectPolicy {
            first_delay: Duration::from_millis(300),
            max_delay: Duration::from_secs(1),
            ..ReconnectPolicy::default()
        };
        assert_eq!(fast.delay(2), Duration::from_millis(600));
        assert_eq!(fast.delay(3), Duration::from_secs(1));
        assert!(!ReconnectPolicy::disabled().enabled);
    }
}

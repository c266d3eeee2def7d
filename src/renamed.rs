//! The old names of renamed methods, kept for one release as deprecated aliases: each warns
//! with the name to call instead (the spec's, so MDN documents it). Delete this file in the
//! release after 0.2.0.

use crate::candidate::IceCandidate;
use crate::certificate::{Certificate, Fingerprint};
use crate::enums::TrackKind;
use crate::error::Error;
use crate::event::EventStream;
use crate::media::{MediaStream, MediaStreamTrack};
use crate::peer::PeerConnection;
use crate::rtp::{RtpCapabilities, RtpReceiver, RtpSender, RtpSource, RtpTransceiver, TrackEvent};
use crate::transport::{DtlsTransport, IceCandidatePair, IceTransport};

impl PeerConnection {
    /// Renamed [`get_senders`](Self::get_senders), after `getSenders`.
    #[deprecated(
        since = "0.2.0",
        note = "use `get_senders()`, the spec's `getSenders()`"
    )]
    pub fn senders(&self) -> Vec<RtpSender> {
        self.get_senders()
    }

    /// Renamed [`get_receivers`](Self::get_receivers), after `getReceivers`.
    #[deprecated(
        since = "0.2.0",
        note = "use `get_receivers()`, the spec's `getReceivers()`"
    )]
    pub fn receivers(&self) -> Vec<RtpReceiver> {
        self.get_receivers()
    }

    /// Renamed [`get_transceivers`](Self::get_transceivers), after `getTransceivers`.
    #[deprecated(
        since = "0.2.0",
        note = "use `get_transceivers()`, the spec's `getTransceivers()`"
    )]
    pub fn transceivers(&self) -> Vec<RtpTransceiver> {
        self.get_transceivers()
    }

    /// Renamed [`track_events`](Self::track_events), after the `track` event.
    #[deprecated(
        since = "0.2.0",
        note = "use `track_events()`: it yields `track` events"
    )]
    pub fn tracks(&self) -> EventStream<TrackEvent> {
        self.track_events()
    }
}

impl RtpSender {
    /// Renamed [`get_capabilities`](Self::get_capabilities), after `getCapabilities`.
    #[deprecated(
        since = "0.2.0",
        note = "use `get_capabilities()`, the spec's `getCapabilities()`"
    )]
    pub fn capabilities(kind: TrackKind) -> Result<RtpCapabilities, Error> {
        Self::get_capabilities(kind)
    }
}

impl RtpReceiver {
    /// Renamed [`get_capabilities`](Self::get_capabilities), after `getCapabilities`.
    #[deprecated(
        since = "0.2.0",
        note = "use `get_capabilities()`, the spec's `getCapabilities()`"
    )]
    pub fn capabilities(kind: TrackKind) -> Result<RtpCapabilities, Error> {
        Self::get_capabilities(kind)
    }

    /// Renamed [`get_contributing_sources`](Self::get_contributing_sources), after `getContributingSources`.
    #[deprecated(
        since = "0.2.0",
        note = "use `get_contributing_sources()`, the spec's `getContributingSources()`"
    )]
    pub fn contributing_sources(&self) -> Result<Vec<RtpSource>, Error> {
        self.get_contributing_sources()
    }

    /// Renamed [`get_synchronization_sources`](Self::get_synchronization_sources), after `getSynchronizationSources`.
    #[deprecated(
        since = "0.2.0",
        note = "use `get_synchronization_sources()`, the spec's `getSynchronizationSources()`"
    )]
    pub fn synchronization_sources(&self) -> Result<Vec<RtpSource>, Error> {
        self.get_synchronization_sources()
    }
}

impl MediaStream {
    /// Renamed [`get_tracks`](Self::get_tracks), after `getTracks`.
    #[deprecated(since = "0.2.0", note = "use `get_tracks()`, the spec's `getTracks()`")]
    pub fn tracks(&self) -> Vec<MediaStreamTrack> {
        self.get_tracks()
    }

    /// Renamed [`get_audio_tracks`](Self::get_audio_tracks), after `getAudioTracks`.
    #[deprecated(
        since = "0.2.0",
        note = "use `get_audio_tracks()`, the spec's `getAudioTracks()`"
    )]
    pub fn audio_tracks(&self) -> Vec<MediaStreamTrack> {
        self.get_audio_tracks()
    }

    /// Renamed [`get_video_tracks`](Self::get_video_tracks), after `getVideoTracks`.
    #[deprecated(
        since = "0.2.0",
        note = "use `get_video_tracks()`, the spec's `getVideoTracks()`"
    )]
    pub fn video_tracks(&self) -> Vec<MediaStreamTrack> {
        self.get_video_tracks()
    }
}

impl DtlsTransport {
    /// Renamed [`get_remote_certificates`](Self::get_remote_certificates), after `getRemoteCertificates`.
    #[deprecated(
        since = "0.2.0",
        note = "use `get_remote_certificates()`, the spec's `getRemoteCertificates()`"
    )]
    pub fn remote_certificates(&self) -> Result<Vec<Vec<u8>>, Error> {
        self.get_remote_certificates()
    }
}

impl IceTransport {
    /// Renamed [`get_selected_candidate_pair`](Self::get_selected_candidate_pair), after `getSelectedCandidatePair`.
    #[deprecated(
        since = "0.2.0",
        note = "use `get_selected_candidate_pair()`, the spec's `getSelectedCandidatePair()`"
    )]
    pub fn selected_candidate_pair(&self) -> Result<Option<IceCandidatePair>, Error> {
        self.get_selected_candidate_pair()
    }

    /// Renamed [`get_local_candidates`](Self::get_local_candidates), after `getLocalCandidates`.
    #[deprecated(
        since = "0.2.0",
        note = "use `get_local_candidates()`, the spec's `getLocalCandidates()`"
    )]
    pub fn local_candidates(&self) -> Result<Vec<IceCandidate>, Error> {
        self.get_local_candidates()
    }

    /// Renamed [`get_remote_candidates`](Self::get_remote_candidates), after `getRemoteCandidates`.
    #[deprecated(
        since = "0.2.0",
        note = "use `get_remote_candidates()`, the spec's `getRemoteCandidates()`"
    )]
    pub fn remote_candidates(&self) -> Result<Vec<IceCandidate>, Error> {
        self.get_remote_candidates()
    }
}

impl Certificate {
    /// Renamed [`get_fingerprints`](Self::get_fingerprints), after `getFingerprints`.
    #[deprecated(
        since = "0.2.0",
        note = "use `get_fingerprints()`, the spec's `getFingerprints()`"
    )]
    pub fn fingerprints(&self) -> Result<Vec<Fingerprint>, Error> {
        self.get_fingerprints()
    }
}

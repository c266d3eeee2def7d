//! One struct per stats type of the spec (`RTCIceCandidatePairStats`, `RTCOutboundRtpStreamStats`,
//! …), and [`UnknownStats`] for the rest.

use std::collections::BTreeMap;

use super::*;
use crate::enums::{
    CandidateProtocol, CandidateType, DataChannelState, DtlsTransportState, IceRole,
    IceServerTransportProtocol, IceTransportState, TcpType, TrackKind,
};

mod sealed {
    pub trait Sealed {}
}

/// A stats dictionary of this crate: a struct that [`StatsReport::of_type`] and
/// [`StatsReport::get_as`] can find. Implemented by every struct a [`Stats`] variant holds.
pub trait StatsType: sealed::Sealed + Sized + 'static {
    /// The spec's `type` strings of the entries this struct holds (two for
    /// [`IceCandidateStats`]; none for [`UnknownStats`], which holds all the others).
    const TYPES: &'static [&'static str];

    /// The struct inside `stats`, if it holds this type.
    fn from_stats(stats: &Stats) -> Option<&Self>;
}

/// Defines one stats dictionary: the struct with `id`, `timestamp`, the typed members and
/// `other`; reading it from and writing it to members; and its [`StatsType`].
macro_rules! stats_dictionary {
    (
        $(#[$doc:meta])*
        $name:ident for $($variant:ident)|+ = [$($type_name:literal),+] {
            $( $(#[$fdoc:meta])* $field:ident : $ty:ty = $key:literal, )*
        }
    ) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Default)]
        // TypeScript for the npm package: the serde attributes describe the JSON that
        // `Stats`'s own Serialize writes (the browser's member names), for tsify only.
        #[cfg_attr(feature = "js", derive(tsify::Tsify))]
        #[non_exhaustive]
        pub struct $name {
            /// `id`: unique within the report; other entries refer to this one by it.
            pub id: String,
            /// `timestamp`: when the values were sampled, in milliseconds since the Unix epoch
            /// (a `DOMHighResTimeStamp`).
            pub timestamp: f64,
            $( $(#[$fdoc])* #[cfg_attr(feature = "js", serde(rename = $key, default))] pub $field: Option<$ty>, )*
            /// Every other member the browser reported, as it reported it: members this crate
            /// does not type (a browser's extensions, newer spec members) and typed members whose
            /// value was not of the spec's type. Never holds a typed member's name alongside
            /// that member.
            #[cfg_attr(feature = "js", serde(flatten), tsify(type = "Record<string, unknown>"))]
            pub other: BTreeMap<String, StatsValue>,
        }

        impl $name {
            pub(super) fn from_members(id: String, timestamp: f64, mut members: BTreeMap<String, StatsValue>) -> Self {
                $( let $field = take(&mut members, $key); )*
                $name { id, timestamp, $($field,)* other: members }
            }

            pub(super) fn write_members(&self, out: &mut BTreeMap<String, StatsValue>) {
                $( if let Some(value) = &self.$field { out.insert($key.to_owned(), Member::to_value(value)); } )*
            }
        }

        impl sealed::Sealed for $name {}

        impl StatsType for $name {
            const TYPES: &'static [&'static str] = &[$($type_name),+];

            fn from_stats(stats: &Stats) -> Option<&Self> {
                match stats {
                    $(Stats::$variant(s))|+ => Some(s),
                    _ => None,
                }
            }
        }
    };
}

stats_dictionary! {
    /// `RTCCodecStats` (`"codec"`): a codec in use by an RTP stream, with its payload type.
    CodecStats for Codec = ["codec"] {
        /// `payloadType`: the RTP payload type.
        payload_type: u32 = "payloadType",
        /// `transportId`: the [`TransportStats`] this codec is used on.
        transport_id: String = "transportId",
        /// `mimeType`, e.g. `"video/VP8"`, `"audio/opus"`.
        mime_type: String = "mimeType",
        /// `clockRate`: the RTP clock rate in Hz.
        clock_rate: u32 = "clockRate",
        /// `channels`: the number of audio channels.
        channels: u32 = "channels",
        /// `sdpFmtpLine`: the `a=fmtp` parameters, e.g. `"minptime=10;useinbandfec=1"`.
        sdp_fmtp_line: String = "sdpFmtpLine",
    }
}

stats_dictionary! {
    /// `RTCInboundRtpStreamStats` (`"inbound-rtp"`): an incoming RTP stream, as this
    /// connection receives and decodes it. Audio and video members are in one struct; each
    /// stream has those of its `kind`.
    InboundRtpStreamStats for InboundRtp = ["inbound-rtp"] {
        /// `ssrc`: the stream's synchronization source.
        ssrc: u32 = "ssrc",
        /// `kind`: audio or video (another value stays in `other`).
        kind: TrackKind = "kind",
        /// `transportId`: the [`TransportStats`] the stream arrives on.
        transport_id: String = "transportId",
        /// `codecId`: the [`CodecStats`] of the stream.
        codec_id: String = "codecId",
        /// `packetsReceived`.
        packets_received: u64 = "packetsReceived",
        /// `packetsLost`: expected minus received; negative when duplicates arrive.
        packets_lost: i64 = "packetsLost",
        /// `jitter`: the interarrival jitter, in seconds.
        jitter: f64 = "jitter",
        /// `packetsDiscarded`: packets dropped by the jitter buffer for arriving late or early.
        packets_discarded: u64 = "packetsDiscarded",
        /// `trackIdentifier`: the `id` of the receiving `MediaStreamTrack`.
        track_identifier: String = "trackIdentifier",
        /// `mid`: the media section of the receiving transceiver.
        mid: String = "mid",
        /// `remoteId`: the [`RemoteOutboundRtpStreamStats`] of the sender's view of this stream.
        remote_id: String = "remoteId",
        /// `bytesReceived`: payload bytes (no headers or padding).
        bytes_received: u64 = "bytesReceived",
        /// `headerBytesReceived`: RTP header and padding bytes.
        header_bytes_received: u64 = "headerBytesReceived",
        /// `lastPacketReceivedTimestamp`, in milliseconds since the Unix epoch.
        last_packet_received_timestamp: f64 = "lastPacketReceivedTimestamp",
        /// `framesReceived` (video).
        frames_received: u64 = "framesReceived",
        /// `framesDecoded` (video).
        frames_decoded: u64 = "framesDecoded",
        /// `keyFramesDecoded` (video).
        key_frames_decoded: u64 = "keyFramesDecoded",
        /// `framesRendered` (video).
        frames_rendered: u64 = "framesRendered",
        /// `framesDropped` (video): frames dropped before decoding.
        frames_dropped: u64 = "framesDropped",
        /// `frameWidth` (video): of the last decoded frame, in pixels.
        frame_width: u32 = "frameWidth",
        /// `frameHeight` (video): of the last decoded frame, in pixels.
        frame_height: u32 = "frameHeight",
        /// `framesPerSecond` (video): decoded frames in the last second.
        frames_per_second: f64 = "framesPerSecond",
        /// `qpSum` (video): the sum of the decoded frames' quantization parameters.
        qp_sum: u64 = "qpSum",
        /// `totalDecodeTime` (video), in seconds.
        total_decode_time: f64 = "totalDecodeTime",
        /// `totalInterFrameDelay` (video), in seconds.
        total_inter_frame_delay: f64 = "totalInterFrameDelay",
        /// `totalSquaredInterFrameDelay` (video), in seconds squared.
        total_squared_inter_frame_delay: f64 = "totalSquaredInterFrameDelay",
        /// `pauseCount` (video).
        pause_count: u64 = "pauseCount",
        /// `totalPausesDuration` (video), in seconds.
        total_pauses_duration: f64 = "totalPausesDuration",
        /// `freezeCount` (video).
        freeze_count: u64 = "freezeCount",
        /// `totalFreezesDuration` (video), in seconds.
        total_freezes_duration: f64 = "totalFreezesDuration",
        /// `decoderImplementation` (video), e.g. `"libvpx"`.
        decoder_implementation: String = "decoderImplementation",
        /// `powerEfficientDecoder` (video): whether the decoder is hardware accelerated.
        power_efficient_decoder: bool = "powerEfficientDecoder",
        /// `framesAssembledFromMultiplePackets` (video).
        frames_assembled_from_multiple_packets: u64 = "framesAssembledFromMultiplePackets",
        /// `totalAssemblyTime` (video), in seconds.
        total_assembly_time: f64 = "totalAssemblyTime",
        /// `nackCount`: NACK packets sent.
        nack_count: u64 = "nackCount",
        /// `firCount` (video): Full Intra Request packets sent.
        fir_count: u64 = "firCount",
        /// `pliCount` (video): Picture Loss Indication packets sent.
        pli_count: u64 = "pliCount",
        /// `totalProcessingDelay`, in seconds.
        total_processing_delay: f64 = "totalProcessingDelay",
        /// `estimatedPlayoutTimestamp`, in milliseconds since the Unix epoch.
        estimated_playout_timestamp: f64 = "estimatedPlayoutTimestamp",
        /// `jitterBufferDelay`, in seconds, summed over emitted samples or frames.
        jitter_buffer_delay: f64 = "jitterBufferDelay",
        /// `jitterBufferTargetDelay`, in seconds, summed over emitted samples or frames.
        jitter_buffer_target_delay: f64 = "jitterBufferTargetDelay",
        /// `jitterBufferEmittedCount`: samples or frames that left the jitter buffer.
        jitter_buffer_emitted_count: u64 = "jitterBufferEmittedCount",
        /// `jitterBufferMinimumDelay`, in seconds, summed over emitted samples or frames.
        jitter_buffer_minimum_delay: f64 = "jitterBufferMinimumDelay",
        /// `totalSamplesReceived` (audio).
        total_samples_received: u64 = "totalSamplesReceived",
        /// `concealedSamples` (audio): samples synthesized to hide loss.
        concealed_samples: u64 = "concealedSamples",
        /// `silentConcealedSamples` (audio).
        silent_concealed_samples: u64 = "silentConcealedSamples",
        /// `concealmentEvents` (audio).
        concealment_events: u64 = "concealmentEvents",
        /// `insertedSamplesForDeceleration` (audio).
        inserted_samples_for_deceleration: u64 = "insertedSamplesForDeceleration",
        /// `removedSamplesForAcceleration` (audio).
        removed_samples_for_acceleration: u64 = "removedSamplesForAcceleration",
        /// `audioLevel` (audio): 0.0 to 1.0, linear.
        audio_level: f64 = "audioLevel",
        /// `totalAudioEnergy` (audio).
        total_audio_energy: f64 = "totalAudioEnergy",
        /// `totalSamplesDuration` (audio), in seconds.
        total_samples_duration: f64 = "totalSamplesDuration",
        /// `playoutId` (audio): the [`AudioPlayoutStats`] of the device playing this stream.
        playout_id: String = "playoutId",
        /// `fecPacketsReceived`: forward error correction packets.
        fec_packets_received: u64 = "fecPacketsReceived",
        /// `fecPacketsDiscarded`.
        fec_packets_discarded: u64 = "fecPacketsDiscarded",
        /// `fecBytesReceived`.
        fec_bytes_received: u64 = "fecBytesReceived",
        /// `retransmittedPacketsReceived`.
        retransmitted_packets_received: u64 = "retransmittedPacketsReceived",
        /// `retransmittedBytesReceived`.
        retransmitted_bytes_received: u64 = "retransmittedBytesReceived",
        /// `rtxSsrc`: the SSRC of the retransmission stream.
        rtx_ssrc: u32 = "rtxSsrc",
        /// `fecSsrc`: the SSRC of the FEC stream.
        fec_ssrc: u32 = "fecSsrc",
    }
}

stats_dictionary! {
    /// `RTCOutboundRtpStreamStats` (`"outbound-rtp"`): an outgoing RTP stream (one per
    /// simulcast layer), as this connection encodes and sends it.
    OutboundRtpStreamStats for OutboundRtp = ["outbound-rtp"] {
        /// `ssrc`: the stream's synchronization source.
        ssrc: u32 = "ssrc",
        /// `kind`: audio or video (another value stays in `other`).
        kind: TrackKind = "kind",
        /// `transportId`: the [`TransportStats`] the stream leaves on.
        transport_id: String = "transportId",
        /// `codecId`: the [`CodecStats`] of the stream.
        codec_id: String = "codecId",
        /// `packetsSent`.
        packets_sent: u64 = "packetsSent",
        /// `bytesSent`: payload bytes (no headers or padding).
        bytes_sent: u64 = "bytesSent",
        /// `mid`: the media section of the sending transceiver.
        mid: String = "mid",
        /// `mediaSourceId`: the [`MediaSourceStats`] of the track being sent.
        media_source_id: String = "mediaSourceId",
        /// `remoteId`: the [`RemoteInboundRtpStreamStats`] of the receiver's view of this stream.
        remote_id: String = "remoteId",
        /// `rid`: the simulcast RTP stream id.
        rid: String = "rid",
        /// `encodingIndex`: the index of the encoding in the sender's parameters.
        encoding_index: u32 = "encodingIndex",
        /// `headerBytesSent`: RTP header and padding bytes.
        header_bytes_sent: u64 = "headerBytesSent",
        /// `retransmittedPacketsSent`.
        retransmitted_packets_sent: u64 = "retransmittedPacketsSent",
        /// `retransmittedBytesSent`.
        retransmitted_bytes_sent: u64 = "retransmittedBytesSent",
        /// `rtxSsrc`: the SSRC of the retransmission stream.
        rtx_ssrc: u32 = "rtxSsrc",
        /// `targetBitrate`: the encoder's target, in bits per second.
        target_bitrate: f64 = "targetBitrate",
        /// `totalEncodedBytesTarget` (video).
        total_encoded_bytes_target: u64 = "totalEncodedBytesTarget",
        /// `frameWidth` (video): of the last encoded frame, in pixels.
        frame_width: u32 = "frameWidth",
        /// `frameHeight` (video): of the last encoded frame, in pixels.
        frame_height: u32 = "frameHeight",
        /// `framesPerSecond` (video): encoded frames in the last second.
        frames_per_second: f64 = "framesPerSecond",
        /// `framesSent` (video).
        frames_sent: u64 = "framesSent",
        /// `hugeFramesSent` (video): frames much larger than the average.
        huge_frames_sent: u64 = "hugeFramesSent",
        /// `framesEncoded` (video).
        frames_encoded: u64 = "framesEncoded",
        /// `keyFramesEncoded` (video).
        key_frames_encoded: u64 = "keyFramesEncoded",
        /// `qpSum` (video): the sum of the encoded frames' quantization parameters.
        qp_sum: u64 = "qpSum",
        /// `totalEncodeTime` (video), in seconds.
        total_encode_time: f64 = "totalEncodeTime",
        /// `totalPacketSendDelay`: time packets waited in the pacer, in seconds.
        total_packet_send_delay: f64 = "totalPacketSendDelay",
        /// `qualityLimitationReason` (video).
        quality_limitation_reason: QualityLimitationReason = "qualityLimitationReason",
        /// `qualityLimitationDurations` (video): seconds spent in each limitation, by reason.
        quality_limitation_durations: BTreeMap<String, f64> = "qualityLimitationDurations",
        /// `qualityLimitationResolutionChanges` (video).
        quality_limitation_resolution_changes: u64 = "qualityLimitationResolutionChanges",
        /// `nackCount`: NACK packets received.
        nack_count: u64 = "nackCount",
        /// `firCount` (video): Full Intra Request packets received.
        fir_count: u64 = "firCount",
        /// `pliCount` (video): Picture Loss Indication packets received.
        pli_count: u64 = "pliCount",
        /// `encoderImplementation` (video), e.g. `"libvpx"`.
        encoder_implementation: String = "encoderImplementation",
        /// `powerEfficientEncoder` (video): whether the encoder is hardware accelerated.
        power_efficient_encoder: bool = "powerEfficientEncoder",
        /// `active`: whether the encoding is sent (`RTCRtpEncodingParameters.active`).
        active: bool = "active",
        /// `scalabilityMode` (video), e.g. `"L1T3"`.
        scalability_mode: String = "scalabilityMode",
    }
}

stats_dictionary! {
    /// `RTCRemoteInboundRtpStreamStats` (`"remote-inbound-rtp"`): one of this connection's
    /// outgoing streams as the remote peer receives it, from its RTCP receiver reports.
    RemoteInboundRtpStreamStats for RemoteInboundRtp = ["remote-inbound-rtp"] {
        /// `ssrc`: the stream's synchronization source.
        ssrc: u32 = "ssrc",
        /// `kind`: audio or video (another value stays in `other`).
        kind: TrackKind = "kind",
        /// `transportId`: the [`TransportStats`] of the stream.
        transport_id: String = "transportId",
        /// `codecId`: the [`CodecStats`] of the stream.
        codec_id: String = "codecId",
        /// `packetsReceived`, as reported by the remote peer.
        packets_received: u64 = "packetsReceived",
        /// `packetsLost`, as reported by the remote peer.
        packets_lost: i64 = "packetsLost",
        /// `jitter`, in seconds, as reported by the remote peer.
        jitter: f64 = "jitter",
        /// `localId`: the [`OutboundRtpStreamStats`] of the same stream.
        local_id: String = "localId",
        /// `roundTripTime`: the latest, in seconds.
        round_trip_time: f64 = "roundTripTime",
        /// `totalRoundTripTime`: the sum of the measurements, in seconds.
        total_round_trip_time: f64 = "totalRoundTripTime",
        /// `fractionLost`: in the last report, 0.0 to 1.0.
        fraction_lost: f64 = "fractionLost",
        /// `roundTripTimeMeasurements`.
        round_trip_time_measurements: u64 = "roundTripTimeMeasurements",
    }
}

stats_dictionary! {
    /// `RTCRemoteOutboundRtpStreamStats` (`"remote-outbound-rtp"`): one of this connection's
    /// incoming streams as the remote peer sends it, from its RTCP sender reports.
    RemoteOutboundRtpStreamStats for RemoteOutboundRtp = ["remote-outbound-rtp"] {
        /// `ssrc`: the stream's synchronization source.
        ssrc: u32 = "ssrc",
        /// `kind`: audio or video (another value stays in `other`).
        kind: TrackKind = "kind",
        /// `transportId`: the [`TransportStats`] of the stream.
        transport_id: String = "transportId",
        /// `codecId`: the [`CodecStats`] of the stream.
        codec_id: String = "codecId",
        /// `packetsSent`, as reported by the remote peer.
        packets_sent: u64 = "packetsSent",
        /// `bytesSent`, as reported by the remote peer.
        bytes_sent: u64 = "bytesSent",
        /// `localId`: the [`InboundRtpStreamStats`] of the same stream.
        local_id: String = "localId",
        /// `remoteTimestamp`: when the remote peer sent the report, in milliseconds since the
        /// Unix epoch.
        remote_timestamp: f64 = "remoteTimestamp",
        /// `reportsSent`: RTCP sender reports sent.
        reports_sent: u64 = "reportsSent",
        /// `roundTripTime`: the latest, in seconds.
        round_trip_time: f64 = "roundTripTime",
        /// `totalRoundTripTime`: the sum of the measurements, in seconds.
        total_round_trip_time: f64 = "totalRoundTripTime",
        /// `roundTripTimeMeasurements`.
        round_trip_time_measurements: u64 = "roundTripTimeMeasurements",
    }
}

stats_dictionary! {
    /// `RTCMediaSourceStats` (`"media-source"`): a track attached to a sender, before encoding
    /// (`RTCAudioSourceStats` and `RTCVideoSourceStats` in one struct; each source has the
    /// members of its `kind`).
    MediaSourceStats for MediaSource = ["media-source"] {
        /// `trackIdentifier`: the `id` of the `MediaStreamTrack`.
        track_identifier: String = "trackIdentifier",
        /// `kind`: audio or video (another value stays in `other`).
        kind: TrackKind = "kind",
        /// `audioLevel` (audio): 0.0 to 1.0, linear.
        audio_level: f64 = "audioLevel",
        /// `totalAudioEnergy` (audio).
        total_audio_energy: f64 = "totalAudioEnergy",
        /// `totalSamplesDuration` (audio), in seconds.
        total_samples_duration: f64 = "totalSamplesDuration",
        /// `echoReturnLoss` (audio), in decibels.
        echo_return_loss: f64 = "echoReturnLoss",
        /// `echoReturnLossEnhancement` (audio), in decibels.
        echo_return_loss_enhancement: f64 = "echoReturnLossEnhancement",
        /// `width` (video): of the last frame, in pixels.
        width: u32 = "width",
        /// `height` (video): of the last frame, in pixels.
        height: u32 = "height",
        /// `frames` (video): frames from the source.
        frames: u64 = "frames",
        /// `framesPerSecond` (video): frames from the source in the last second.
        frames_per_second: f64 = "framesPerSecond",
    }
}

stats_dictionary! {
    /// `RTCAudioPlayoutStats` (`"media-playout"`): the device playing received audio.
    AudioPlayoutStats for MediaPlayout = ["media-playout"] {
        /// `kind`: audio.
        kind: TrackKind = "kind",
        /// `synthesizedSamplesDuration`: seconds of audio made up because none was there in
        /// time.
        synthesized_samples_duration: f64 = "synthesizedSamplesDuration",
        /// `synthesizedSamplesEvents`.
        synthesized_samples_events: u64 = "synthesizedSamplesEvents",
        /// `totalSamplesDuration`: seconds played.
        total_samples_duration: f64 = "totalSamplesDuration",
        /// `totalPlayoutDelay`, in seconds, summed over samples.
        total_playout_delay: f64 = "totalPlayoutDelay",
        /// `totalSamplesCount`.
        total_samples_count: u64 = "totalSamplesCount",
    }
}

stats_dictionary! {
    /// `RTCPeerConnectionStats` (`"peer-connection"`): the connection itself; one per report.
    PeerConnectionStats for PeerConnection = ["peer-connection"] {
        /// `dataChannelsOpened`: channels that reached `open`.
        data_channels_opened: u64 = "dataChannelsOpened",
        /// `dataChannelsClosed`: channels that left `open`.
        data_channels_closed: u64 = "dataChannelsClosed",
    }
}

stats_dictionary! {
    /// `RTCDataChannelStats` (`"data-channel"`): one data channel.
    DataChannelStats for DataChannel = ["data-channel"] {
        /// `label`.
        label: String = "label",
        /// `protocol`: the subprotocol.
        protocol: String = "protocol",
        /// `dataChannelIdentifier`: the SCTP stream id (the channel's `id`).
        data_channel_identifier: u16 = "dataChannelIdentifier",
        /// `state`.
        state: DataChannelState = "state",
        /// `messagesSent`.
        messages_sent: u64 = "messagesSent",
        /// `bytesSent`: payload bytes.
        bytes_sent: u64 = "bytesSent",
        /// `messagesReceived`.
        messages_received: u64 = "messagesReceived",
        /// `bytesReceived`: payload bytes.
        bytes_received: u64 = "bytesReceived",
    }
}

stats_dictionary! {
    /// `RTCTransportStats` (`"transport"`): an ICE and DTLS transport (with bundling, usually
    /// the only one).
    TransportStats for Transport = ["transport"] {
        /// `packetsSent`.
        packets_sent: u64 = "packetsSent",
        /// `packetsReceived`.
        packets_received: u64 = "packetsReceived",
        /// `bytesSent`.
        bytes_sent: u64 = "bytesSent",
        /// `bytesReceived`.
        bytes_received: u64 = "bytesReceived",
        /// `iceRole`.
        ice_role: IceRole = "iceRole",
        /// `iceLocalUsernameFragment`: the local ICE ufrag.
        ice_local_username_fragment: String = "iceLocalUsernameFragment",
        /// `iceState`.
        ice_state: IceTransportState = "iceState",
        /// `dtlsState`.
        dtls_state: DtlsTransportState = "dtlsState",
        /// `dtlsRole`.
        dtls_role: DtlsRole = "dtlsRole",
        /// `selectedCandidatePairId`: the [`IceCandidatePairStats`] in use (see
        /// [`StatsReport::selected_candidate_pair`]).
        selected_candidate_pair_id: String = "selectedCandidatePairId",
        /// `selectedCandidatePairChanges`.
        selected_candidate_pair_changes: u64 = "selectedCandidatePairChanges",
        /// `localCertificateId`: the local [`CertificateStats`].
        local_certificate_id: String = "localCertificateId",
        /// `remoteCertificateId`: the remote peer's [`CertificateStats`].
        remote_certificate_id: String = "remoteCertificateId",
        /// `tlsVersion`: the DTLS version, as hex, e.g. `"FEFD"` for DTLS 1.2.
        tls_version: String = "tlsVersion",
        /// `dtlsCipher`: the IANA name of the DTLS cipher suite.
        dtls_cipher: String = "dtlsCipher",
        /// `srtpCipher`: the IANA name of the SRTP protection profile.
        srtp_cipher: String = "srtpCipher",
    }
}

stats_dictionary! {
    /// `RTCIceCandidatePairStats` (`"candidate-pair"`): a local and a remote candidate being
    /// checked or used.
    ///
    /// Chrome and Firefox also report a (pre-standard) `priority`, Firefox a `selected` flag;
    /// both are in [`other`](Self::other).
    IceCandidatePairStats for CandidatePair = ["candidate-pair"] {
        /// `transportId`: the [`TransportStats`] the pair belongs to.
        transport_id: String = "transportId",
        /// `localCandidateId`: the local [`IceCandidateStats`].
        local_candidate_id: String = "localCandidateId",
        /// `remoteCandidateId`: the remote [`IceCandidateStats`].
        remote_candidate_id: String = "remoteCandidateId",
        /// `state`.
        state: CandidatePairState = "state",
        /// `nominated`: whether the controlling agent nominated this pair.
        nominated: bool = "nominated",
        /// `packetsSent`.
        packets_sent: u64 = "packetsSent",
        /// `packetsReceived`.
        packets_received: u64 = "packetsReceived",
        /// `bytesSent`.
        bytes_sent: u64 = "bytesSent",
        /// `bytesReceived`.
        bytes_received: u64 = "bytesReceived",
        /// `lastPacketSentTimestamp`, in milliseconds since the Unix epoch.
        last_packet_sent_timestamp: f64 = "lastPacketSentTimestamp",
        /// `lastPacketReceivedTimestamp`, in milliseconds since the Unix epoch.
        last_packet_received_timestamp: f64 = "lastPacketReceivedTimestamp",
        /// `totalRoundTripTime`: the sum of the STUN round trips measured, in seconds.
        total_round_trip_time: f64 = "totalRoundTripTime",
        /// `currentRoundTripTime`: the latest STUN round trip, in seconds.
        current_round_trip_time: f64 = "currentRoundTripTime",
        /// `availableOutgoingBitrate`: the congestion controller's estimate, in bits per second.
        available_outgoing_bitrate: f64 = "availableOutgoingBitrate",
        /// `availableIncomingBitrate`, in bits per second.
        available_incoming_bitrate: f64 = "availableIncomingBitrate",
        /// `requestsReceived`: STUN connectivity checks received.
        requests_received: u64 = "requestsReceived",
        /// `requestsSent`: STUN connectivity checks sent.
        requests_sent: u64 = "requestsSent",
        /// `responsesReceived`.
        responses_received: u64 = "responsesReceived",
        /// `responsesSent`.
        responses_sent: u64 = "responsesSent",
        /// `consentRequestsSent`: consent freshness checks sent.
        consent_requests_sent: u64 = "consentRequestsSent",
        /// `packetsDiscardedOnSend`.
        packets_discarded_on_send: u64 = "packetsDiscardedOnSend",
        /// `bytesDiscardedOnSend`.
        bytes_discarded_on_send: u64 = "bytesDiscardedOnSend",
    }
}

stats_dictionary! {
    /// `RTCIceCandidateStats` (`"local-candidate"` and `"remote-candidate"`): an ICE candidate.
    IceCandidateStats for LocalCandidate | RemoteCandidate = ["local-candidate", "remote-candidate"] {
        /// `transportId`: the [`TransportStats`] the candidate belongs to.
        transport_id: String = "transportId",
        /// `address`: an IP address, or an mDNS name; absent where the browser hides it.
        address: String = "address",
        /// `port`.
        port: u16 = "port",
        /// `protocol`.
        protocol: CandidateProtocol = "protocol",
        /// `candidateType`.
        candidate_type: CandidateType = "candidateType",
        /// `priority`.
        priority: u32 = "priority",
        /// `url`: the STUN or TURN server a local candidate was obtained from.
        url: String = "url",
        /// `relayProtocol`: how a relay candidate reaches its TURN server (UDP, TCP or TLS).
        relay_protocol: IceServerTransportProtocol = "relayProtocol",
        /// `foundation`.
        foundation: String = "foundation",
        /// `relatedAddress`: the base address of a reflexive or relay candidate.
        related_address: String = "relatedAddress",
        /// `relatedPort`.
        related_port: u16 = "relatedPort",
        /// `usernameFragment`: the ICE ufrag.
        username_fragment: String = "usernameFragment",
        /// `tcpType`, for TCP candidates.
        tcp_type: TcpType = "tcpType",
    }
}

stats_dictionary! {
    /// `RTCCertificateStats` (`"certificate"`): a DTLS certificate, local or remote.
    CertificateStats for Certificate = ["certificate"] {
        /// `fingerprint`: upper-case hex pairs separated by colons.
        fingerprint: String = "fingerprint",
        /// `fingerprintAlgorithm`, e.g. `"sha-256"`.
        fingerprint_algorithm: String = "fingerprintAlgorithm",
        /// `base64Certificate`: the DER certificate, base64-encoded.
        base64_certificate: String = "base64Certificate",
        /// `issuerCertificateId`: the [`CertificateStats`] of the issuer, for a chain.
        issuer_certificate_id: String = "issuerCertificateId",
    }
}

/// A stats entry of a `type` this crate does not know (a newer spec type, or a browser's own,
/// such as the obsolete `"track"`), with all its members.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "js", derive(tsify::Tsify))]
pub struct UnknownStats {
    /// `type`, as the browser spelled it.
    #[cfg_attr(feature = "js", serde(rename = "type"))]
    pub stats_type: String,
    /// `id`: unique within the report.
    pub id: String,
    /// `timestamp`, in milliseconds since the Unix epoch.
    pub timestamp: f64,
    /// Every other member.
    #[cfg_attr(
        feature = "js",
        serde(flatten),
        tsify(type = "Record<string, unknown>")
    )]
    pub other: BTreeMap<String, StatsValue>,
}

impl sealed::Sealed for UnknownStats {}

impl StatsType for UnknownStats {
    const TYPES: &'static [&'static str] = &[];

    fn from_stats(stats: &Stats) -> Option<&Self> {
        match stats {
            Stats::Unknown(s) => Some(s),
            _ => None,
        }
    }
}

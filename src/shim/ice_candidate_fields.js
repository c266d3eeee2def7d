// RTCIceCandidate's fields from the candidate line (see ice_candidate_fields.rs). `parse` is the
// crate's parser (Rust): the fields of a line, or null where it does not parse.
import { defineAccessor, read } from './glue.js';

const FIELDS = ['foundation', 'component', 'priority', 'address', 'port', 'type', 'protocol', 'relatedAddress', 'relatedPort', 'tcpType', 'usernameFragment', 'relayProtocol'];

export function iceCandidateFields(proto, parse) {
  for (const name of FIELDS) {
    if (name in proto) continue;
    defineAccessor(proto, name, (candidate) => {
      const line = read(candidate, 'candidate');
      const fields = parse(typeof line === 'string' ? line : '');
      if (!fields) return null;
      // relayProtocol is not in the line.
      if (name === 'component') return fields.component === 2 ? 'rtcp' : 'rtp';
      return name in fields ? fields[name] : null;
    });
  }
}

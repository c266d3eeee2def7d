// navigator.mediaDevices.getUserMedia, the same everywhere (see get_user_media.rs): legacy
// constraint syntax translated, undefined members dropped, legacy error names mapped, and the
// promise API over a callback-only one.
import { isObject, wrapMethod } from './glue.js';

// Legacy getUserMedia error names and their standard ones.
const STANDARD_ERRORS = {
  __proto__: null,
  PermissionDeniedError: 'NotAllowedError',
  PermissionDismissedError: 'NotAllowedError',
  MediaDeviceKillSwitchOn: 'NotAllowedError',
  DevicesNotFoundError: 'NotFoundError',
  ConstraintNotSatisfiedError: 'OverconstrainedError',
  TrackStartError: 'NotReadableError',
  MediaDeviceFailedDueToShutdown: 'NotReadableError',
  SourceUnavailableError: 'NotReadableError',
  TabCaptureError: 'AbortError',
  ScreenCaptureError: 'AbortError',
  DeviceCaptureError: 'AbortError',
};

// An error with a legacy name as a DOMException with the standard one (message and constraint
// kept); any other error as it is.
export function mapError(error) {
  const standard = STANDARD_ERRORS[error?.name];
  if (!standard) return error;
  const message = typeof error.message === 'string' ? error.message : '';
  const constraint = error.constraint ?? error.constraintName;
  let mapped;
  try {
    mapped = new DOMException(message, standard);
  } catch (_) {
    mapped = new Error(message);
    mapped.name = standard;
  }
  // DOMException is extensible: the constraint travels with it, as OverconstrainedError's.
  if (constraint != null) mapped.constraint = constraint;
  return mapped;
}

// Each legacy mandatory/optional key: the standard member, and which part of it.
const LEGACY_KEYS = {
  __proto__: null,
  minWidth: ['width', 'min'],
  maxWidth: ['width', 'max'],
  minHeight: ['height', 'min'],
  maxHeight: ['height', 'max'],
  minFrameRate: ['frameRate', 'min'],
  maxFrameRate: ['frameRate', 'max'],
  minAspectRatio: ['aspectRatio', 'min'],
  maxAspectRatio: ['aspectRatio', 'max'],
  sourceId: ['deviceId', 'exact'],
  deviceId: ['deviceId', 'exact'],
  facingMode: ['facingMode', 'exact'],
  echoCancellation: ['echoCancellation', 'exact'],
  googEchoCancellation: ['echoCancellation', 'exact'],
  noiseSuppression: ['noiseSuppression', 'exact'],
  googNoiseSuppression: ['noiseSuppression', 'exact'],
  autoGainControl: ['autoGainControl', 'exact'],
  googAutoGainControl: ['autoGainControl', 'exact'],
};

const entries = (object) => Object.entries(Object(object));
const isDictionary = (value) => isObject(value) && !Array.isArray(value);

// Sets track[member][part] = value on a copy of track[member] (the page's own object, when it
// came from there, is left as it was).
function setPart(track, member, part, value) {
  track[member] = Object.assign({}, isDictionary(track[member]) ? track[member] : {}, { [part]: value });
}

// Whether one track's constraints carry a legacy key this shim cannot translate: Chromium's own
// (chromeMediaSource, chromeMediaSourceId for tab and desktop capture in extensions and
// Electron), which only the legacy syntax carries and Chromium still honours.
function untranslatable(constraints) {
  const unknown = (block) => Object.keys(Object(block)).some((key) => !LEGACY_KEYS[key]);
  const { mandatory, optional } = constraints;
  return (isObject(mandatory) && unknown(mandatory)) || (Array.isArray(optional) && Array.from(optional).some(unknown));
}

// A copy of object without its undefined members; undefined when it has none.
function withoutUndefined(object) {
  const out = {};
  let dropped = false;
  for (const [key, value] of entries(object)) {
    if (value === undefined) dropped = true;
    else out[key] = value;
  }
  return dropped ? out : undefined;
}

// One track's legacy constraints (mandatory, optional) in the standard form; standard members
// pass through and undefined members (one level down too: constraint values are flat) are
// dropped. Undefined when there is nothing to change, or when the track has a key only the
// legacy syntax can say: it is then left as the page wrote it.
function translateTrack(constraints) {
  if (!isObject(constraints) || untranslatable(constraints)) return;
  const out = {};
  let changed = false;
  for (const [key, value] of entries(constraints)) {
    if (value === undefined) {
      changed = true;
    } else if (key === 'mandatory' && isObject(value)) {
      changed = true;
      for (const [legacy, v] of entries(value)) {
        const standard = LEGACY_KEYS[legacy];
        if (standard) setPart(out, standard[0], standard[1], v);
      }
    } else if (key === 'optional' && Array.isArray(value)) {
      changed = true;
      // Each optional entry is a wish, not a requirement: an ideal.
      for (const wish of Array.from(value)) {
        for (const [legacy, v] of entries(wish)) {
          const standard = LEGACY_KEYS[legacy];
          if (standard) setPart(out, standard[0], 'ideal', v);
        }
      }
    } else {
      const cleaned = isDictionary(value) ? withoutUndefined(value) : undefined;
      if (cleaned) changed = true;
      out[key] = cleaned || value;
    }
  }
  return changed ? out : undefined;
}

// MediaStreamConstraints in the standard form: legacy syntax translated, undefined members
// dropped. Anything else reaches the browser as the very object the page passed.
export function translate(constraints) {
  if (!isObject(constraints)) return constraints;
  const out = {};
  let changed = false;
  for (const [key, value] of entries(constraints)) {
    if (value === undefined) {
      changed = true;
      continue;
    }
    const track = key === 'audio' || key === 'video' ? translateTrack(value) : undefined;
    if (track) changed = true;
    out[key] = track || value;
  }
  return changed ? out : constraints;
}

// The legacy mandatory key for a standard member's min/max/exact part.
function legacyName(member, part) {
  if (['width', 'height', 'frameRate', 'aspectRatio'].includes(member)) {
    // minWidth: the member capitalized after the part.
    return part === 'min' || part === 'max' ? part + member[0].toUpperCase() + member.slice(1) : undefined;
  }
  if (member === 'deviceId') return 'sourceId';
  if (member === 'facingMode') return member;
}

// One track's standard constraints in the legacy syntax Chrome's webkitGetUserMedia reads;
// legacy input passes through.
function toLegacyTrack(constraints) {
  if (!isObject(constraints) || constraints.mandatory != null || constraints.optional != null) return constraints;
  const mandatory = {};
  const optional = [];
  const wish = (key, value) => key && optional.push({ [key]: value });
  const demand = (key, value) => key && (mandatory[key] = value);
  for (const [member, value] of entries(constraints)) {
    if (value === undefined) continue;
    // A bare value is an ideal.
    if (!isObject(value)) {
      wish(legacyName(member, 'min'), value);
      continue;
    }
    for (const [part, v] of entries(value)) {
      if (part === 'exact') for (const bound of ['min', 'max', 'exact']) demand(legacyName(member, bound), v);
      else if (part === 'min' || part === 'max') demand(legacyName(member, part), v);
      else if (part === 'ideal') wish(legacyName(member, 'min') || legacyName(member, 'exact'), v);
    }
  }
  return optional.length ? { mandatory, optional } : { mandatory };
}

// MediaStreamConstraints in the legacy syntax, for webkitGetUserMedia.
function toLegacy(constraints) {
  const standard = translate(constraints);
  if (!isObject(standard)) return standard;
  // A copy: translate may have returned the page's own object.
  const legacy = Object.assign({}, standard);
  for (const kind of ['audio', 'video']) {
    if (legacy[kind] != null) legacy[kind] = toLegacyTrack(legacy[kind]);
  }
  return legacy;
}

// The promise API over a callback-only one: legacy is navigator's callback-style function, and
// legacySyntax says whether it reads only the legacy constraint syntax (webkitGetUserMedia).
export function provideGetUserMedia(navigator, legacy, legacySyntax) {
  let devices = navigator.mediaDevices;
  if (devices == null) Reflect.set(navigator, 'mediaDevices', (devices = {}));
  Reflect.set(devices, 'getUserMedia', (constraints) =>
    new Promise((resolve, reject) => {
      const translated = legacySyntax ? toLegacy(constraints) : translate(constraints);
      legacy.call(navigator, translated, resolve, (error) => reject(mapError(error)));
    }),
  );
}

// Wraps mediaDevices.getUserMedia: constraints translated, errors mapped.
export function getUserMedia(devices) {
  wrapMethod(devices, 'getUserMedia', (self, native, args) =>
    Reflect.apply(native, self, [translate(args[0])]).catch((error) => {
      throw mapError(error);
    }),
  );
}

// Opt-in: navigator.getUserMedia(constraints, onSuccess, onError) over the promise API.
export function legacyGetUserMedia(navigator, devices) {
  Reflect.set(navigator, 'getUserMedia', function getUserMedia(constraints, onSuccess, onError) {
    devices.getUserMedia(constraints).then(onSuccess, onError);
  });
}

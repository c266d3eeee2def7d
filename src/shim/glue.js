// The few lines of JavaScript the shim needs because only JavaScript can do them: a function that
// sees its `this`, and promise plumbing (around callback-style legacy APIs, and for a two-step
// async call without an async runtime in the wasm). All logic is in Rust.

// Reflect.get and Reflect.set with the key passed as text (see `get_property` and `set` in mod.rs).
export function getProperty(object, key) {
  return Reflect.get(object, key);
}
export function setProperty(object, key, value) {
  return Reflect.set(object, key, value);
}

// Replaces proto[name] with a function that hands (this, native, args) to `handler`; keeps the
// native function's name and length. Returns the native function.
export function wrapMethod(proto, name, handler) {
  const native = proto[name];
  const wrapped = {
    [name](...args) {
      return handler(this, native, args);
    },
  }[name];
  Object.defineProperty(wrapped, 'length', { value: native.length });
  Object.defineProperty(proto, name, { value: wrapped, writable: true, configurable: true, enumerable: true });
  return native;
}

// Defines a getter proto[name] that returns handler(this).
export function defineGetter(proto, name, handler) {
  Object.defineProperty(proto, name, {
    get() {
      return handler(this);
    },
    configurable: true,
    enumerable: true,
  });
}

// Calls a callback-style legacy function as fn.call(self, arg, onSuccess, onError) and returns a
// promise; errors are passed through mapError first.
export function promisifyLegacy(fn, self, arg, mapError) {
  return new Promise((resolve, reject) => fn.call(self, arg, resolve, (e) => reject(mapError(e))));
}

// Calls step(pc, undefined, [arg]) in a microtask and, once what it returns has settled,
// Reflect.apply(native, pc, [result]): the promise of an async function that awaits both, errors
// passed through as they are.
export function thenApply(step, pc, arg, native) {
  return Promise.resolve()
    .then(() => step(pc, undefined, [arg]))
    .then((result) => Reflect.apply(native, pc, [result]));
}

// A plain function that hands (this, undefined, args) to `handler`.
export function callable(handler) {
  return function (...args) {
    return handler(this, undefined, args);
  };
}

// Defines an accessor proto[name]: get() returns getter(this); set(v) calls setter with `this`.
export function defineAccessor(proto, name, getter, setter) {
  Object.defineProperty(proto, name, {
    get() {
      return getter(this);
    },
    set(value) {
      setter.call(this, value);
    },
    configurable: true,
    enumerable: true,
  });
}

// A stand-in for the constructor `Native` that passes its first argument through `translate`.
// Everything else stays the browser's: the same prototype object (so `instanceof` holds for every
// connection and patches to RTCPeerConnection.prototype reach them), `new.target` (so
// `class X extends RTCPeerConnection` builds X instances), the name, `length` 0, and the statics
// (inherited from Native). `length` is copied from Native (0 in browsers).
export function translatingConstructor(Native, translate) {
  const RTCPeerConnection = function RTCPeerConnection(...args) {
    if (!new.target) {
      throw new TypeError("Failed to construct 'RTCPeerConnection': Please use the 'new' operator.");
    }
    if (args.length > 0) args[0] = translate(args[0]);
    return Reflect.construct(Native, args, new.target);
  };
  Object.defineProperty(RTCPeerConnection, 'name', { value: Native.name });
  Object.defineProperty(RTCPeerConnection, 'length', { value: Native.length });
  RTCPeerConnection.prototype = Native.prototype;
  Object.setPrototypeOf(RTCPeerConnection, Native);
  Object.defineProperty(Native.prototype, 'constructor', { value: RTCPeerConnection, writable: true, configurable: true });
  return RTCPeerConnection;
}

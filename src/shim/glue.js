// The few lines of JavaScript the shim needs because only JavaScript can do them: a function that
// sees its `this`, and promise plumbing around callback-style legacy APIs. All logic is in Rust.

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

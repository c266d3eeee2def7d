// What the shims' JavaScript shares. The division of labour (see mod.rs): Rust installs — it
// reads the options, probes each API, decides, patches through these files and reports — and
// parses (candidate lines, SDP, user agents); the code that runs inside a patched browser method
// is JavaScript, one file per concern next to its .rs file, because there it is a few dozen bytes
// where the same code compiled to wasm was ten times that (measured: see the README's size notes).

// Reflect.get and Reflect.set with the key passed as text (see `get_property` and `set` in mod.rs).
export function getProperty(object, key) {
  return Reflect.get(object, key);
}
export function setProperty(object, key, value) {
  return Reflect.set(object, key, value);
}

// object[key], or undefined where reading it throws (a getter called on the wrong object).
export function read(object, key) {
  try {
    return object[key];
  } catch (_) {
    return undefined;
  }
}

// What the report says of a thrown value: "TypeError: message" for errors; never throws itself.
export function describe(error) {
  try {
    return String(error);
  } catch (_) {
    return Object.prototype.toString.call(error);
  }
}

export const isObject = (value) => typeof value === 'object' && value !== null;

// The registered symbol a shim keeps its per-object state under.
export const mark = (name) => Symbol.for('wasm-rtc.shim.' + name);

// Replaces proto[name] with a method that returns body(this, native, args); keeps the native
// function's name and length. A TypeError where there is no such method.
export function wrapMethod(proto, name, body) {
  const native = proto[name];
  if (typeof native !== 'function') throw new TypeError(name + ' is not a method here');
  const wrapped = {
    [name](...args) {
      return body(this, native, args);
    },
  }[name];
  Object.defineProperty(wrapped, 'length', { value: native.length });
  Object.defineProperty(proto, name, { value: wrapped, writable: true, configurable: true, enumerable: true });
}

// Defines a getter proto[name] that returns get(this); a setter too, when given.
export function defineAccessor(proto, name, get, set) {
  Object.defineProperty(proto, name, {
    get() {
      return get(this);
    },
    set,
    configurable: true,
    enumerable: true,
  });
}

// Adds listener for event to target the first time hook sees target: for shims that set up
// listeners on a connection when it first negotiates (the constructor is never replaced). The
// listener is shared by every target and finds its own in event.currentTarget. A hook that
// cannot attach never stands in the way of the call that triggered it.
export function listenOnce(target, hook, event, listener) {
  try {
    const key = mark(hook);
    if (!target[key] && Reflect.defineProperty(target, key, { value: true })) {
      target.addEventListener(event, listener);
    }
  } catch (_) {}
}

export const eventTarget = (event) => event.currentTarget || event.target;

// The event handler attribute proto['on' + event] (e.g. ontrack) for an event the browser does
// not know: setting it replaces the previous handler's listener.
export function eventHandlerAttribute(proto, event) {
  const slot = mark('on' + event);
  defineAccessor(
    proto,
    'on' + event,
    (target) => {
      const handler = read(target, slot);
      return typeof handler === 'function' ? handler : null;
    },
    function (handler) {
      const old = this[slot];
      if (typeof old === 'function') this.removeEventListener(event, old);
      handler = typeof handler === 'function' ? handler : null;
      Reflect.set(this, slot, handler);
      if (handler) this.addEventListener(event, handler);
    },
  );
}

// Dispatches a plain Event named name on target, with fields as enumerable read-only members.
export function dispatch(target, name, fields) {
  const event = new Event(name);
  for (const key in fields) Object.defineProperty(event, key, { value: fields[key], enumerable: true });
  target.dispatchEvent(event);
}

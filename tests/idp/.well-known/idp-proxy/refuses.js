// A test identity provider (tests/identity.rs) that knows nobody: it asserts and verifies
// nothing.
rtcIdentityProvider.register({
  generateAssertion() { return Promise.reject(new Error("no such user")); },
  validateAssertion() { return Promise.reject(new Error("no such user")); },
});

// A test identity provider (tests/identity.rs) whose assertions do not verify: it makes one,
// and then disowns it.
(function () {
  const domain = location.host;
  rtcIdentityProvider.register({
    generateAssertion(contents) {
      return Promise.resolve({
        idp: { domain, protocol: "forged.js" },
        assertion: JSON.stringify({ name: `mallory@${location.hostname}`, contents }),
      });
    },
    validateAssertion() { return Promise.reject(new Error("this assertion is not ours")); },
  });
})();

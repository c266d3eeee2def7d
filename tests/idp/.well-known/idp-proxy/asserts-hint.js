// A test identity provider (tests/identity.rs): it asserts the name in `usernameHint` and
// verifies the assertions it made. Served by scripts/idp_server.py.
(function () {
  const domain = location.host;
  rtcIdentityProvider.register({
    generateAssertion(contents, origin, options) {
      const name = options.usernameHint || `someone@${location.hostname}`;
      return Promise.resolve({
        idp: { domain, protocol: "asserts-hint.js" },
        assertion: JSON.stringify({ name, contents }),
      });
    },
    validateAssertion(assertion, origin) {
      const { name, contents } = JSON.parse(assertion);
      return Promise.resolve({ identity: name, contents });
    },
  });
})();

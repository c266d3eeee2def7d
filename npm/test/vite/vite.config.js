// As the package README says: keep Vite's dependency pre-bundling away from the package, so
// its ES module stays next to its .wasm in development too.
export default { optimizeDeps: { exclude: ['wasm-rtc'] }, build: { target: 'es2022' } };

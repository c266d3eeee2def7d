//! `?selftest`: a page that tests itself reports in the title, where a WebDriver runner (and a
//! person) can read it.

/// Whether the address asks for a self-test.
pub fn requested() -> bool {
    leptos::prelude::window()
        .location()
        .search()
        .unwrap_or_default()
        .contains("selftest")
}

/// Reports the self-test's verdict in the title.
pub fn report(result: Result<String, String>) {
    let title = match result {
        Ok(what) => format!("SELFTEST PASS: {what}"),
        Err(why) => format!("SELFTEST FAIL: {why}"),
    };
    leptos::prelude::document().set_title(&title);
}

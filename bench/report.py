"""Turns the benchmark results into Markdown tables and the target checks (printed, never fatal)."""

OURS = "wasm-rtc Sink/Stream (Rust)"
HELPER = "wasm-rtc JS helper"


def fmt(value, unit):
    """A value with sensible precision for its unit."""
    if unit in ("MB/s", "ms"):
        return f"{value:,.1f}" if value < 1000 else f"{value:,.0f}"
    if unit == "µs" and value < 10:  # the per-message costs
        return f"{value:.2f}"
    return f"{value:,.0f}"


def cell(row, case):
    """One table cell: value (ratio), p99 for latency, or the error."""
    if "error" in row:
        return f"failed: {row['error']}"
    text = fmt(row["value"], case["unit"])
    if "p99" in row:
        text += f" (p99 {fmt(row['p99'], case['unit'])})"
    if "ratio" in row:
        text += f" · {row['ratio']:.2f}×"
    return text


def case_table(case):
    """A two-column table of one case: contender, value · ratio."""
    lines = [f"**{case['title']}** — {case['unit']}, {case['better']} is better"]
    if case.get("refused"):
        return lines + ["", f"not run: {case['refused']}", ""]
    lines += ["", "| contender | " + case["unit"] + " · ratio to " + case.get("baseline", "raw JS") + " |", "|---|---:|"]
    lines += [f"| {row['contender']} | {cell(row, case)} |" for row in case["rows"]]
    return lines + [""]


def matrix_table(cases, contenders):
    """One table: a row per case, a column per contender, cells `value · ratio`."""
    lines = ["| case | " + " | ".join(contenders) + " |", "|---|" + "---:|" * len(contenders)]
    for case in cases:
        if case.get("refused"):
            lines.append(f"| {case['title']} ({case['unit']}) | " + " | ".join(["refused"] * len(contenders)) + " |")
            continue
        by_name = {row["contender"]: row for row in case["rows"]}
        cells = [cell(by_name[c], case) if c in by_name else "—" for c in contenders]
        lines.append(f"| {case['title']} ({case['unit']}) | " + " | ".join(cells) + " |")
    return lines


def targets(run):
    """Issue 27's targets for one browser: (description, met: bool | None, detail)."""
    cases = {case["id"]: case for case in run["cases"]}
    out = []

    def row(case_id, name):
        case = cases.get(case_id, {})
        return next((r for r in case.get("rows", []) if r["contender"] == name and "value" in r), None)

    for case_id, floor in (("bulk-16k", 0.97), ("bulk-256k", 0.97), ("small", 1.0)):
        ours, raw = row(case_id, OURS), row(case_id, "raw JS")
        if cases.get(case_id, {}).get("refused"):
            out.append((f"{case_id}: Sink/Stream ≥ {floor:.2f}× raw JS", None, cases[case_id]["refused"]))
        elif ours and raw:
            out.append((f"{case_id}: Sink/Stream ≥ {floor:.2f}× raw JS", ours["ratio"] >= floor, f"{ours['ratio']:.2f}×"))
    helper = row("small", HELPER)
    if helper and "ratio" in helper:
        out.append(("small: npm helper ≥ 0.95× raw JS", helper["ratio"] >= 0.95, f"{helper['ratio']:.2f}×"))
    ours, raw = row("latency", OURS), row("latency", "raw JS")
    if ours and raw:
        diff = ours["value"] - raw["value"]
        out.append(("latency: median within 20 µs of raw JS", diff <= 20, f"{diff:+.0f} µs"))
    ours, raw = row("setup", OURS), row("setup", "raw JS")
    if ours and raw:
        out.append(("setup: within 3% of raw JS", ours["ratio"] <= 1.03, f"{ours['ratio']:.3f}×"))
    for case in cases.get("shim", {}).get("rows", [])[1:]:
        if "ratio" in case:
            out.append((f"shim: {case['contender']} at or under adapter.js", case["ratio"] <= 1.0, f"{case['ratio']:.2f}×"))
    return out


def setup_steps_table(run):
    """The setup case step by step (median ms of each step), for the contenders that time them."""
    case = next((c for c in run["cases"] if c["id"] == "setup"), None)
    timed = [r for r in (case or {}).get("rows", []) if r.get("steps")]
    if not timed:
        return []
    names = [name for name, _ in timed[0]["steps"]]
    lines = ["**setup step by step** — median ms of each step", "",
             "| contender | " + " | ".join(names) + " |", "|---|" + "---:|" * len(names)]
    lines += [f"| {r['contender']} | " + " | ".join(f"{ms:.2f}" for _, ms in r["steps"]) + " |" for r in timed]
    return lines + [""]


def browser_markdown(run):
    """The Markdown section of one browser's run."""
    env = run["environment"]
    cases = [c for c in run["cases"] if c["id"] not in ("shim", "bundle")]
    contenders = []
    for case in cases:
        for r in case["rows"]:
            if r["contender"] not in contenders:
                contenders.append(r["contender"])
    lines = [f"### {run['browser']} {run['version']} — {run['date']}", "",
             f"Headless, {run['cpus']} cores; crossOriginIsolated: {str(env['crossOriginIsolated']).lower()}, "
             f"timer resolution {env['timerResolutionUs']} µs, sctp.maxMessageSize {env.get('maxMessageSize')}"
             + (" — **QUICK run (BENCH_QUICK=1): small sizes, 1 round; not for figures**" if env.get("quick") else ""), ""]
    lines += matrix_table(cases, contenders) + [""]
    lines += setup_steps_table(run)
    for case in run["cases"]:
        if case["id"] in ("shim", "bundle"):
            lines += case_table(case)
            if case["id"] == "shim":
                lines += ["| contender | import ms | instantiate ms | install ms | probes settle ms |", "|---|---:|---:|---:|---:|"]
                lines += [f"| {r['contender']} | {r['importMs']:.1f} | {r['instantiateMs']:.1f} | {r['installMs']:.2f} | {r.get('settleMs', 0):.2f} |"
                          for r in case["rows"]] + [""]
    lines.append("Targets (printed, never fatal):")
    lines.append("")
    for what, met, detail in targets(run):
        mark = "n/a" if met is None else ("met" if met else "**missed**")
        lines.append(f"- {what}: {mark} ({detail})")
    return "\n".join(lines) + "\n"


def markdown(runs):
    """The whole results document."""
    head = ["## Benchmark results", "",
            "Generated by `npm run bench` (bench/run.py). Median of interleaved rounds; `·` ratio to raw JS "
            "(shim and bundle: to adapter.js).", "", ""]
    return "\n".join(head) + "\n".join(browser_markdown(run) for run in runs)

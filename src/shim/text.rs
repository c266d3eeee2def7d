//! Text exactly as Rust's `f64` `FromStr` and `Display` and `str`'s `Debug` make it, without
//! linking core's float parsing and formatting and `Debug` for `str` into the shim-only wasm:
//! with them it is 47 KB larger (25 KB gzip), more than half again (measured).
//!
//! The text handling is Rust; the one step that needs an arbitrary-precision algorithm — the
//! correctly rounded conversion between decimal text and a double — is the JavaScript engine's,
//! which IEEE 754 makes give the same result as Rust's: `parseFloat` for text that Rust's grammar
//! accepts, and `Number.prototype.toString` (the shortest digits that read back to the same
//! double, as Rust's `Display` prints) laid out the way Rust lays them out. Native builds (the
//! unit tests) use Rust's own conversions for that step.

/// `format!("{text:?}")`: quoted, with `"`, `\\`, control, unprintable and combining characters
/// escaped as Rust's `Debug` for `str` escapes them.
pub(crate) fn debug_str(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        // `char::escape_debug` is `str`'s escaping, except that `str` leaves `'` alone.
        if c == '\'' {
            out.push(c);
        } else {
            out.extend(c.escape_debug());
        }
    }
    out.push('"');
    out
}

/// `text.parse::<f64>().ok()`.
pub(crate) fn parse_f64(text: &str) -> Option<f64> {
    let (negative, unsigned) = match (text.strip_prefix('-'), text.strip_prefix('+')) {
        (Some(rest), _) => (true, rest),
        (None, Some(rest)) => (false, rest),
        (None, None) => (false, text),
    };
    let signed = |x: f64| if negative { -x } else { x };
    if unsigned.eq_ignore_ascii_case("inf") || unsigned.eq_ignore_ascii_case("infinity") {
        return Some(signed(f64::INFINITY));
    }
    if unsigned.eq_ignore_ascii_case("nan") {
        return Some(signed(f64::NAN));
    }
    // Up to 15 digits is exact in a double: no rounding to get right.
    if !unsigned.is_empty() && unsigned.len() <= 15 && unsigned.bytes().all(|b| b.is_ascii_digit())
    {
        return Some(signed(
            unsigned
                .bytes()
                .fold(0u64, |n, b| n * 10 + u64::from(b - b'0')) as f64,
        ));
    }
    is_decimal_literal(unsigned).then(|| correctly_rounded(text))
}

/// Rust's grammar for a number without its sign: `(Digit+ | Digit+ '.' Digit* | Digit* '.' Digit+)
/// (('e' | 'E') Sign? Digit+)?`.
fn is_decimal_literal(text: &str) -> bool {
    let bytes = text.as_bytes();
    let digits = |from: usize| {
        bytes
            .get(from..)
            .unwrap_or_default()
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count()
    };
    let integer = digits(0);
    let mut at = integer;
    let mut fraction = 0;
    if bytes.get(at) == Some(&b'.') {
        fraction = digits(at + 1);
        at += 1 + fraction;
    }
    if integer + fraction == 0 {
        return false;
    }
    if matches!(bytes.get(at), Some(b'e' | b'E')) {
        at += 1;
        if matches!(bytes.get(at), Some(b'+' | b'-')) {
            at += 1;
        }
        let exponent = digits(at);
        if exponent == 0 {
            return false;
        }
        at += exponent;
    }
    at == bytes.len()
}

/// The double nearest to a decimal literal Rust's grammar accepts (signed).
#[cfg(target_arch = "wasm32")]
fn correctly_rounded(literal: &str) -> f64 {
    // parseFloat reads the same grammar (a leading `+`, `1.`, `.5`, `1e5` included) and rounds to
    // nearest, as Rust does.
    js_sys::parse_float(literal)
}

#[cfg(not(target_arch = "wasm32"))]
fn correctly_rounded(literal: &str) -> f64 {
    literal.parse().unwrap_or(f64::NAN)
}

/// `format!("{x}")`.
pub(crate) fn display_f64(x: f64) -> String {
    let sign = if x.is_sign_negative() && !x.is_nan() {
        "-"
    } else {
        ""
    };
    if x.is_nan() {
        return "NaN".to_owned();
    }
    if x.is_infinite() {
        return String::from(sign) + "inf";
    }
    if x == 0.0 {
        return String::from(sign) + "0";
    }
    rust_layout(sign, &shortest(x.abs()), x.abs())
}

/// JavaScript's `String(x)` for a finite `x > 0`: the shortest digits that read back to `x`.
#[cfg(target_arch = "wasm32")]
fn shortest(x: f64) -> String {
    js_sys::Number::from(x)
        .to_string_with_radix(10)
        .map(String::from)
        .unwrap_or_default()
}

#[cfg(not(target_arch = "wasm32"))]
fn shortest(x: f64) -> String {
    // Native builds (tests) have no JavaScript engine; Rust's shortest digits in its exponent form.
    format!("{x:e}")
}

/// `sign` and the shortest digits of `x > 0`, given as JavaScript writes them (`123.45`,
/// `0.000123`, `1.2345e+25`, `1e-7`), laid out as Rust's `Display` writes them: no exponent, and
/// an exact tie between two shortest candidates rounded up, as Rust's algorithm rounds it, not to
/// the even one, as JavaScript's does.
fn rust_layout(sign: &str, js: &str, x: f64) -> String {
    let (mantissa, exponent) = js.split_once('e').unwrap_or((js, "0"));
    let exponent = exponent.strip_prefix('+').unwrap_or(exponent);
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    // The significant digits, and the power of ten of the last one.
    let mut digits: Vec<u8> = whole
        .bytes()
        .chain(fraction.bytes())
        .skip_while(|b| *b == b'0')
        .collect();
    let mut last = parse_i32(exponent) - fraction.len() as i32;
    while digits.len() > 1 && digits.last() == Some(&b'0') {
        digits.pop();
        last += 1;
    }
    let ends_even = digits.last().is_some_and(|d| (d - b'0') % 2 == 0);
    let halfway = digits.iter().try_fold(0u64, |n, d| {
        n.checked_mul(10)?.checked_add(u64::from(d - b'0'))
    });
    if ends_even
        && halfway
            .and_then(|n| n.checked_mul(10)?.checked_add(5))
            .is_some_and(|n| equals(x, n, last - 1))
    {
        // Halfway to the next candidate: JavaScript kept the even digit, Rust rounds up (an even
        // digit is at most 8, so nothing carries).
        if let Some(d) = digits.last_mut() {
            *d += 1;
        }
    }
    let mut out = String::from(sign);
    let digits: String = digits.iter().map(|&d| char::from(d)).collect();
    let point = digits.len() as i32 + last; // digits before the decimal point
    if last >= 0 {
        out.push_str(&digits);
        out.extend(std::iter::repeat('0').take(last as usize));
    } else if point <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat('0').take(point.unsigned_abs() as usize));
        out.push_str(&digits);
    } else {
        let (whole, fraction) = digits
            .split_at_checked(point as usize)
            .unwrap_or((&digits, ""));
        out.push_str(whole);
        out.push('.');
        out.push_str(fraction);
    }
    out
}

fn parse_i32(text: &str) -> i32 {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(digits) => (true, digits),
        None => (false, text),
    };
    let magnitude = digits.bytes().fold(0i32, |n, b| {
        n.saturating_mul(10)
            .saturating_add(i32::from(b.wrapping_sub(b'0')))
    });
    if negative {
        -magnitude
    } else {
        magnitude
    }
}

/// Whether the double `x > 0` is exactly `digits × 10^exponent`, in integer arithmetic: both as
/// an odd number times a power of two.
fn equals(x: f64, digits: u64, exponent: i32) -> bool {
    let bits = x.to_bits();
    let (biased, fraction) = ((bits >> 52) & 0x7ff, bits & ((1 << 52) - 1));
    let (mantissa, power) = if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | 1 << 52, biased as i32 - 1075)
    };
    // digits × 10^exponent = digits × 5^exponent × 2^exponent. The odd part of a double has at
    // most 53 bits, so one that does not fit in 64 cannot be equal.
    let five = 5u64.checked_pow(exponent.unsigned_abs());
    let odd = match five {
        Some(f) if exponent >= 0 => digits.checked_mul(f),
        Some(f) if digits % f == 0 => Some(digits / f),
        _ => None,
    };
    let normal = |n: u64, power: i32| (n >> n.trailing_zeros(), power + n.trailing_zeros() as i32);
    odd.is_some_and(|odd| odd != 0 && normal(odd, exponent) == normal(mantissa, power))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_as_rust_debug_does() {
        for text in [
            "",
            "plain",
            "a\"b\\c\n\t\r\0",
            "it's",
            "é\u{301}\u{200b}\u{7f}\u{1b}🦀",
            "candidate:1 1 udp",
        ] {
            assert_eq!(debug_str(text), format!("{text:?}"));
        }
    }

    #[test]
    fn parses_as_rust_does() {
        for text in [
            "0",
            "-0",
            "+0",
            "262144",
            "65536",
            "007",
            "123456789012345",
            "1234567890123456789012",
            "1.5",
            "-1.5",
            "1.",
            ".5",
            "-.5",
            "1e5",
            "1E5",
            "1e+5",
            "1e-5",
            "1.e5",
            "1.5e300",
            "1e400",
            "1e-400",
            "inf",
            "-inf",
            "+Infinity",
            "INF",
            "nan",
            "NaN",
            "-nan",
            "",
            "-",
            "+",
            ".",
            "e5",
            "1e",
            "1e+",
            ".e5",
            "1.2.3",
            " 1",
            "1 ",
            "0x10",
            "1_000",
            "infinit",
            "١",
            "9007199254740993",
            "0.1",
            "2.2250738585072014e-308",
        ] {
            let ours = parse_f64(text);
            let rust = text.parse::<f64>().ok();
            assert_eq!(ours.map(f64::to_bits), rust.map(f64::to_bits), "{text:?}");
        }
    }

    #[test]
    #[allow(clippy::excessive_precision, reason = "the ties are written exactly")]
    fn lays_out_javascript_numbers_as_rust_displays_them() {
        for (js, x) in [
            ("1", 1.0),
            ("65536", 65536.0),
            ("1.5", 1.5),
            ("1e+21", 1e21),
            ("1.2345e+25", 1.2345e25),
            ("1e-7", 1e-7),
            ("1.5e-7", 1.5e-7),
            ("0.000001", 0.000001),
            ("0.1", 0.1),
            ("5e-324", 5e-324),
            ("1.7976931348623157e+308", f64::MAX),
            ("123456789012345680000", 123456789012345680000.0),
            // Exact ties, where JavaScript rounds to even and Rust up (written exactly on purpose).
            ("84418043664819.12", 84418043664819.125),
            ("3091651018847.0312", 3091651018847.03125),
            ("244482491501311.62", 244482491501311.625),
        ] {
            assert_eq!(rust_layout("", js, x), format!("{x}"), "{js}");
        }
        for x in [
            0.0,
            -0.0,
            1.0,
            -1.5,
            1e21,
            1.5e-7,
            123.456,
            84418043664819.125,
            f64::NAN,
            f64::INFINITY,
            -f64::INFINITY,
        ] {
            assert_eq!(display_f64(x), format!("{x}"));
        }
    }
}

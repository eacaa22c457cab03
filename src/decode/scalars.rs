//! Parsing of the textual value types the spec language uses.

use crate::diagnostic::shown;
use crate::model::Agent;
use std::net::Ipv4Addr;

pub fn parse_ipv4(text: &str) -> Option<Ipv4Addr> {
    text.parse().ok()
}

/// Parses `10.0.0.0/24`, refusing host bits so the intent is unambiguous.
pub fn parse_subnet(text: &str) -> Result<(Ipv4Addr, u8), String> {
    let (address, prefix) = text
        .split_once('/')
        .ok_or_else(|| "expected a CIDR such as `10.0.0.0/24`".to_string())?;
    let address = parse_ipv4(address)
        .ok_or_else(|| format!("`{}` is not an IPv4 address", shown(address)))?;
    let prefix: u8 = prefix
        .parse()
        .ok()
        .filter(|p| (8..=30).contains(p))
        .ok_or_else(|| format!("prefix `/{prefix}` must be between /8 and /30"))?;
    let mask = u32::MAX << (32 - u32::from(prefix));
    if u32::from(address) & !mask != 0 {
        let network = Ipv4Addr::from(u32::from(address) & mask);
        return Err(format!(
            "host bits are set; the network is `{network}/{prefix}`"
        ));
    }
    Ok((address, prefix))
}

/// Parses a Pacemaker duration into milliseconds: `10s`, `500ms`, `1min`, `2h`, `30`, `PT1M30S`.
/// Spaces are refused: an operation's interval as written is part of its CIB id.
pub fn parse_duration(text: &str) -> Option<u64> {
    if let Some(iso) = text.strip_prefix('P') {
        return parse_iso_duration(iso);
    }
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: u64 = number.parse().ok()?;
    let factor = match unit {
        "" | "s" | "sec" => 1000,
        "ms" | "msec" => 1,
        "us" | "usec" => return Some(number / 1000),
        "m" | "min" => 60_000,
        "h" | "hr" => 3_600_000,
        _ => return None,
    };
    number.checked_mul(factor)
}

/// An ISO 8601 duration after its `P`, as Pacemaker reads one: weeks and days before `T`,
/// hours, minutes and seconds after it; hours and seconds before `T` too (`P10S`, which
/// Pacemaker takes), but not minutes, since `M` before `T` means months, which have no fixed
/// length.
fn parse_iso_duration(mut text: &str) -> Option<u64> {
    let mut total: u64 = 0;
    let mut time = false;
    let mut parts = 0;
    while !text.is_empty() {
        if let Some(rest) = text.strip_prefix('T').filter(|_| !time) {
            time = true;
            text = rest;
            continue;
        }
        let split = text.find(|c: char| !c.is_ascii_digit())?;
        let number: u64 = text[..split].parse().ok()?;
        let factor = match text[split..].chars().next()? {
            'W' if !time => 7 * 86_400_000,
            'D' if !time => 86_400_000,
            'H' => 3_600_000,
            'M' if time => 60_000,
            'S' => 1000,
            _ => return None,
        };
        total = total.checked_add(number.checked_mul(factor)?)?;
        text = &text[split + 1..];
        parts += 1;
    }
    (parts > 0).then_some(total)
}

const AGENT_CLASSES: &[&str] = &["ocf", "systemd", "lsb", "service", "stonith"];

pub fn parse_agent(text: &str) -> Result<Agent, String> {
    let (class, provider, kind) = agent_parts(text)?;
    Ok(Agent {
        class: class.into(),
        provider: provider.map(Into::into),
        kind: kind.into(),
    })
}

/// An agent's class, provider and type, borrowed: checking an agent allocates nothing. The
/// type of a fencing or LSB agent may hold `/`: Pacemaker runs `stonith:external/ssh` and LSB
/// scripts given by path (`lsb:/usr/lib/heartbeat/cts/LSBDummy`). An OCF agent by path is
/// not taken: crmsh reads `ocf:/path` as an agent of provider `heartbeat`, and refuses
/// `ocf:heartbeat:/path` (`crm_verify` takes it) in its own syntax and its `xml` form alike,
/// since it finds no metadata for it.
pub fn agent_parts(text: &str) -> Result<(&str, Option<&str>, &str), String> {
    let good = |p: &str, extra: &[u8]| {
        !p.is_empty()
            && p.bytes()
                .all(|c| c.is_ascii_alphanumeric() || b"-_.@".contains(&c) || extra.contains(&c))
    };
    let parts: Vec<&str> = text.split(':').collect();
    let (last, first) = parts.split_last().unwrap_or((&"", &[]));
    let path_ok: &[u8] = match first {
        [class] if matches!(*class, "stonith" | "lsb") => b"/",
        _ => b"",
    };
    if matches!(first, ["ocf", _]) && last.starts_with('/') && good(last, b"/") {
        return Err("an OCF agent by path, which crmsh cannot load".into());
    }
    if !first.iter().all(|p| good(p, b"")) || !good(last, path_ok) {
        return Err("each part must be a non-empty name".into());
    }
    let mut parts = text.split(':');
    let class = parts.next().unwrap_or_default();
    // The second and third parts, and whether there are more.
    let rest = (parts.next(), parts.next(), parts.next().is_some());
    match (class, rest) {
        ("ocf", (Some(provider), Some(kind), false)) => Ok(("ocf", Some(provider), kind)),
        ("ocf", (Some(_), None, _)) => {
            Err("OCF agents need a provider: `ocf:provider:type`".into())
        }
        (class, (Some(kind), None, _)) if AGENT_CLASSES.contains(&class) => Ok((class, None, kind)),
        (class, _) if !AGENT_CLASSES.contains(&class) => {
            Err(format!("unknown agent class `{}`", shown(class)))
        }
        _ => Err("expected `class:provider:type` or `class:type`".into()),
    }
}

/// Pacemaker ids are XML NCNames (ASCII subset).
pub fn is_xml_id(text: &str) -> bool {
    let mut chars = text.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(crate::limits::names::is_word_char)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("10s"), Some(10_000));
        assert_eq!(parse_duration("1min"), Some(60_000));
        assert_eq!(parse_duration("500ms"), Some(500));
        assert_eq!(parse_duration("30"), Some(30_000));
        assert_eq!(parse_duration("PT1M30S"), Some(90_000));
    }

    #[test]
    fn iso_durations_as_pacemaker_reads_them() {
        assert_eq!(parse_duration("P10S"), Some(10_000));
        assert_eq!(parse_duration("P1H"), Some(3_600_000));
        assert_eq!(parse_duration("P1DT2M"), Some(86_520_000));
        assert_eq!(parse_duration("P1W"), Some(604_800_000));
        // `M` before `T` is months; `T` comes once, and a duration has a part.
        assert_eq!(parse_duration("P1M"), None);
        assert_eq!(parse_duration("PT1D"), None);
        assert_eq!(parse_duration("PT1HT2M"), None);
        assert_eq!(parse_duration("P"), None);
        assert_eq!(parse_duration("PT"), None);
        assert_eq!(parse_duration("P10"), None);
        assert_eq!(parse_duration("10 parsecs"), None);
        assert_eq!(parse_duration("10 s"), None);
        assert_eq!(parse_duration(" 10s"), None);
        assert_eq!(parse_duration("s"), None);
        assert_eq!(parse_duration("99999999999999999999h"), None);
    }

    #[test]
    fn subnets() {
        assert_eq!(
            parse_subnet("10.0.0.0/24"),
            Ok(("10.0.0.0".parse().unwrap(), 24))
        );
        assert!(
            parse_subnet("10.0.0.1/24")
                .unwrap_err()
                .contains("10.0.0.0/24")
        );
        assert!(parse_subnet("10.0.0.0").is_err());
        assert!(parse_subnet("10.0.0.0/33").is_err());
    }

    #[test]
    fn agents_and_ids() {
        assert_eq!(
            parse_agent("ocf:heartbeat:IPaddr2").unwrap().to_string(),
            "ocf:heartbeat:IPaddr2"
        );
        assert_eq!(parse_agent("systemd:nginx").unwrap().provider, None);
        assert!(parse_agent("ocf:anything").is_err());
        assert_eq!(
            parse_agent("ocf:heartbeat:/usr/lib/heartbeat/cts/OCFMSDummy").unwrap_err(),
            "an OCF agent by path, which crmsh cannot load"
        );
        assert!(parse_agent("foo:bar").is_err());
        for by_path in [
            "stonith:external/ssh",
            "lsb:/usr/lib/heartbeat/cts/LSBDummy",
        ] {
            let agent = parse_agent(by_path).unwrap();
            assert_eq!(agent.provider, None);
            assert_eq!(agent.to_string(), by_path);
        }
        for bad in [
            "ocf:heart/beat:Dummy",
            "ocf:heartbeat:a/b",
            "ocf:/usr/lib/heartbeat/cts/OCFMSDummy",
            "systemd:a/b",
            "lsb/x:y",
        ] {
            assert!(parse_agent(bad).is_err(), "{bad}");
        }
        let errors = [
            (
                "ocf:heartbeat",
                "OCF agents need a provider: `ocf:provider:type`",
            ),
            ("ocf::x", "each part must be a non-empty name"),
            (
                "ocf:a:b:c",
                "expected `class:provider:type` or `class:type`",
            ),
            (
                "systemd:a:b",
                "expected `class:provider:type` or `class:type`",
            ),
            ("systemd", "expected `class:provider:type` or `class:type`"),
            ("ocf", "expected `class:provider:type` or `class:type`"),
            ("foo", "unknown agent class `foo`"),
            ("foo:a:b", "unknown agent class `foo`"),
            ("ocf:h\u{e9}:x", "each part must be a non-empty name"),
        ];
        for (text, why) in errors {
            assert_eq!(parse_agent(text).unwrap_err(), why, "{text}");
        }
        assert!(is_xml_id("flask-api.clone_1"));
        assert!(!is_xml_id("1abc"));
        assert!(!is_xml_id("a b"));
        assert!(!is_xml_id(""));
    }
}

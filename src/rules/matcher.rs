//! Which rule files apply to a document: each source file's `[match]` conditions, compiled
//! once, and one matcher for the whole set so that the cost of matching does not grow with
//! the number of files.
//!
//! A file applies when any one of its conditions holds: the URL's host is one of its
//! `domains` (or a subdomain), the URL fits one of its `urls` globs, the input path fits one
//! of its `paths` globs, the text contains one of its `contains` strings or matches one of
//! its `regex`es. The text conditions of all files are searched in one pass (an
//! Aho-Corasick automaton for the strings, a `RegexSet` for the regexes). Nothing here
//! reads files or knows what the rules do.

use aho_corasick::{AhoCorasick, MatchKind};
use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use regex::{Regex, RegexSet};
use toml::Spanned;

use crate::rules::model::MatchSpec;

/// What a `[match]` table looks at: the document's normalized text, and its URL and input
/// path when they are known.
#[derive(Debug, Clone, Copy, Default)]
pub struct Subject<'a> {
    /// The normalized text, lines joined with `\n`.
    pub text: &'a str,
    /// The page URL, when the input came with one.
    pub url: Option<&'a str>,
    /// The input path as given, when the input is a file.
    pub path: Option<&'a str>,
}

/// One file's compiled `[match]` table.
#[derive(Debug, Clone, Default)]
pub struct Signature {
    /// Lowercase host names; a subdomain matches too.
    pub domains: Vec<String>,
    /// The `urls` globs as written, and compiled.
    pub url_globs: Vec<String>,
    urls: Option<GlobSet>,
    /// The `paths` globs as written, and compiled.
    pub path_globs: Vec<String>,
    paths: Option<GlobSet>,
    /// Normalized literal strings.
    pub contains: Vec<String>,
    /// Multi-line regexes.
    pub regexes: Vec<Regex>,
}

impl Signature {
    /// Whether the signature holds for `subject`. The whole-set [`FileMatcher`] gives the
    /// same answer for every file at once; this is for one file on its own.
    pub fn matches(&self, subject: &Subject<'_>) -> bool {
        self.matches_url_or_path(subject)
            || self
                .contains
                .iter()
                .any(|needle| subject.text.contains(needle.as_str()))
            || self.regexes.iter().any(|re| re.is_match(subject.text))
    }

    fn matches_url_or_path(&self, subject: &Subject<'_>) -> bool {
        let url = subject.url.filter(|u| !u.is_empty());
        if let Some(url) = url {
            if let Some(host) = url_host(url) {
                if self.domains.iter().any(|d| host_is_on(&host, d)) {
                    return true;
                }
            }
            if self.urls.as_ref().is_some_and(|g| g.is_match(url)) {
                return true;
            }
        }
        subject
            .path
            .is_some_and(|p| self.paths.as_ref().is_some_and(|g| g.is_match(p)))
    }
}

/// A problem in a `[match]` table: the span of the offending value and what is wrong.
pub type SpanError = (std::ops::Range<usize>, String);

/// Compiles a `[match]` table. `normalize` turns a `contains` string into the form the
/// normalized text has; `regex` compiles a regex the way the rest of the file does.
pub fn compile_signature(
    spec: &MatchSpec,
    normalize: impl Fn(&str) -> String,
    regex: impl Fn(&Spanned<String>) -> Result<Regex, SpanError>,
) -> Result<Signature, SpanError> {
    let mut signature = Signature::default();
    for domain in &spec.domains {
        signature.domains.push(checked_domain(domain)?);
    }
    (signature.url_globs, signature.urls) = glob_set(&spec.urls, false)?;
    (signature.path_globs, signature.paths) = glob_set(&spec.paths, true)?;
    for re in &spec.regex {
        let compiled = regex(re)?;
        if compiled.is_match("") {
            let msg = "this regex matches an empty text, so the file would apply to every document";
            return Err((re.span(), msg.into()));
        }
        signature.regexes.push(compiled);
    }
    for needle in &spec.contains {
        if needle.get_ref().contains(['\n', '\r']) {
            let msg = "a `contains` string is matched within lines: it cannot hold a line break (use `regex` to match across lines)";
            return Err((needle.span(), msg.into()));
        }
        let normalized = normalize(needle.get_ref());
        if normalized.is_empty() {
            let msg = "an empty `contains` string would make the file apply to every document";
            return Err((needle.span(), msg.into()));
        }
        signature.contains.push(normalized);
    }
    Ok(signature)
}

/// A domain as written in `domains`: a bare host name, compared in lowercase.
fn checked_domain(domain: &Spanned<String>) -> Result<String, SpanError> {
    let text = domain.get_ref().trim().to_lowercase();
    let bare = !text.is_empty()
        && text.contains('.')
        && !text.starts_with('.')
        && !text.ends_with('.')
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '.');
    if bare {
        Ok(text)
    } else {
        let msg = format!(
            "`{}` is not a domain: write the host name alone, e.g. \"example.com\" (it matches www.example.com too); use `urls` for URL patterns",
            domain.get_ref()
        );
        Err((domain.span(), msg))
    }
}

/// Compiles glob patterns; `literal_separator` makes `*` stop at `/` (paths) or not (URLs).
fn glob_set(
    globs: &[Spanned<String>],
    literal_separator: bool,
) -> Result<(Vec<String>, Option<GlobSet>), SpanError> {
    if globs.is_empty() {
        return Ok((Vec::new(), None));
    }
    let mut builder = GlobSetBuilder::new();
    for glob in globs {
        let compiled = GlobBuilder::new(glob.get_ref())
            .literal_separator(literal_separator)
            .backslash_escape(true)
            .build()
            .map_err(|e| (glob.span(), format!("invalid glob: {}", e.kind())))?;
        builder.add(compiled);
    }
    let set = builder
        .build()
        .map_err(|e| (globs[0].span(), format!("invalid glob: {e}")))?;
    let written = globs.iter().map(|g| g.get_ref().clone()).collect();
    Ok((written, Some(set)))
}

/// The lowercase host of a URL (`https://user@www.Example.com:8080/a` -> `www.example.com`);
/// a URL without a scheme is read as starting with the host.
pub fn url_host(url: &str) -> Option<String> {
    // A scheme only where `://` comes before any path, query or fragment: in
    // `rt.com/r?to=https://x.org` the host is rt.com. A backslash ends the host as in
    // browsers.
    let ends = |c: char| matches!(c, '/' | '?' | '#' | '\\');
    let rest = match url.split_once("://") {
        Some((scheme, rest)) if !scheme.contains(ends) => rest,
        _ => url,
    };
    let authority = rest.split(ends).next()?;
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if let Some(v6) = host_port.strip_prefix('[') {
        v6.split(']').next()?
    } else {
        host_port.split(':').next()?
    };
    let host = host.trim_end_matches('.').to_lowercase();
    (!host.is_empty()).then_some(host)
}

/// Whether `host` is `domain` or one of its subdomains.
fn host_is_on(host: &str, domain: &str) -> bool {
    host == domain
        || host
            .strip_suffix(domain)
            .is_some_and(|prefix| prefix.ends_with('.'))
}

/// Every file's signature, searched together: one pass over the text whatever the number
/// of files.
#[derive(Debug, Clone)]
pub struct FileMatcher {
    /// Per file (in rule-set order): its signature, if it has one.
    signatures: Vec<Option<Signature>>,
    /// All `contains` strings, each once; pattern `i` is `needles[i]`, which belongs to the
    /// files `needle_files[i]`.
    contains: Option<AhoCorasick>,
    needles: Vec<String>,
    needle_files: Vec<Vec<usize>>,
    /// Needles an occurrence of another needle can overlap: the fast non-overlapping search
    /// may step over them, so they are also looked for on their own.
    overlapping: Vec<usize>,
    /// All `[match]` regexes; pattern `i` belongs to file `regex_file[i]`.
    regexes: Option<RegexSet>,
    regex_file: Vec<usize>,
}

impl FileMatcher {
    /// Builds the matcher over the signatures of a rule set's files, in order.
    pub fn new(signatures: Vec<Option<Signature>>) -> FileMatcher {
        let mut needles: Vec<String> = Vec::new();
        let mut needle_files: Vec<Vec<usize>> = Vec::new();
        let mut patterns = Vec::new();
        let mut regex_file = Vec::new();
        for (file, signature) in signatures.iter().enumerate() {
            let Some(signature) = signature else { continue };
            for needle in &signature.contains {
                match needles.iter().position(|n| n == needle) {
                    Some(i) => needle_files[i].push(file),
                    None => {
                        needles.push(needle.clone());
                        needle_files.push(vec![file]);
                    }
                }
            }
            for re in &signature.regexes {
                patterns.push(re.as_str());
                regex_file.push(file);
            }
        }
        let contains = (!needles.is_empty()).then(|| {
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostFirst)
                .build(&needles)
                .expect("a few thousand short needles fit an automaton")
        });
        let overlapping = (0..needles.len())
            .filter(|&i| {
                (0..needles.len()).any(|j| j != i && can_overlap(&needles[i], &needles[j]))
            })
            .collect();
        // A set too large to compile leaves the regexes to be tried one by one.
        let regexes = (!patterns.is_empty())
            .then(|| {
                regex::RegexSetBuilder::new(&patterns)
                    .multi_line(true)
                    .size_limit(64 << 20)
                    .build()
                    .ok()
            })
            .flatten();
        FileMatcher {
            signatures,
            contains,
            needles,
            needle_files,
            overlapping,
            regexes,
            regex_file,
        }
    }

    /// For each file, whether its signature holds (`false` for files without one).
    pub fn matching(&self, subject: &Subject<'_>) -> Vec<bool> {
        let mut hit: Vec<bool> = self
            .signatures
            .iter()
            .map(|s| s.as_ref().is_some_and(|s| s.matches_url_or_path(subject)))
            .collect();
        if let Some(ac) = &self.contains {
            for found in ac.find_iter(subject.text) {
                for &file in &self.needle_files[found.pattern().as_usize()] {
                    hit[file] = true;
                }
            }
            for &i in &self.overlapping {
                let files = &self.needle_files[i];
                if files.iter().any(|&f| !hit[f]) && subject.text.contains(&self.needles[i]) {
                    for &file in files {
                        hit[file] = true;
                    }
                }
            }
        }
        let pending = self.regex_file.iter().any(|&f| !hit[f]);
        match &self.regexes {
            Some(set) if pending => {
                for pattern in set.matches(subject.text).iter() {
                    hit[self.regex_file[pattern]] = true;
                }
            }
            None if pending => {
                for (file, signature) in self.signatures.iter().enumerate() {
                    let regexes = signature.iter().flat_map(|s| &s.regexes);
                    if !hit[file] && regexes.into_iter().any(|re| re.is_match(subject.text)) {
                        hit[file] = true;
                    }
                }
            }
            _ => {}
        }
        hit
    }
}

/// Whether an occurrence of `a` and one of `b` can share a byte: one holds the other, or
/// an end of one is a start of the other.
fn can_overlap(a: &str, b: &str) -> bool {
    if a.contains(b) || b.contains(a) {
        return true;
    }
    let shared_edge = |x: &str, y: &str| {
        (1..x.len().min(y.len())).any(|k| {
            x.is_char_boundary(x.len() - k) && y.is_char_boundary(k) && x[x.len() - k..] == y[..k]
        })
    };
    shared_edge(a, b) || shared_edge(b, a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_are_read_from_urls() {
        assert_eq!(
            url_host("https://user@WWW.Example.com:8080/a?b").as_deref(),
            Some("www.example.com")
        );
        assert_eq!(url_host("rt.com/news/1").as_deref(), Some("rt.com"));
        assert_eq!(url_host("http://[::1]:80/").as_deref(), Some("::1"));
        assert_eq!(url_host("https:///x"), None);
        let redirect = "rt.com/redirect?to=https://evil.org/x";
        assert_eq!(url_host(redirect).as_deref(), Some("rt.com"));
        assert_eq!(
            url_host("https://rt.com\\@evil.org/").as_deref(),
            Some("rt.com")
        );
    }

    #[test]
    fn a_domain_takes_its_subdomains_only() {
        assert!(host_is_on("www.rt.com", "rt.com"));
        assert!(host_is_on("rt.com", "rt.com"));
        assert!(!host_is_on("art.com", "rt.com"));
        assert!(!host_is_on("rt.com.evil.net", "rt.com"));
    }

    fn spanned(s: &str) -> Spanned<String> {
        toml::from_str::<std::collections::BTreeMap<String, Spanned<String>>>(&format!("v = '{s}'"))
            .unwrap()
            .remove("v")
            .unwrap()
    }

    fn signature(spec: MatchSpec) -> Result<Signature, SpanError> {
        compile_signature(
            &spec,
            |s| s.to_string(),
            |re| Regex::new(re.get_ref()).map_err(|e| (re.span(), e.to_string())),
        )
    }

    fn spec() -> MatchSpec {
        MatchSpec {
            domains: vec![],
            urls: vec![],
            paths: vec![],
            contains: vec![],
            regex: vec![],
        }
    }

    #[test]
    fn url_and_path_conditions_match() {
        let sig = signature(MatchSpec {
            domains: vec![spanned("rt.com")],
            urls: vec![spanned("https://example.org/news/*")],
            paths: vec![spanned("**/rt/*.txt")],
            ..spec()
        })
        .unwrap();
        let with = |url: Option<&'static str>, path: Option<&'static str>| Subject {
            text: "body",
            url,
            path,
        };
        assert!(sig.matches(&with(Some("https://www.rt.com/news/1"), None)));
        assert!(sig.matches(&with(Some("https://example.org/news/2024/a"), None)));
        assert!(sig.matches(&with(None, Some("crawl/rt/1.txt"))));
        assert!(!sig.matches(&with(None, Some("crawl/rt/sub/1.txt"))));
        assert!(!sig.matches(&with(Some("https://art.com/"), Some("x/1.txt"))));
    }

    #[test]
    fn bad_domains_and_globs_are_refused() {
        let err = signature(MatchSpec {
            domains: vec![spanned("https://rt.com/")],
            ..spec()
        })
        .unwrap_err();
        assert!(err.1.contains("not a domain"), "{}", err.1);
        let err = signature(MatchSpec {
            paths: vec![spanned("a/[b")],
            ..spec()
        })
        .unwrap_err();
        assert!(err.1.contains("invalid glob"), "{}", err.1);
    }

    #[test]
    fn the_set_matcher_agrees_with_each_signature() {
        let a = signature(MatchSpec {
            contains: vec![spanned("Example News"), spanned("News"), spanned("s today")],
            ..spec()
        })
        .unwrap();
        let b = signature(MatchSpec {
            regex: vec![spanned("(?m)^Leave a Reply$")],
            ..spec()
        })
        .unwrap();
        let c = signature(MatchSpec {
            domains: vec![spanned("rt.com")],
            ..spec()
        })
        .unwrap();
        let d = signature(MatchSpec {
            contains: vec![spanned("News")],
            ..spec()
        })
        .unwrap();
        let e = signature(MatchSpec {
            contains: vec![spanned("ws to")],
            ..spec()
        })
        .unwrap();
        let signatures = vec![None, Some(a), Some(b), Some(c), Some(d), Some(e)];
        let matcher = FileMatcher::new(signatures.clone());
        for (text, url) in [
            ("at Example News today", None),
            ("Example News to", None),
            ("x\nLeave a Reply\ny", Some("https://rt.com/a")),
            ("nothing here", Some("https://other.org/")),
            ("News\nLeave a Reply", None),
        ] {
            let subject = Subject {
                text,
                url,
                path: None,
            };
            let each: Vec<bool> = signatures
                .iter()
                .map(|s| s.as_ref().is_some_and(|s| s.matches(&subject)))
                .collect();
            assert_eq!(matcher.matching(&subject), each, "{text}");
        }
    }
}

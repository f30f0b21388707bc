//! The JavaScript regular expressions a matcher compiles to, parsed into a small syntax tree.
//!
//! The dialect is ECMAScript without flags (case-sensitive, not multiline, not unicode-aware),
//! which is how Next.js runs `new RegExp(matcher.regexp)`. Without the `u` flag both the pattern
//! and the text are sequences of UTF-16 code units: a `😀` written in the pattern is two literal
//! units (its surrogates, each an atom: `😀+` repeats the second one; in a class they are two
//! members), `\uD83D` is one unit, and every set (`.`, `[^…]`, `\S`, `\W`, `\D`) ranges over
//! units `0..=0xFFFF`, so it matches a lone half of a surrogate pair.
//!
//! Supported: alternation, groups (capturing, named with ASCII names, `(?:`), lookahead `(?=` /
//! `(?!`, quantifiers (`*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}` with counts up to [`MAX_REPEAT`],
//! lazy or not), classes, `.`, `\d\w\s` and their negations, `^`, `$`, `\b`, `\B`, and the
//! escapes `\t\n\v\f\r\0`, `\xHH`, `\uHHHH`, `\` before any other non-alphanumeric character,
//! `[\b]` and `[\-]`. Refused with a message, never guessed at: backreferences and octal
//! escapes, lookbehind, group modifiers, a name used for two groups (as V8 in Node 20), and
//! Annex B's lenient spellings V8 accepts without `u` — a lone `{`, `}` or `]`, quantified
//! lookaheads, `\c`, `\k`, `\p{…}` and other letter escapes, incomplete `\x` / `\u` escapes
//! and `\u{…}`, a class escape as a range bound (`[\w-z]`), non-ASCII group names. So a regex
//! that compiles here means what it means in V8 (`tests/matcher_diff.rs` checks both halves of
//! that sentence on thousands of random sources).

/// Nesting deeper than this is refused (the parser recurses once per level).
pub const MAX_DEPTH: usize = 32;
/// The largest count a `{n,m}` quantifier may use.
pub const MAX_REPEAT: u32 = 1000;

/// A set of UTF-16 code units as sorted, non-overlapping, non-adjacent inclusive ranges.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CharSet(Vec<(u32, u32)>);

/// Sets range over UTF-16 code units: without the `u` flag a JavaScript regex sees a string as
/// code units, so an astral character is two "characters" (its surrogates).
const MAX_CHAR: u32 = 0xFFFF;

impl CharSet {
    pub fn single(c: u32) -> CharSet {
        CharSet(vec![(c, c)])
    }

    fn from_ranges(ranges: &[(u32, u32)]) -> CharSet {
        let mut set = CharSet::default();
        for &range in ranges {
            set.add(range);
        }
        set
    }

    fn add(&mut self, (lo, hi): (u32, u32)) {
        self.0.push((lo, hi));
        self.0.sort_unstable();
        let mut merged: Vec<(u32, u32)> = Vec::with_capacity(self.0.len());
        for &(lo, hi) in &self.0 {
            match merged.last_mut() {
                Some(last) if lo <= last.1.saturating_add(1) => last.1 = last.1.max(hi),
                _ => merged.push((lo, hi)),
            }
        }
        self.0 = merged;
    }

    fn union(&mut self, other: &CharSet) {
        for &range in &other.0 {
            self.add(range);
        }
    }

    fn negated(&self) -> CharSet {
        let mut out = Vec::with_capacity(self.0.len() + 1);
        let mut next = 0u32;
        for &(lo, hi) in &self.0 {
            if lo > next {
                out.push((next, lo - 1));
            }
            next = hi.saturating_add(1);
        }
        if next <= MAX_CHAR {
            out.push((next, MAX_CHAR));
        }
        CharSet(out)
    }

    pub fn contains(&self, c: u32) -> bool {
        self.0
            .binary_search_by(|&(lo, hi)| {
                if hi < c {
                    std::cmp::Ordering::Less
                } else if lo > c {
                    std::cmp::Ordering::Greater
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            .is_ok()
    }

    fn digit() -> CharSet {
        CharSet::from_ranges(&[(0x30, 0x39)])
    }

    pub fn word() -> CharSet {
        CharSet::from_ranges(&[(0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A)])
    }

    /// ECMAScript `WhiteSpace` and `LineTerminator`.
    fn space() -> CharSet {
        CharSet::from_ranges(&[
            (0x09, 0x0D),
            (0x20, 0x20),
            (0xA0, 0xA0),
            (0x1680, 0x1680),
            (0x2000, 0x200A),
            (0x2028, 0x2029),
            (0x202F, 0x202F),
            (0x205F, 0x205F),
            (0x3000, 0x3000),
            (0xFEFF, 0xFEFF),
        ])
    }

    /// `.` without the `s` flag: anything but a line terminator.
    fn dot() -> CharSet {
        CharSet::from_ranges(&[(0x0A, 0x0A), (0x0D, 0x0D), (0x2028, 0x2029)]).negated()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Assertion {
    Start,
    End,
    WordBoundary,
    NotWordBoundary,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    Empty,
    Set(CharSet),
    Concat(Vec<Node>),
    Alt(Vec<Node>),
    Repeat {
        node: Box<Node>,
        min: u32,
        max: Option<u32>,
    },
    Assert(Assertion),
    Look {
        negate: bool,
        node: Box<Node>,
    },
}

/// Parses `pattern` (a JavaScript regex source, no flags). Positions in messages count UTF-16
/// code units.
pub fn parse(pattern: &str) -> Result<Node, String> {
    let mut parser = RegexParser {
        units: pattern.encode_utf16().collect(),
        pos: 0,
        names: Vec::new(),
    };
    let node = parser.disjunction(0)?;
    if parser.pos < parser.units.len() {
        return Err(parser.error("unmatched `)`"));
    }
    Ok(node)
}

/// Reads the pattern as UTF-16 code units, as JavaScript does without the `u` flag: an astral
/// character written as itself is two literal code units (its surrogates), each one atom.
struct RegexParser {
    units: Vec<u16>,
    /// In code units.
    pos: usize,
    /// The capture group names seen so far (JavaScript refuses a name used twice).
    names: Vec<String>,
}

/// What a class escape or atom escape stands for.
enum Escape {
    Char(u32),
    Set(CharSet),
    Assert(Assertion),
}

impl RegexParser {
    /// The code unit at `pos` as a `char` for the syntax (a surrogate, never syntax, reads as
    /// U+FFFD); [`unit`](Self::unit) has its value.
    fn peek(&self) -> Option<char> {
        self.peek_at(0)
    }

    fn peek_at(&self, offset: usize) -> Option<char> {
        self.units
            .get(self.pos + offset)
            .map(|&unit| char::from_u32(u32::from(unit)).unwrap_or(char::REPLACEMENT_CHARACTER))
    }

    /// The code unit before `pos` (the one just consumed), as a literal.
    fn last_unit(&self) -> u32 {
        u32::from(self.units[self.pos - 1])
    }

    fn looking_at(&self, text: &str) -> bool {
        text.chars()
            .enumerate()
            .all(|(i, c)| self.peek_at(i) == Some(c))
    }

    fn error(&self, message: &str) -> String {
        format!("regex: {message} at position {}", self.pos)
    }

    fn disjunction(&mut self, depth: usize) -> Result<Node, String> {
        if depth > MAX_DEPTH {
            return Err(self.error("groups nested too deeply"));
        }
        let mut alternatives = vec![self.alternative(depth)?];
        while self.peek() == Some('|') {
            self.pos += 1;
            alternatives.push(self.alternative(depth)?);
        }
        Ok(if alternatives.len() == 1 {
            alternatives.pop().unwrap_or(Node::Empty)
        } else {
            Node::Alt(alternatives)
        })
    }

    fn alternative(&mut self, depth: usize) -> Result<Node, String> {
        let mut terms = Vec::new();
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            terms.push(self.term(depth)?);
        }
        Ok(match terms.len() {
            0 => Node::Empty,
            1 => terms.pop().unwrap_or(Node::Empty),
            _ => Node::Concat(terms),
        })
    }

    fn term(&mut self, depth: usize) -> Result<Node, String> {
        let Some(c) = self.peek() else {
            return Err(self.error("unexpected end"));
        };
        let atom = match c {
            '^' => {
                self.pos += 1;
                return self.unquantified(Node::Assert(Assertion::Start));
            }
            '$' => {
                self.pos += 1;
                return self.unquantified(Node::Assert(Assertion::End));
            }
            '(' => {
                let group = self.group(depth)?;
                if matches!(group, Node::Look { .. }) {
                    return self.unquantified(group);
                }
                group
            }
            '[' => Node::Set(self.class()?),
            '.' => {
                self.pos += 1;
                Node::Set(CharSet::dot())
            }
            '\\' => {
                self.pos += 1;
                match self.escape(false)? {
                    Escape::Char(c) => Node::Set(CharSet::single(c)),
                    Escape::Set(set) => Node::Set(set),
                    Escape::Assert(assertion) => return self.unquantified(Node::Assert(assertion)),
                }
            }
            '*' | '+' | '?' => return Err(self.error("nothing to repeat")),
            '{' => {
                return Err(self.error(if self.quantifier_ahead() {
                    "nothing to repeat"
                } else {
                    "a literal `{` must be escaped (`\\{`)"
                }))
            }
            '}' | ']' => {
                return Err(self.error(&format!("a literal `{c}` must be escaped (`\\{c}`)")))
            }
            _ => {
                self.pos += 1;
                Node::Set(CharSet::single(self.last_unit()))
            }
        };
        self.quantified(atom)
    }

    /// Assertions can't be quantified (JavaScript: "Nothing to repeat"; Annex B's quantified
    /// lookaheads are refused too).
    fn unquantified(&mut self, node: Node) -> Result<Node, String> {
        match self.peek() {
            Some('*' | '+' | '?') => Err(self.error("an assertion can't be repeated")),
            Some('{') if self.quantifier_ahead() => {
                Err(self.error("an assertion can't be repeated"))
            }
            _ => Ok(node),
        }
    }

    fn quantifier_ahead(&self) -> bool {
        let mut i = 1;
        let digits = |i: &mut usize| {
            let start = *i;
            while self.peek_at(*i).is_some_and(|c| c.is_ascii_digit()) {
                *i += 1;
            }
            *i > start
        };
        if !digits(&mut i) {
            return false;
        }
        if self.peek_at(i) == Some(',') {
            i += 1;
            digits(&mut i);
        }
        self.peek_at(i) == Some('}')
    }

    fn quantified(&mut self, atom: Node) -> Result<Node, String> {
        let (min, max) = match self.peek() {
            Some('*') => (0, None),
            Some('+') => (1, None),
            Some('?') => (0, Some(1)),
            Some('{') if self.quantifier_ahead() => {
                self.pos += 1;
                let min = self.number()?;
                let max = if self.peek() == Some(',') {
                    self.pos += 1;
                    if self.peek() == Some('}') {
                        None
                    } else {
                        Some(self.number()?)
                    }
                } else {
                    Some(min)
                };
                if max.is_some_and(|max| max < min) {
                    return Err(self.error("numbers out of order in {} quantifier"));
                }
                // At the closing brace `quantifier_ahead` saw; skipped below.
                (min, max)
            }
            Some('{') => return Err(self.error("a literal `{` must be escaped (`\\{`)")),
            _ => return Ok(atom),
        };
        self.pos += 1;
        // Laziness changes which match is found, never whether one is.
        if self.peek() == Some('?') {
            self.pos += 1;
        }
        Ok(Node::Repeat {
            node: Box::new(atom),
            min,
            max,
        })
    }

    fn number(&mut self) -> Result<u32, String> {
        let mut value: u32 = 0;
        while let Some(d) = self.peek().and_then(|c| c.to_digit(10)) {
            value = value.saturating_mul(10).saturating_add(d);
            self.pos += 1;
        }
        if value > MAX_REPEAT {
            return Err(self.error(&format!(
                "repetition counts above {MAX_REPEAT} are not supported"
            )));
        }
        Ok(value)
    }

    fn group(&mut self, depth: usize) -> Result<Node, String> {
        let negate = if self.looking_at("(?=") {
            Some(false)
        } else if self.looking_at("(?!") {
            Some(true)
        } else {
            None
        };
        if self.looking_at("(?<=") || self.looking_at("(?<!") {
            return Err(self.error("lookbehind is not supported"));
        }
        if let Some(negate) = negate {
            self.pos += 3;
            let node = self.disjunction(depth + 1)?;
            self.close_group()?;
            return Ok(Node::Look {
                negate,
                node: Box::new(node),
            });
        }
        if self.looking_at("(?:") {
            self.pos += 3;
        } else if self.looking_at("(?<") {
            self.pos += 3;
            self.group_name()?;
        } else if self.looking_at("(?") {
            return Err(self.error("unsupported group syntax"));
        } else {
            self.pos += 1;
        }
        let node = self.disjunction(depth + 1)?;
        self.close_group()?;
        Ok(node)
    }

    fn group_name(&mut self) -> Result<(), String> {
        let start = self.pos;
        let mut name = String::new();
        while let Some(c) = self.peek() {
            if c == '>' {
                break;
            }
            let ok = c == '$'
                || c == '_'
                || c.is_ascii_alphabetic()
                || (self.pos > start && c.is_ascii_digit());
            if !ok {
                return Err(self.error("invalid capture group name"));
            }
            name.push(c);
            self.pos += 1;
        }
        if self.pos == start || self.peek() != Some('>') {
            return Err(self.error("invalid capture group name"));
        }
        if self.names.contains(&name) {
            return Err(self.error("duplicate capture group name"));
        }
        self.names.push(name);
        self.pos += 1;
        Ok(())
    }

    fn close_group(&mut self) -> Result<(), String> {
        if self.peek() != Some(')') {
            return Err(self.error("unterminated group"));
        }
        self.pos += 1;
        Ok(())
    }

    fn class(&mut self) -> Result<CharSet, String> {
        self.pos += 1;
        let negate = self.peek() == Some('^');
        if negate {
            self.pos += 1;
        }
        let mut set = CharSet::default();
        loop {
            let Some(c) = self.peek() else {
                return Err(self.error("unterminated character class"));
            };
            if c == ']' {
                self.pos += 1;
                break;
            }
            let first = self.class_atom()?;
            if self.peek() == Some('-') && self.peek_at(1).is_some_and(|c| c != ']') {
                self.pos += 1;
                let last = self.class_atom()?;
                let (Escape::Char(lo), Escape::Char(hi)) = (&first, &last) else {
                    return Err(self.error("a class escape can't bound a range"));
                };
                if lo > hi {
                    return Err(self.error("range out of order in character class"));
                }
                set.add((*lo, *hi));
                continue;
            }
            match first {
                Escape::Char(c) => set.add((c, c)),
                Escape::Set(other) => set.union(&other),
                Escape::Assert(_) => return Err(self.error("assertion in a class")),
            }
        }
        Ok(if negate { set.negated() } else { set })
    }

    fn class_atom(&mut self) -> Result<Escape, String> {
        let Some(c) = self.peek() else {
            return Err(self.error("unterminated character class"));
        };
        self.pos += 1;
        if c != '\\' {
            return Ok(Escape::Char(self.last_unit()));
        }
        match self.peek() {
            Some('b') => {
                self.pos += 1;
                Ok(Escape::Char(0x08))
            }
            Some('-') => {
                self.pos += 1;
                Ok(Escape::Char(u32::from('-')))
            }
            _ => self.escape(true),
        }
    }

    /// After a `\`.
    fn escape(&mut self, in_class: bool) -> Result<Escape, String> {
        let Some(c) = self.peek() else {
            return Err(self.error("`\\` at end of pattern"));
        };
        self.pos += 1;
        let char = |c: u32| Ok(Escape::Char(c));
        match c {
            'd' => Ok(Escape::Set(CharSet::digit())),
            'D' => Ok(Escape::Set(CharSet::digit().negated())),
            'w' => Ok(Escape::Set(CharSet::word())),
            'W' => Ok(Escape::Set(CharSet::word().negated())),
            's' => Ok(Escape::Set(CharSet::space())),
            'S' => Ok(Escape::Set(CharSet::space().negated())),
            'b' if !in_class => Ok(Escape::Assert(Assertion::WordBoundary)),
            'B' if !in_class => Ok(Escape::Assert(Assertion::NotWordBoundary)),
            'f' => char(0x0C),
            'n' => char(0x0A),
            'r' => char(0x0D),
            't' => char(0x09),
            'v' => char(0x0B),
            '0' if !self.peek().is_some_and(|c| c.is_ascii_digit()) => char(0),
            '0'..='9' => Err(self.error("backreferences and octal escapes are not supported")),
            'x' => self.hex(2).map(Escape::Char),
            'u' => self.hex(4).map(Escape::Char),
            c if c.is_ascii_alphanumeric() => {
                Err(self.error(&format!("unsupported escape `\\{c}`")))
            }
            _ => char(self.last_unit()),
        }
    }

    fn hex(&mut self, digits: usize) -> Result<u32, String> {
        let mut value = 0;
        for _ in 0..digits {
            let Some(d) = self.peek().and_then(|c| c.to_digit(16)) else {
                return Err(self.error("invalid hexadecimal escape"));
            };
            value = value * 16 + d;
            self.pos += 1;
        }
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_sets_merge_negate_and_look_up() {
        let mut set = CharSet::from_ranges(&[(10, 20), (21, 30), (50, 60)]);
        assert_eq!(set.0, vec![(10, 30), (50, 60)]);
        set.add((25, 55));
        assert_eq!(set.0, vec![(10, 60)]);
        assert_eq!(set.negated().0, vec![(0, 9), (61, MAX_CHAR)]);
        assert_eq!(CharSet::default().negated().0, vec![(0, MAX_CHAR)]);
        assert!(CharSet::word().contains(u32::from('_')));
        assert!(!CharSet::word().contains(u32::from('-')));
        assert!(!CharSet::dot().contains(0x0A));
        assert!(CharSet::dot().contains(u32::from('/')));
    }

    #[test]
    fn unsupported_or_ambiguous_syntax_is_refused_with_a_position() {
        for (pattern, message) in [
            ("(a)\\1", "backreferences"),
            ("(?<=a)b", "lookbehind"),
            ("a{", "literal `{`"),
            ("a}", "literal `}`"),
            ("]", "literal `]`"),
            ("*a", "nothing to repeat"),
            ("(?=a)*", "can't be repeated"),
            ("^*", "can't be repeated"),
            ("a{3,1}", "out of order"),
            ("a{1001}", "above 1000"),
            ("[z-a]", "out of order"),
            ("[\\w-z]", "class escape"),
            ("\\c", "unsupported escape"),
            ("\\k<a>", "unsupported escape"),
            ("(?i:a)", "unsupported group"),
            ("(a", "unterminated group"),
            ("a)", "unmatched"),
            ("[a", "unterminated character class"),
            ("\\", "end of pattern"),
            ("\\x4", "hexadecimal"),
            ("(?<a>x)(?<a>y)", "duplicate capture group name"),
            ("(?<a>x)|(?<a>y)", "duplicate capture group name"),
            ("(?<é>x)", "invalid capture group name"),
        ] {
            let err = parse(pattern).unwrap_err();
            assert!(err.contains(message), "{pattern}: {err}");
            assert!(err.contains("at position"), "{pattern}: {err}");
        }
        let deep = format!("{}a{}", "(?:".repeat(40), ")".repeat(40));
        assert!(parse(&deep).unwrap_err().contains("nested too deeply"));
    }
}

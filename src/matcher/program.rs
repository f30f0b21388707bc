//! A parsed regex compiled to a small NFA, and a matcher whose work is linear in the input:
//! `O(states × input length)` whatever the pattern and the input, so no path can make it
//! backtrack exponentially (the classic ReDoS of JavaScript's own engine).
//!
//! The input is a sequence of UTF-16 code units (what a JavaScript regex without the `u` flag
//! sees); "character" and "position" below mean code unit and code-unit index.
//!
//! - The main program runs as a Thompson simulation: the set of live states advances one
//!   character at a time; each state is visited at most once per position.
//! - A lookahead is a separate region of the program. The first time one is consulted, its
//!   answer for *every* position is computed in one backward pass (whether the region reaches
//!   its `Match` from a position is decided from the answers at the next position), so asking
//!   it again costs nothing. Nested lookaheads are computed first, the same way.
//!
//! Only "is there a match" is answered; no captures are tracked, so greedy and lazy
//! quantifiers are the same thing here.

use super::regex::{Assertion, CharSet, Node};

/// Programs larger than this are refused (counted repetitions expand).
pub const MAX_INSTS: usize = 20_000;
/// Compile steps allowed (bounds `(?:){1000}` nests that expand to nothing).
const MAX_COMPILE_STEPS: usize = 200_000;

#[derive(Debug, Clone, Copy)]
enum Inst {
    /// Consume one character of `sets[set]`.
    Set {
        set: u32,
        next: u32,
    },
    Split(u32, u32),
    Assert {
        kind: Assertion,
        next: u32,
    },
    Look {
        id: u32,
        negate: bool,
        next: u32,
    },
    Match,
}

#[derive(Debug, Clone)]
struct LookRegion {
    start: u32,
    /// The instructions `lo..hi` belong to this lookahead (including any nested in it).
    lo: u32,
    hi: u32,
}

#[derive(Debug, Clone)]
pub struct Program {
    insts: Vec<Inst>,
    sets: Vec<CharSet>,
    start: u32,
    looks: Vec<LookRegion>,
    /// Epsilon predecessors: `rev_eps[i]` lists the non-consuming instructions with an edge to `i`.
    rev_eps: Vec<Vec<u32>>,
    /// The pattern begins with `^`: no need to try later starting positions.
    anchored: bool,
}

struct Compiler {
    insts: Vec<Inst>,
    sets: Vec<CharSet>,
    looks: Vec<LookRegion>,
    steps: usize,
}

impl Compiler {
    fn push(&mut self, inst: Inst) -> Result<u32, String> {
        if self.insts.len() >= MAX_INSTS {
            return Err(format!(
                "regex: the pattern is too large (more than {MAX_INSTS} states)"
            ));
        }
        self.insts.push(inst);
        Ok((self.insts.len() - 1) as u32)
    }

    /// Emits `node` so that it continues at `next`; returns its entry.
    fn emit(&mut self, node: &Node, next: u32) -> Result<u32, String> {
        self.steps += 1;
        if self.steps > MAX_COMPILE_STEPS {
            return Err("regex: the pattern is too large to compile".into());
        }
        match node {
            Node::Empty => Ok(next),
            Node::Set(set) => {
                let index = match self.sets.iter().position(|s| s == set) {
                    Some(index) => index,
                    None => {
                        self.sets.push(set.clone());
                        self.sets.len() - 1
                    }
                };
                self.push(Inst::Set {
                    set: index as u32,
                    next,
                })
            }
            Node::Concat(nodes) => {
                let mut entry = next;
                for node in nodes.iter().rev() {
                    entry = self.emit(node, entry)?;
                }
                Ok(entry)
            }
            Node::Alt(nodes) => {
                let mut entries = Vec::with_capacity(nodes.len());
                for node in nodes {
                    entries.push(self.emit(node, next)?);
                }
                let mut entry = entries.pop().unwrap_or(next);
                while let Some(other) = entries.pop() {
                    entry = self.push(Inst::Split(other, entry))?;
                }
                Ok(entry)
            }
            Node::Repeat { node, min, max } => {
                let mut entry = match max {
                    None => {
                        let repeat = self.push(Inst::Split(0, 0))?;
                        let body = self.emit(node, repeat)?;
                        self.insts[repeat as usize] = Inst::Split(body, next);
                        repeat
                    }
                    Some(max) => {
                        let mut entry = next;
                        for _ in *min..*max {
                            let body = self.emit(node, entry)?;
                            entry = self.push(Inst::Split(body, next))?;
                        }
                        entry
                    }
                };
                for _ in 0..*min {
                    entry = self.emit(node, entry)?;
                }
                Ok(entry)
            }
            Node::Assert(kind) => self.push(Inst::Assert { kind: *kind, next }),
            Node::Look { negate, node } => {
                let lo = self.insts.len() as u32;
                let matched = self.push(Inst::Match)?;
                let start = self.emit(node, matched)?;
                let hi = self.insts.len() as u32;
                self.looks.push(LookRegion { start, lo, hi });
                let id = (self.looks.len() - 1) as u32;
                self.push(Inst::Look {
                    id,
                    negate: *negate,
                    next,
                })
            }
        }
    }
}

fn starts_with_caret(node: &Node) -> bool {
    match node {
        Node::Assert(Assertion::Start) => true,
        Node::Concat(nodes) => nodes.first().is_some_and(starts_with_caret),
        Node::Alt(nodes) => !nodes.is_empty() && nodes.iter().all(starts_with_caret),
        _ => false,
    }
}

impl Program {
    pub fn compile(node: &Node) -> Result<Program, String> {
        let mut compiler = Compiler {
            insts: Vec::new(),
            sets: Vec::new(),
            looks: Vec::new(),
            steps: 0,
        };
        let matched = compiler.push(Inst::Match)?;
        let start = compiler.emit(node, matched)?;
        let mut rev_eps = vec![Vec::new(); compiler.insts.len()];
        for (i, inst) in compiler.insts.iter().enumerate() {
            let targets: &[u32] = match inst {
                Inst::Split(a, b) => &[*a, *b],
                Inst::Assert { next, .. } | Inst::Look { next, .. } => &[*next],
                Inst::Set { .. } | Inst::Match => &[],
            };
            for &target in targets {
                rev_eps[target as usize].push(i as u32);
            }
        }
        Ok(Program {
            insts: compiler.insts,
            sets: compiler.sets,
            start,
            looks: compiler.looks,
            rev_eps,
            anchored: starts_with_caret(node),
        })
    }

    pub fn len(&self) -> usize {
        self.insts.len()
    }

    /// `RegExp.prototype.test(text)`, with the text given as its UTF-16 code units.
    pub fn is_match(&self, text: &[u32]) -> bool {
        Run {
            program: self,
            text,
            looks: vec![None; self.looks.len()],
            marks: vec![0; self.insts.len()],
            generation: 0,
            stack: Vec::new(),
        }
        .search()
    }
}

struct Run<'a> {
    program: &'a Program,
    text: &'a [u32],
    /// Per lookahead, its answer at every position, once computed.
    looks: Vec<Option<Vec<bool>>>,
    /// `marks[i] == generation`: state `i` is already in the current position's set.
    marks: Vec<u32>,
    generation: u32,
    stack: Vec<u32>,
}

impl Run<'_> {
    fn search(&mut self) -> bool {
        let n = self.text.len();
        let mut current = Vec::new();
        let mut next = Vec::new();
        self.generation = 1;
        if self.closure(self.program.start, 0, &mut current) {
            return true;
        }
        for p in 0..n {
            if current.is_empty() && self.program.anchored {
                return false;
            }
            let c = self.text[p];
            self.generation += 1;
            next.clear();
            for &state in &current {
                if let Inst::Set { set, next: to } = self.program.insts[state as usize] {
                    if self.program.sets[set as usize].contains(c)
                        && self.closure(to, p + 1, &mut next)
                    {
                        return true;
                    }
                }
            }
            if !self.program.anchored && self.closure(self.program.start, p + 1, &mut next) {
                return true;
            }
            std::mem::swap(&mut current, &mut next);
        }
        false
    }

    /// Adds the states reachable from `from` without consuming (at position `p`) to `list`;
    /// `true` as soon as `Match` is reachable.
    fn closure(&mut self, from: u32, p: usize, list: &mut Vec<u32>) -> bool {
        self.stack.clear();
        self.stack.push(from);
        while let Some(i) = self.stack.pop() {
            let slot = &mut self.marks[i as usize];
            if *slot == self.generation {
                continue;
            }
            *slot = self.generation;
            match self.program.insts[i as usize] {
                Inst::Set { .. } => list.push(i),
                Inst::Match => return true,
                Inst::Split(a, b) => {
                    self.stack.push(b);
                    self.stack.push(a);
                }
                Inst::Assert { kind, next } => {
                    if holds(kind, self.text, p) {
                        self.stack.push(next);
                    }
                }
                Inst::Look { id, negate, next } => {
                    // The lookahead's own computation uses no `stack` or `marks`.
                    if self.look(id, p) != negate {
                        self.stack.push(next);
                    }
                }
            }
        }
        false
    }

    fn look(&mut self, id: u32, p: usize) -> bool {
        if self.looks[id as usize].is_none() {
            let table = self.look_table(id);
            self.looks[id as usize] = Some(table);
        }
        self.looks[id as usize]
            .as_ref()
            .and_then(|table| table.get(p).copied())
            .unwrap_or(false)
    }

    /// For every position `p`, whether the lookahead's region reaches its `Match` from `p`:
    /// one backward pass, each position deciding from the next one.
    fn look_table(&mut self, id: u32) -> Vec<bool> {
        let program = self.program;
        let region = &program.looks[id as usize];
        let (lo, hi) = (region.lo as usize, region.hi as usize);
        // Nested lookaheads first (their ids are smaller: they were compiled first).
        for inst in &program.insts[lo..hi] {
            if let Inst::Look { id: inner, .. } = *inst {
                if self.looks[inner as usize].is_none() {
                    let table = self.look_table(inner);
                    self.looks[inner as usize] = Some(table);
                }
            }
        }
        let n = self.text.len();
        let width = hi - lo;
        let mut table = vec![false; n + 1];
        let mut after = vec![false; width];
        let mut here = vec![false; width];
        let mut work = Vec::new();
        for p in (0..=n).rev() {
            here.iter_mut().for_each(|reach| *reach = false);
            for i in lo..hi {
                let reaches = match program.insts[i] {
                    Inst::Match => true,
                    Inst::Set { set, next } => {
                        p < n
                            && program.sets[set as usize].contains(self.text[p])
                            && (lo..hi).contains(&(next as usize))
                            && after[next as usize - lo]
                    }
                    _ => false,
                };
                if reaches {
                    here[i - lo] = true;
                    work.push(i as u32);
                }
            }
            while let Some(i) = work.pop() {
                for &j in &program.rev_eps[i as usize] {
                    let j = j as usize;
                    if !(lo..hi).contains(&j) || here[j - lo] {
                        continue;
                    }
                    let enabled = match program.insts[j] {
                        Inst::Assert { kind, .. } => holds(kind, self.text, p),
                        Inst::Look { id, negate, .. } => {
                            self.looks[id as usize]
                                .as_ref()
                                .and_then(|table| table.get(p).copied())
                                .unwrap_or(false)
                                != negate
                        }
                        _ => true,
                    };
                    if enabled {
                        here[j - lo] = true;
                        work.push(j as u32);
                    }
                }
            }
            table[p] = here[region.start as usize - lo];
            std::mem::swap(&mut here, &mut after);
        }
        table
    }
}

fn holds(kind: Assertion, text: &[u32], p: usize) -> bool {
    let word = |i: Option<usize>| {
        i.and_then(|i| text.get(i)).is_some_and(|&c| {
            char::from_u32(c).is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
        })
    };
    match kind {
        Assertion::Start => p == 0,
        Assertion::End => p == text.len(),
        Assertion::WordBoundary => word(p.checked_sub(1)) != word(Some(p)),
        Assertion::NotWordBoundary => word(p.checked_sub(1)) == word(Some(p)),
    }
}

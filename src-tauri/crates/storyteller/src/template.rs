//! The little language the story text is written in, so writers can put variety and age steps
//! right inside a sentence instead of in code:
//!
//! - `{slot}` fills in a word from the cast (`{hero}`, `{name}`, `{color}` ...).
//! - `{key?then|else}` uses `then` when the story has `key` (a name, a pet ...), else `else`.
//! - `(a|b|c)` picks one alternative at random.
//! - `#(toddler|preschool|reader)` picks by the child's age band; `#(toddler|older)` with two.
//! - `[text]` is only for ages 4 and up, `<text>` only for ages 7 and up.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use crate::age::Band;

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    Text(String),
    Slot(String),
    Choice(Vec<Vec<Node>>),
    ByBand(Vec<Vec<Node>>),
    AtLeast(Band, Vec<Node>),
    Cond { key: String, then: Vec<Node>, otherwise: Vec<Node> },
}

/// Why a template could not be read; only ever seen by the tests that check every template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TemplateError {
    pub(crate) at: usize,
    pub(crate) message: String,
}

const SPECIALS: [char; 10] = ['{', '}', '(', ')', '[', ']', '<', '>', '|', '#'];

pub(crate) fn parse(template: &str) -> Result<Vec<Node>, TemplateError> {
    let chars: Vec<char> = template.chars().collect();
    let mut parser = Parser { chars, at: 0 };
    let nodes = parser.sequence(&[])?;
    if parser.at < parser.chars.len() {
        return Err(parser.error("unexpected closing mark"));
    }
    Ok(nodes)
}

struct Parser {
    chars: Vec<char>,
    at: usize,
}

impl Parser {
    fn error(&self, message: &str) -> TemplateError {
        TemplateError { at: self.at, message: message.to_string() }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn expect(&mut self, wanted: char) -> Result<(), TemplateError> {
        if self.peek() == Some(wanted) {
            self.at += 1;
            Ok(())
        } else {
            Err(self.error(&format!("expected '{wanted}'")))
        }
    }

    /// Reads nodes until one of `stops` (not consumed) or the end.
    fn sequence(&mut self, stops: &[char]) -> Result<Vec<Node>, TemplateError> {
        let mut nodes = Vec::new();
        let mut text = String::new();
        while let Some(c) = self.peek() {
            if stops.contains(&c) {
                break;
            }
            if !SPECIALS.contains(&c) {
                text.push(c);
                self.at += 1;
                continue;
            }
            if !text.is_empty() {
                nodes.push(Node::Text(std::mem::take(&mut text)));
            }
            self.at += 1;
            let node = match c {
                '{' => self.slot()?,
                '(' => Node::Choice(self.alternatives()?),
                '#' => {
                    self.expect('(')?;
                    let options = self.alternatives()?;
                    if !(2..=3).contains(&options.len()) {
                        return Err(self.error("an age choice needs two or three options"));
                    }
                    Node::ByBand(options)
                }
                '[' => {
                    let inner = self.sequence(&[']'])?;
                    self.expect(']')?;
                    Node::AtLeast(Band::Preschool, inner)
                }
                '<' => {
                    let inner = self.sequence(&['>'])?;
                    self.expect('>')?;
                    Node::AtLeast(Band::Reader, inner)
                }
                _ => {
                    self.at -= 1;
                    return Err(self.error("unexpected mark"));
                }
            };
            nodes.push(node);
        }
        if !text.is_empty() {
            nodes.push(Node::Text(text));
        }
        Ok(nodes)
    }

    /// After `(`: options separated by `|`, through the closing `)`.
    fn alternatives(&mut self) -> Result<Vec<Vec<Node>>, TemplateError> {
        let mut options = vec![self.sequence(&['|', ')'])?];
        while self.peek() == Some('|') {
            self.at += 1;
            options.push(self.sequence(&['|', ')'])?);
        }
        self.expect(')')?;
        Ok(options)
    }

    /// After `{`: a slot name, or a condition with its branches, through the closing `}`.
    fn slot(&mut self) -> Result<Node, TemplateError> {
        let mut name = String::new();
        while let Some(c) = self.peek() {
            if c.is_ascii_alphanumeric() || c == '_' {
                name.push(c);
                self.at += 1;
            } else {
                break;
            }
        }
        if name.is_empty() {
            return Err(self.error("a slot needs a name"));
        }
        match self.peek() {
            Some('}') => {
                self.at += 1;
                Ok(Node::Slot(name))
            }
            Some('?') => {
                self.at += 1;
                let then = self.sequence(&['|', '}'])?;
                let otherwise = if self.peek() == Some('|') {
                    self.at += 1;
                    self.sequence(&['}'])?
                } else {
                    Vec::new()
                };
                self.expect('}')?;
                Ok(Node::Cond { key: name, then, otherwise })
            }
            _ => Err(self.error("expected '}' or '?' after a slot name")),
        }
    }
}

/// Templates already read, by where their text lives (address and length): every template is a
/// `'static` string, so its address names it. `None` marks one that cannot be read.
type ParsedTemplates = HashMap<(usize, usize), Option<Rc<[Node]>>>;

thread_local! {
    /// Each thread reads each template once, however many stories it writes.
    static PARSED: RefCell<ParsedTemplates> = RefCell::new(HashMap::new());
}

/// The nodes of a template, read once per thread; `None` when it cannot be read.
pub(crate) fn parsed(template: &'static str) -> Option<Rc<[Node]>> {
    let key = (template.as_ptr() as usize, template.len());
    PARSED.with(|cache| {
        cache.borrow_mut().entry(key).or_insert_with(|| parse(template).ok().map(Rc::from)).clone()
    })
}

/// What fills a template: the writer answers slots, conditions and random choices.
pub(crate) trait Filler {
    fn band(&self) -> Band;
    fn slot(&mut self, name: &str) -> String;
    fn has(&self, key: &str) -> bool;
    fn choose(&mut self, options: usize) -> usize;
}

pub(crate) fn render(nodes: &[Node], filler: &mut dyn Filler, out: &mut String) {
    for node in nodes {
        match node {
            Node::Text(text) => out.push_str(text),
            Node::Slot(name) => {
                let value = filler.slot(name);
                out.push_str(&value);
            }
            Node::Choice(options) => {
                let index = filler.choose(options.len());
                if let Some(option) = options.get(index) {
                    render(option, filler, out);
                }
            }
            Node::ByBand(options) => {
                let index = filler.band().index().min(options.len().saturating_sub(1));
                if let Some(option) = options.get(index) {
                    render(option, filler, out);
                }
            }
            Node::AtLeast(band, inner) => {
                if filler.band() >= *band {
                    render(inner, filler, out);
                }
            }
            Node::Cond { key, then, otherwise } => {
                let branch = if filler.has(key) { then } else { otherwise };
                render(branch, filler, out);
            }
        }
    }
}

/// Every slot name and condition key used anywhere in a template, with the condition keys that
/// guard it, so tests can prove optional people and places are only named when given.
#[cfg(test)]
pub(crate) fn slots_with_guards(nodes: &[Node]) -> Vec<(String, Vec<String>)> {
    fn walk(nodes: &[Node], guards: &mut Vec<String>, found: &mut Vec<(String, Vec<String>)>) {
        for node in nodes {
            match node {
                Node::Text(_) => {}
                Node::Slot(name) => found.push((name.clone(), guards.clone())),
                Node::Choice(options) | Node::ByBand(options) => {
                    for option in options {
                        walk(option, guards, found);
                    }
                }
                Node::AtLeast(_, inner) => walk(inner, guards, found),
                Node::Cond { key, then, otherwise } => {
                    found.push((format!("?{key}"), guards.clone()));
                    guards.push(key.clone());
                    walk(then, guards, found);
                    guards.pop();
                    walk(otherwise, guards, found);
                }
            }
        }
    }
    let mut found = Vec::new();
    walk(nodes, &mut Vec::new(), &mut found);
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fixed {
        band: Band,
        pick: usize,
    }

    impl Filler for Fixed {
        fn band(&self) -> Band {
            self.band
        }
        fn slot(&mut self, name: &str) -> String {
            name.to_uppercase()
        }
        fn has(&self, key: &str) -> bool {
            key == "name"
        }
        fn choose(&mut self, options: usize) -> usize {
            self.pick.min(options - 1)
        }
    }

    fn fill(template: &str, band: Band, pick: usize) -> String {
        let nodes = parse(template).expect("test templates are well formed");
        let mut out = String::new();
        render(&nodes, &mut Fixed { band, pick }, &mut out);
        out
    }

    #[test]
    fn choices_slots_and_conditions() {
        let template = "(Hi|Hello) {hero}{name?, said {name}|}{pet? and {pet}|}.";
        assert_eq!(fill(template, Band::Toddler, 0), "Hi HERO, said NAME.");
        assert_eq!(fill(template, Band::Toddler, 1), "Hello HERO, said NAME.");
    }

    #[test]
    fn age_steps() {
        let template = "#(a|b|c) [m]<r>#(x|y)";
        assert_eq!(fill(template, Band::Toddler, 0), "a x");
        assert_eq!(fill(template, Band::Preschool, 0), "b my");
        assert_eq!(fill(template, Band::Reader, 0), "c mry");
    }

    #[test]
    fn nesting_works() {
        let template = "{name?(a {hero}|b)[ (c|d <e>)]|z}";
        assert_eq!(fill(template, Band::Reader, 1), "b d e");
    }

    #[test]
    fn malformed_templates_are_reported() {
        assert!(parse("(open").is_err());
        assert!(parse("close)").is_err());
        assert!(parse("{}").is_err());
        assert!(parse("{name").is_err());
        assert!(parse("#(only one)").is_err());
        assert!(parse("[a|b]").is_err());
    }

    #[test]
    fn guards_are_tracked() {
        let nodes = parse("{name?{name} and {pet}|{hero}}").expect("well formed");
        let found = slots_with_guards(&nodes);
        assert!(found.contains(&("name".to_string(), vec!["name".to_string()])));
        assert!(found.contains(&("hero".to_string(), vec![])));
    }
}
